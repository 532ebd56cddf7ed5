"""`hocvuso validate`: the validator's command line lives with the validator (hocvuso.validate.main)."""

from __future__ import annotations

from .. import validate


def main(argv: list[str] | None = None, *, prog: str = "hocvuso validate") -> int:
    return validate.main(argv, prog=prog)
