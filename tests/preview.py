"""`mkdocs serve` on a copy of a project, as an editor runs it (`make serve`), on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PREVIEW_ENV = {"NO_MKDOCS_2_WARNING": "1"}
PREVIEW_ARGS = ("--dirty",)
"""What `make serve` passes (a test checks the Makefile says the same)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, timeout: float = 10) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


@contextmanager
def mkdocs_serve(project: Path, log: Path, *extra: str,
                 started: Callable[[subprocess.Popen[bytes]], None] | None = None) -> Iterator[str]:
    """Start `mkdocs serve` in `project` as `make serve` does (output to `log`); yields the base URL once up.
    `started` is given the server's process (scripts/bench_preview.py reads its CPU time)."""
    extra = extra or PREVIEW_ARGS
    port = free_port()
    # As `make serve` runs it (the theme prints its end-of-life banner before any plugin is loaded).
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **PREVIEW_ENV}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *extra],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 300
        while True:
            if proc.poll() is not None:
                raise AssertionError("mkdocs serve stopped:\n" + log.read_text("utf-8"))
            try:
                fetch(url, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        if started is not None:
            started(proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def serve_builds(project: Path) -> Iterator[tuple[Callable[[], None], Path]]:
    """The rebuilds of `mkdocs serve --dirty` in `project`, in this process and without the server: yields a
    function that rebuilds after a save (as the server's builder does: the configuration read again, the same
    plugin instances) and waits for the work that follows it, and the site folder the server would serve."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = project.parent / "served"
    url = "http://127.0.0.1:8000/"

    def rebuild(config: Any = None) -> None:
        config = config or load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = url
        build(config, serve_url=url, dirty=True)
        config.plugins["hocvuso"].settle()  # the search index follows the updated pages a moment later

    argv = sys.argv
    sys.argv = ["mkdocs", "serve", *PREVIEW_ARGS]  # mkdocs-static-i18n reads --dirty from the command line
    os.environ.update(PREVIEW_ENV)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    try:
        config.plugins.on_startup(command="serve", dirty="--dirty" in PREVIEW_ARGS)
        rebuild(config)
        yield rebuild, site
    finally:
        sys.argv = argv
        config.plugins.on_shutdown()
