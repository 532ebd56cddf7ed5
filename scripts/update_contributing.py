#!/usr/bin/env python3
"""Write the table of rule ids in CONTRIBUTING.md, in Vietnamese and English, from hocvuso/rules.py and
hocvuso/messages.py, so the guide never lists stale rules.

    python scripts/update_contributing.py           # rewrite the table between <!-- rules:start/end -->
    python scripts/update_contributing.py --check   # exit 1 if it is out of date (tests run this)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.messages import rule_meaning
from hocvuso.rules import RULES

GUIDE = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_table() -> str:
    pipe = "\\|"  # a | inside a table cell must be escaped
    rows = [f"| `{rule}` | {rule_meaning(rule, 'vi').replace('|', pipe)} | {meaning.replace('|', pipe)} |"
            for rule, meaning in RULES.items()]
    return "\n".join(["| mã / rule id | nghĩa (tiếng Việt) | meaning (English) |", "|---|---|---|", *rows])


def updated(text: str) -> str:
    head, found, rest = text.partition(START)
    _old, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise SystemExit(f"{GUIDE.name}: the markers {START} and {END} are missing")
    return f"{head}{START}\n{rules_table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = GUIDE.read_text("utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print(f"{GUIDE.name}: the rule table is out of date; run python scripts/update_contributing.py",
                  file=sys.stderr)
            return 1
        return 0
    if new != text:
        GUIDE.write_text(new, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
