"""`hocvuso check-site SITE`: the publication gate of hocvuso.gate over a built site."""

from __future__ import annotations

from .. import gate


def main(argv: list[str] | None = None, *, prog: str = "hocvuso check-site") -> int:
    return gate.main(argv, prog=prog)
