"""Debian's chromium driven by Playwright, and a static server for a built site.

Browser tests may skip on a laptop without chromium, but never in CI (CI=true): there, a missing browser
is a failure, because scripts/setup.sh installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium tries to reach Google's hosts at every start.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: scripts/setup.sh should have installed it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


@contextmanager
def launch() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served_fixture_site(tmp: Path) -> Iterator[str]:
    """Build the tiny fixture into a real site (strict) and serve it; yields the base URL."""
    from tests.conftest import FIXTURE
    from tests.sitebuild import mkdocs_build

    project = tmp / "project"
    shutil.copytree(FIXTURE, project)
    proc = mkdocs_build(project, "--strict")
    assert proc.returncode == 0, proc.stderr
    with serve(project / "site") as url:
        yield url


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free loopback port; yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
