"""The live preview (`mkdocs serve`): curriculum errors shown on every page, and pages that reload by themselves.

When an edit breaks the curriculum, the preview keeps the last good site and puts the list of errors (file:line,
rule, message) at the top of every page, as plain HTML: the pages' Content-Security-Policy allows no inline
script, and none is needed. MkDocs' own reload script is inline, so the policy blocks it; PREVIEW_SCRIPT, a
file of the site (script-src 'self'), does the same long poll, so a page shows the errors, and returns to the
lesson, a moment after each save. Neither is ever part of a built site: both are added only while serving.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from .diagnostic import Diagnostic

ERROR_BANNER_ID = "hv-build-errors"
PREVIEW_SCRIPT_PATH = "assets/hv-preview.js"

# Reads the epoch from MkDocs' (blocked) inline script and asks the server, as it would, for a newer build.
PREVIEW_SCRIPT = """\
(function () {
  "use strict";
  var found = null;
  for (var i = 0; i < document.scripts.length && !found; i++) {
    found = /livereload\\((\\d+), (\\d+)\\)/.exec(document.scripts[i].textContent || "");
  }
  if (!found) { return; }
  var epoch = Number(found[1]), id = found[2];
  function poll() {
    fetch("/livereload/" + epoch + "/" + id, {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (text) { if (Number(text) > epoch) { location.reload(); } else { poll(); } },
            function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""


def render_error_banner(page_html: str, errors: Sequence[Diagnostic], lang: str, limit: int = 20) -> str:
    """`page_html` with the curriculum's errors at the top of <body> (escaped; no script, no style)."""
    if lang == "vi":
        title = f"Chương trình học có {len(errors)} lỗi: trang này là bản cũ, chưa có thay đổi mới nhất."
        tail = "Sửa các lỗi rồi lưu tệp: trang tự tải lại."
    else:
        title = f"The curriculum has {len(errors)} error(s): this page is the last good version."
        tail = "Fix them and save: the page reloads by itself."
    items = []
    for d in errors[:limit]:
        text = d.as_text(lang).split(f"[{d.rule}] ", 1)[-1]
        items.append(f"<li><code>{html.escape(f'{d.path}:{d.line}')}</code> [{html.escape(d.rule)}] "
                     f"{html.escape(text)}</li>")
    if len(errors) > limit:
        items.append(f"<li>… +{len(errors) - limit}</li>")
    banner = (f'<div id="{ERROR_BANNER_ID}" class="hv-notice" role="alert" lang="{lang}">'
              f"<p><strong>{html.escape(title)}</strong></p><ul>{''.join(items)}</ul>"
              f"<p>{html.escape(tail)}</p></div>")
    start = page_html.find("<body")
    end = page_html.find(">", start) if start >= 0 else -1
    if end < 0:
        return banner + page_html
    return page_html[: end + 1] + banner + page_html[end + 1:]


def add_preview_script(page_html: str, src: str) -> str:
    """A deferred external script before </body> (the policy allows scripts of the site itself)."""
    tag = f'<script src="{html.escape(src)}" defer></script>'
    end = page_html.rfind("</body>")
    return page_html + tag if end < 0 else page_html[:end] + tag + page_html[end:]


def write_preview_script(site_dir: Path) -> None:
    target = site_dir / PREVIEW_SCRIPT_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text("utf-8") != PREVIEW_SCRIPT:
        target.write_text(PREVIEW_SCRIPT, "utf-8")
