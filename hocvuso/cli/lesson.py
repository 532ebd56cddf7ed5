"""`hocvuso lesson`: start a lesson folder; the questions and checks live in hocvuso.scaffold."""

from __future__ import annotations

from .. import scaffold


def main(argv: list[str] | None = None, *, prog: str = "hocvuso lesson") -> int:
    return scaffold.main(argv, prog=prog)
