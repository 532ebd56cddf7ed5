#!/usr/bin/env python3
"""Bytes and requests a learner spends before the first search results show, at N lessons per language
(default 1,000) and at the shipped curriculum.

    python scripts/bench_search.py [--lessons N] [--realistic] [--shipped]
For each cold query (submitted, nothing cached): the files the browser loads before it shows the results (the
shards of its words, then the page files of the first results; the manifest, and on a small site every title,
is inside the search page) and their gzip size (level 6, as a web server sends them), and how many of the ten
results shown get a snippet with the query's words marked. Budget (issue 13): 8 KB and 4 requests per cold
query. Also printed: the whole index (every file, gzipped one by one as a server sends them, and raw as the
offline copy and the service worker hold them) and what the search page carries.
The curriculum is scripts/synthetic.py's, whose repeated sentences make gzip figures optimistic; --realistic
instead builds lessons from the real curriculum's titles, summaries and sentences, shuffled, so that text,
titles and postings vary like real content.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hocvuso.loader import load_curriculum
from hocvuso.search import build_search_index, manifest, search, snippet_for
from scripts.synthetic import write_synthetic

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 8_000
REQUESTS = 4
QUERIES = {"vi": ["mật khẩu", "mat khau", "dang nhap", "chuyen tien", "dich vu cong", "ma otp", "dien thoai",
                  "cong an"],
           "en": ["password", "otp code", "your phone", "bank account", "police"]}


def write_realistic(target: Path, n: int) -> Path:
    """n lessons whose text is real lesson text, recombined (titles and summaries spliced, sentences shuffled)."""
    real = load_curriculum(ROOT).curriculum
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "curriculum", target / "curriculum", ignore=shutil.ignore_patterns("lessons"))
    rng = random.Random(1)
    pools = {}
    for lang in ("vi", "en"):
        texts = [lesson.texts[lang] for lesson in real.lessons if lang in lesson.texts]
        prose = [re.sub(r"\s+", " ", re.sub(r"[#*\[\]()|>]", " ", t.body)) for t in texts]
        sentences = [s for p in prose for s in re.split(r"(?<=[.!?])\s+", p) if len(s) > 20]
        pools[lang] = ([t.title for t in texts], [t.summary for t in texts if t.summary], sentences)
    for i in range(n):
        folder = target / "curriculum" / "lessons" / f"lesson-{i:04d}"
        folder.mkdir(parents=True)
        (folder / "lesson.yml").write_text(f"id: lesson-{i:04d}\ncompetences: []\naudiences: []\nduration: 5\n")
        for lang, (titles, summaries, sentences) in pools.items():
            a, b = (t.split() for t in rng.sample(titles, 2))
            s1, s2 = rng.sample(summaries, 2)
            front = {"title": " ".join(a[: len(a) // 2 + 1] + b[len(b) // 2:]),
                     "summary": s1[: len(s1) // 2] + s2[len(s2) // 2:]}
            body = "\n\n".join(" ".join(rng.sample(sentences, 5)) for _ in range(8))
            head = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
            (folder / f"{lang}.md").write_text(f"---\n{head}---\n\n{body}\n", "utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--realistic", action="store_true")
    parser.add_argument("--shipped", action="store_true", help="the shipped curriculum instead")
    args = parser.parse_args()
    worst = most = 0
    with tempfile.TemporaryDirectory() as tmp:
        make = write_realistic if args.realistic else write_synthetic
        cur = load_curriculum(ROOT if args.shipped else make(Path(tmp) / "project", args.lessons)).curriculum
        for lang, queries in QUERIES.items():
            start = time.perf_counter()
            index = build_search_index(cur, lang)
            total = sum(len(gzip.compress(c, 6)) for c in index.files.values())
            raw = sum(len(c) for c in index.files.values())
            page = len(gzip.compress(manifest(index).encode(), 6))
            print(f"{lang}: {len(index.docs)} documents, {len(index.files)} files, {total / 1000:.1f} KB gzipped "
                  f"in all ({raw / 1000:.0f} KB raw), built in {time.perf_counter() - start:.1f} s; the search "
                  f"page carries {page / 1000:.1f} KB gzipped ({'every title' if index.inline else 'no titles'})")
            for query in queries:
                names = [n for n in index.files_for(query, typing=False) if n != "docs.js"]
                size = sum(len(gzip.compress(index.files[name], 6)) for name in names)
                worst, most = max(worst, size), max(most, len(names))
                ids = search(index, query, typing=False)
                marked = sum(bool(snippet_for(index, d, query, typing=False)[1]) for d in ids[:10])
                print(f"  {query!r:16} {len(ids):5} results  {size / 1000:5.1f} KB in {len(names):2} files, "
                      f"matched sentence {marked:2}/{min(10, len(ids)):2}: {' '.join(names)}")
    print(f"worst cold query: {worst / 1000:.1f} KB (budget {BUDGET / 1000:.0f} KB), {most} requests "
          f"(budget {REQUESTS})")
    return 0 if worst <= BUDGET and most <= REQUESTS else 1


if __name__ == "__main__":
    raise SystemExit(main())
