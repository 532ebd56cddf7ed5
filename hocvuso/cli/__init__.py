"""The `hocvuso` command: one entry point with a subcommand per task (`hocvuso validate`, `hocvuso new-site`…).

Each subcommand is a module with `main(argv, prog=…) -> int`, imported only when it runs: `hocvuso --help`
and `hocvuso validate` never pay for WeasyPrint. `python -m hocvuso` and the `scripts/*.py` wrappers of this
repository run the same code through `run_command`, so Ctrl-C, Ctrl-D and a closed pipe end every command
the same way: a short line, an exit code, never a traceback.
"""

from __future__ import annotations

import difflib
import importlib
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

from .. import __version__


@dataclass(frozen=True)
class Command:
    module: str
    """Module under hocvuso.cli holding its `main`."""
    en: str
    vi: str


COMMANDS: dict[str, Command] = {
    "validate": Command("validate", "check the curriculum: every problem with its file and line "
                                    "(errors block, warnings never do)",
                        "kiểm tra chương trình học: mỗi vấn đề kèm tệp và dòng (lỗi thì chặn, cảnh báo thì không)"),
    "coverage": Command("coverage", "which lessons teach, and which quiz questions check, each skill every "
                                    "group of learners needs",
                        "bài nào dạy, câu hỏi nào kiểm tra từng năng lực mà mỗi nhóm người học cần"),
    "lesson": Command("lesson", "start a new lesson folder (asks for anything not given)",
                      "tạo thư mục bài học mới (hỏi những gì chưa có)"),
    "handouts": Command("handouts", "print the PDF handouts: learner sheets, teacher guides, class packs",
                        "in tài liệu PDF: phiếu người học, hướng dẫn người dạy, tập tài liệu lớp học"),
    "check-site": Command("check_site", "check a built site before publishing it (nothing in it may run script)",
                          "kiểm tra trang đã dựng trước khi đăng (không gì trong đó được chạy mã)"),
    "new-site": Command("new_site", "create a new bilingual site: one group of learners, one course, one lesson",
                        "tạo trang mới song ngữ: một nhóm người học, một khóa học, một bài học"),
    "translation-diff": Command("translation_diff", "what changed in a lesson since its translation was made",
                                "bài học đã đổi gì từ khi được dịch"),
    "offline": Command("offline", "zip the built site to use it without a connection (USB stick, phone)",
                       "nén trang đã dựng để dùng khi không có mạng (USB, điện thoại)"),
    "zim": Command("zim", "export the built site as Kiwix ZIM files, one per language",
                   "xuất trang đã dựng thành tệp ZIM cho Kiwix, mỗi ngôn ngữ một tệp"),
}

_USAGE = {
    "en": ("usage: {prog} [--lang vi|en] COMMAND [options]\n\n"
           "Học vụ số {version}: build an open-courseware site from a curriculum of lessons and quizzes.\n\n"
           "Commands:\n{commands}\n\n"
           "Help on one command: {prog} COMMAND --help\n"
           "Start a new site:    {prog} new-site my-site && cd my-site && mkdocs serve\n"),
    "vi": ("cách dùng: {prog} [--lang vi|en] LỆNH [tuỳ chọn]\n\n"
           "Học vụ số {version}: dựng trang học liệu mở từ chương trình gồm bài học và câu hỏi.\n\n"
           "Các lệnh:\n{commands}\n\n"
           "Xem hướng dẫn một lệnh: {prog} LỆNH --help\n"
           "Tạo trang mới:          {prog} new-site trang-cua-toi && cd trang-cua-toi && mkdocs serve\n"),
}
_WORDS = {
    "en": {"unknown": "{prog}: '{name}' is not a command.{hint} See: {prog} --help",
           "hint": " Did you mean '{match}'?", "option": "{prog}: unknown option '{option}'. See: {prog} --help",
           "lang": "{prog}: --lang takes vi or en", "none": "{prog}: which command? See the list above."},
    "vi": {"unknown": "{prog}: không có lệnh '{name}'.{hint} Xem: {prog} --help",
           "hint": " Có phải ý bạn là '{match}'?", "option": "{prog}: không có tuỳ chọn '{option}'. Xem: {prog} --help",
           "lang": "{prog}: --lang nhận vi hoặc en", "none": "{prog}: lệnh nào? Xem danh sách ở trên."},
}
STOPPED = "Đã dừng. / Stopped."
"""What an interrupted command says: the language of the project may not be known yet."""

