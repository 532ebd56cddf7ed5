"""`hocvuso new-site DIR`: a new site that works at once, for a province, a school or a youth team.

It holds the national framework of Circular 02/2025/TT-BGDĐT exactly as this project ships it (so every site
starts on the same framework), one group of learners, one course and one lesson with its quiz, in Vietnamese
(the source) and English, a minimal mkdocs.yml and a short README. The files come from hocvuso/starter/;
mkdocs.yml and curriculum/config.yml are written here because they depend on the languages chosen. The result
validates with no error and no warning and builds with `mkdocs build --strict` (tests/test_cli.py).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

STARTER = Path(str(resources.files("hocvuso") / "starter"))
SOURCE_LANGUAGE = "vi"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
"""The languages the starter has text in; the first is the source every lesson is written in."""
DEFAULT_TITLES = {"vi": "Bình dân học vụ số", "en": "Digital Education for All"}
RENAMED = {"gitignore": ".gitignore"}
"""Starter files stored under another name (a dot file is easy to lose in a package)."""
_MODELINE = "# yaml-language-server:"
"""Schema hints point into this repository's folders: not where they are in an installed site."""

_NAV = (  # (Vietnamese title, English title, page): the site's own pages and the generated ones
    ("Trang chủ", "Home", "index.md"),
    ("Kỹ năng số", "Digital skills", "learn/skills/index.md"),
    ("Bản đồ bao phủ", "Coverage map", "learn/coverage/index.md"),
    ("Từ điển thuật ngữ", "Glossary", "learn/glossary/index.md"),
    ("Bản dịch", "Translations", "learn/translations/index.md"),
    ("Đóng góp", "Contribute", "contribute.md"),
)


@dataclass(frozen=True)
class SiteSpec:
    titles: dict[str, str]
    """Site name per language."""
    languages: tuple[str, ...] = tuple(LANGUAGE_NAMES)
    site_url: str = ""


class NewSiteError(Exception):
    """The site cannot be written there; the message says why and what to do."""


def render_mkdocs_yml(spec: SiteSpec) -> str:
    url = (f"site_url: {_quote(spec.site_url)}" if spec.site_url else
           "# site_url: https://example.org/my-site/")
    lines = [
        f"site_name: {_quote(spec.titles[SOURCE_LANGUAGE])}",
        "# The published address: the sitemap, the links between languages and the QR codes of the printed",
        "# handouts need it (without it the handouts are printed without QR code). In CI: !ENV [SITE_URL, null]",
        url,
        "",
        "theme:",
        "  name: material",
        f"  language: {SOURCE_LANGUAGE}",
        "  font: false          # system fonts only: no request to any other host",
        "  features: []         # small pages on cheap phones",
        "  palette:             # one fixed palette: a palette switch would need an inline script",
        "    scheme: default",
        "    primary: indigo",
        "    accent: indigo",
        "  # custom_dir: theme  # your own copies of any file of the hocvuso theme (templates, strings, print)",
        "",
        "# What lessons may use, and how headings get their anchors: the validator reads this same list.",
        "markdown_extensions:",
        "  - toc:",
        "      permalink: false",
        "      slugify: !!python/name:hocvuso.text.slugify",
        "  - attr_list",
        "  - admonition",
        "  - tables:",
        "      use_align_attribute: true",
        "  - md_in_html",
        "",
        "plugins:",
        "  # Order matters: hocvuso checks the curriculum and writes docs/learn/ before i18n collects the files.",
        "  - hocvuso",
        "  - i18n:",
        "      docs_structure: suffix",
        "      fallback_to_default: true",
        "      reconfigure_material: true",
        "      reconfigure_search: false",
        "      # The same languages as curriculum/config.yml.",
        "      languages:",
    ]
    for code in spec.languages:
        lines += [f"        - locale: {code}", f"          name: {_quote(LANGUAGE_NAMES[code])}"]
        if code == SOURCE_LANGUAGE:
            lines.append("          default: true")
        lines.append("          build: true")
        if code != SOURCE_LANGUAGE:
            lines.append(f"          site_name: {_quote(spec.titles.get(code) or spec.titles[SOURCE_LANGUAGE])}")
            if code == "en":
                lines.append("          nav_translations:")
                lines += [f"            {vi}: {en}" for vi, en, _ in _NAV]
    lines += ["", "nav:", *(f"  - {vi}: {page}" for vi, _, page in _NAV)]
    return "\n".join(lines) + "\n"


def render_config_yml(spec: SiteSpec) -> str:
    lines = [
        "# The languages of the curriculum, the same as in mkdocs.yml. Vietnamese is the source: every lesson is",
        "# written in it first. `required: true`: a lesson without this language is an error, not a warning.",
        f"source_language: {SOURCE_LANGUAGE}",
        "languages:",
        *(f"  - {{code: {code}, name: {LANGUAGE_NAMES[code]}, required: true}}" for code in spec.languages),
        "# The national framework (Circular 02/2025/TT-BGDĐT): lessons and groups of learners name its competences.",
        "framework: framework.yml",
        "# Web address of the repository holding this site (e.g. https://github.com/<owner>/<name>): when set,",
        "# every lesson page gets \"edit this page\" and \"suggest a correction\" links.",
        'repository: ""',
    ]
    return "\n".join(lines) + "\n"


