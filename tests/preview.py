"""`mkdocs serve` on a copy of a project, as an editor runs it (`make serve`), on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
def mkdocs_serve(project: Path, log: Path, *extra: str) -> Iterator[str]:
    """Start `mkdocs serve` in `project` as `make serve` does (output to `log`); yields the base URL once up."""
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
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