_MESSAGE_LANG_COMMANDS = ("validate", "translation-diff", "new-site")
"""Commands whose own `--lang` chooses the language of their messages: `hocvuso --lang en validate` passes it on
(coverage's and zim's `--lang` choose content, not messages)."""


def main(argv: list[str] | None = None, *, prog: str = "hocvuso") -> int:
    """`hocvuso [--lang vi|en] COMMAND [options]`: run one command and return its exit code."""
    return run_command(lambda: _dispatch(list(sys.argv[1:] if argv is None else argv), prog))


def _dispatch(args: list[str], prog: str) -> int:
    lang: str | None = None
    while args and args[0].startswith("-"):
        option = args.pop(0)
        if option in ("-h", "--help"):
            print(render_help(prog, help_language(lang)))
            return 0
        if option == "--version":
            print(f"hocvuso {__version__}")
            return 0
        if option == "--lang" or option.startswith("--lang="):
            value = option.partition("=")[2] if "=" in option else (args.pop(0) if args else "")
            if value not in _USAGE:
                print(_WORDS[help_language(lang)]["lang"].format(prog=prog), file=sys.stderr)
                return 2
            lang = value
            continue
        print(_WORDS[help_language(lang)]["option"].format(prog=prog, option=option), file=sys.stderr)
        return 2
    words = _WORDS[help_language(lang)]
    if not args:
        print(render_help(prog, help_language(lang)), file=sys.stderr)
        print(words["none"].format(prog=prog), file=sys.stderr)
        return 2
    name, rest = args[0], args[1:]
    if name == "help":  # `hocvuso help validate` reads like `git help`
        if not rest:
            print(render_help(prog, help_language(lang)))
            return 0
        name, rest = rest[0], ["--help"]
    command = COMMANDS.get(name)
    if command is None:
        match = difflib.get_close_matches(name, COMMANDS, n=1)
        hint = words["hint"].format(match=match[0]) if match else ""
        print(words["unknown"].format(prog=prog, name=name, hint=hint), file=sys.stderr)
        return 2
    if lang and name in _MESSAGE_LANG_COMMANDS and not any(a == "--lang" or a.startswith("--lang=") for a in rest):
        rest = ["--lang", lang, *rest]
    module = importlib.import_module(f"{__name__}.{command.module}")
    run: Callable[..., int] = module.main
    return run(rest, prog=f"{prog} {name}")


def help_language(flag: str | None = None) -> str:
    """`--lang` if given; else the project's source language (in a project folder); else the system's."""
    from ..messages import message_language

    if flag:
        return flag
    if os.path.isfile(os.path.join("curriculum", "config.yml")):
        return message_language(".")
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "vi" if system.startswith("vi") else "en"


def render_help(prog: str, lang: str) -> str:
    width = max(len(name) for name in COMMANDS)
    commands = "\n".join(f"  {name:<{width}}  {getattr(c, lang)}" for name, c in COMMANDS.items())
    return _USAGE[lang].format(prog=prog, version=__version__, commands=commands).rstrip("\n")


def run_command(command: Callable[[], int]) -> int:
    """Run one command as the terminal expects: Ctrl-C or Ctrl-D stops it with one short line and exit 130,
    a closed pipe (`hocvuso validate | head`) ends it quietly; never a traceback."""
    main_pid = os.getpid()

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        # Forked workers (handouts, large validations) inherit this handler: they ignore the key and the main
        # process, which stops them, reports once. Left to Python, every worker would print its own traceback.
        if os.getpid() == main_pid:
            raise KeyboardInterrupt

    installed = _can_handle_signals()
    previous = signal.signal(signal.SIGINT, on_interrupt) if installed else None
    try:
        return command()
    except (KeyboardInterrupt, EOFError):
        print(f"\n{STOPPED}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Python would complain again while flushing stdout at exit: point it at nothing instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        if installed:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


def _can_handle_signals() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