def render_starter(spec: SiteSpec) -> dict[str, str]:
    """Every file of the new site: relative path → text."""
    files: dict[str, str] = {}
    skipped = set(LANGUAGE_NAMES) - set(spec.languages)
    for path in sorted(STARTER.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(STARTER)
        if skipped & set(rel.name.split(".")[:-1]):
            continue  # a file of a language the site does not have (en.md, quiz.en.yml, index.en.md…)
        text = path.read_text("utf-8")
        text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(_MODELINE))
        text = (text.replace("{{site_name}}", spec.titles[SOURCE_LANGUAGE])
                .replace("{{site_name_en}}", spec.titles.get("en") or spec.titles[SOURCE_LANGUAGE]))
        files[(rel.parent / RENAMED.get(rel.name, rel.name)).as_posix()] = text
    files["mkdocs.yml"] = render_mkdocs_yml(spec)
    files["curriculum/config.yml"] = render_config_yml(spec)
    return files


def write_site(target: Path, spec: SiteSpec) -> list[str]:
    """Write the new site into `target` (created if missing, refused unless empty); the paths written."""
    if target.exists() and not target.is_dir():
        raise NewSiteError(f"{target} is a file, not a folder / {target} là một tệp, không phải thư mục")
    if target.is_dir() and any(target.iterdir()):
        raise NewSiteError(f"{target} is not empty: give a new folder, nothing was written / {target} không trống: "
                           "hãy chọn một thư mục mới, chưa ghi gì")
    files = render_starter(spec)
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return sorted(files)


def parse_titles(values: list[str]) -> dict[str, str]:
    """`--title TEXT` names the site in Vietnamese, `--title en=TEXT` in English (as `hocvuso lesson` does)."""
    titles = dict(DEFAULT_TITLES)
    for value in values:
        code, sep, text = value.partition("=")
        if sep and code in LANGUAGE_NAMES:
            titles[code] = text.strip()
        else:
            titles[SOURCE_LANGUAGE] = value.strip()
    return titles


def parse_languages(value: str) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(c.strip() for c in value.split(",") if c.strip()))
    unknown = [c for c in codes if c not in LANGUAGE_NAMES]
    if unknown or SOURCE_LANGUAGE not in codes:
        raise NewSiteError(
            f"--languages {value}: the starter has text in {', '.join(LANGUAGE_NAMES)} and is written in "
            f"{SOURCE_LANGUAGE} first, so give {SOURCE_LANGUAGE} or {','.join(LANGUAGE_NAMES)}; add another language "
            "afterwards (curriculum/config.yml, mkdocs.yml, and its files next to each lesson)")
    return (SOURCE_LANGUAGE, *(c for c in codes if c != SOURCE_LANGUAGE))


def main(argv: list[str] | None = None, *, prog: str = "hocvuso new-site") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Create a new site in DIR: a curriculum on the national framework (Circular 02/2025/TT-BGDĐT) "
                    "with one group of learners, one course and one lesson with a quiz, in Vietnamese and English. "
                    "Then: cd DIR && mkdocs serve.",
        epilog=f"Example: {prog} hocvuso-tinh-x --title 'Học vụ số tỉnh X' --title en='Digital skills, X province'")
    parser.add_argument("dir", type=Path, help="folder to create (it must not exist yet, or be empty)")
    parser.add_argument("--title", action="append", default=[], metavar="[en=]TEXT",
                        help=f"site name in Vietnamese, or in English with en=TEXT (default: "
                             f"'{DEFAULT_TITLES['vi']}' / '{DEFAULT_TITLES['en']}')")
    parser.add_argument("--languages", default=",".join(LANGUAGE_NAMES), metavar="vi[,en]",
                        help="languages of the site (default: vi,en; Vietnamese is the source)")
    parser.add_argument("--site-url", default="", metavar="URL",
                        help="the address the site will be published at (for the sitemap and the QR codes of the "
                             "printed handouts; can be set later in mkdocs.yml)")
    parser.add_argument("--lang", choices=("vi", "en"), default=None,
                        help="language of the messages (default: both)")
    args = parser.parse_args(argv)
    if args.site_url and not args.site_url.startswith(("https://", "http://")):
        parser.error("--site-url must start with https:// or http://")
    try:
        spec = SiteSpec(parse_titles(args.title), parse_languages(args.languages), args.site_url)
        if not all(spec.titles.get(code) for code in spec.languages):
            raise NewSiteError("--title: a site name cannot be empty")
        written = write_site(args.dir, spec)
    except NewSiteError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    done = {
        "vi": (f"Đã tạo trang mới trong {args.dir}/ ({len(written)} tệp). Tiếp theo:\n"
               f"  cd {args.dir}\n"
               "  mkdocs serve         # xem trước ở http://127.0.0.1:8000\n"
               "  hocvuso validate     # kiểm tra chương trình học\n"
               "  hocvuso lesson       # viết thêm bài\n"
               "Đọc README.md để biết thêm."),
        "en": (f"Created a new site in {args.dir}/ ({len(written)} files). Next:\n"
               f"  cd {args.dir}\n"
               "  mkdocs serve         # preview at http://127.0.0.1:8000\n"
               "  hocvuso validate     # check the curriculum\n"
               "  hocvuso lesson       # write another lesson\n"
               "More in README.md."),
    }
    print("\n\n".join(done[lang] for lang in ([args.lang] if args.lang else ["vi", "en"])))
    return 0


def _quote(text: str) -> str:
    """A YAML scalar that reads back as `text` whatever it holds (a colon, a quote, a leading dash)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
