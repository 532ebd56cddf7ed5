"""`python -m hocvuso COMMAND …`: the same as the `hocvuso` command (for a venv without its scripts on PATH)."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main(prog="python -m hocvuso"))
