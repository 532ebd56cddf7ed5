"""The 2G budget of a cold search query on the shipped curriculum (issue 13): at most 4 files and 8 KB gzipped
before the results show, computed from the built index as scripts/bench_search.py does, for queries of up to
three words (one file per word: a longer query costs one file per further word). The search page carries the
manifest and every title; the first results' snippets come in the files left."""

from __future__ import annotations

import gzip
import json

import pytest

from hocvuso.loader import load_curriculum
from hocvuso.search import INLINE_LIMIT, REQUESTS, SearchIndex, build_search_index, manifest, search, snippet_for
from hocvuso.text import fold
from scripts.bench_search import QUERIES
from tests.conftest import ROOT

BUDGET = 8_000
"""Gzipped bytes of the files a cold query loads (issue 13)."""
EXTRA = {"vi": ["otp", "lừa đảo", "vneid", "ngân hàng", "căn cước"],
         "en": ["scam", "vneid", "online banking", "check the sender"]}


@pytest.fixture(scope="module")
def shipped() -> dict[str, SearchIndex]:
    cur = load_curriculum(ROOT).curriculum
    return {lang: build_search_index(cur, lang) for lang in ("vi", "en")}


@pytest.mark.parametrize(("lang", "query"), [(lang, q) for lang, qs in QUERIES.items() for q in qs]
                         + [(lang, q) for lang, qs in EXTRA.items() for q in qs])
def test_a_cold_query_fits_four_files_and_8_kb(shipped: dict[str, SearchIndex], lang: str, query: str) -> None:
    index = shipped[lang]
    ids = search(index, query, typing=False)
    assert len(ids) >= 3, "the query should find pages"
    # The search page carries the manifest: docs.js is only for a page that does not.
    names = [n for n in index.files_for(query, typing=False) if n != "docs.js"]
    size = sum(len(gzip.compress(index.files[n], 6)) for n in names)
    assert len(names) <= REQUESTS and size <= BUDGET, f"{names}: {size} bytes"
    # Those files hold the first result's snippet: its page file is among them.
    first = index.files_for(query, typing=False)[-1]
    assert json.loads(index.files[first].decode("utf-8")[len("\ufeffhvSearchData.push("):-3])[2]
    assert snippet_for(index, ids[0], query, typing=False)[0]


def test_the_search_page_carries_every_title_of_the_shipped_curriculum(shipped: dict[str, SearchIndex]) -> None:
    for index in shipped.values():
        assert index.inline
        data = json.loads(manifest(index))
        assert [row[0] for row in data["t"]] == [d.title for d in index.docs]
        assert len(gzip.compress(manifest(index).encode(), 6)) <= INLINE_LIMIT


def test_most_results_of_the_benchmark_queries_show_their_matched_sentence(shipped: dict[str, SearchIndex]) -> None:
    """Sentences kept per page are a budget (SENTENCE_CHARS): most results still show the query's words."""
    for lang, queries in QUERIES.items():
        index = shipped[lang]
        shown = [(d, q) for q in queries for d in search(index, q, typing=False)[:10]]
        marked = sum(bool(snippet_for(index, d, q, typing=False)[1]) for d, q in shown)
        assert marked >= 0.8 * len(shown), f"{lang}: {marked} of {len(shown)}"


def test_a_longer_query_costs_one_file_per_word_and_one_for_the_first_snippets(
        shipped: dict[str, SearchIndex]) -> None:
    index = shipped["vi"]
    names = [n for n in index.files_for("lừa đảo qua điện thoại", typing=False) if n != "docs.js"]
    words = ["lừa", "đảo", "qua", "điện", "thoại"]
    assert sorted(names[:5]) == sorted(f"{index.key_of(fold(w))}.js" for w in words)
    assert len(names) == 6 and names[5].startswith("docs")
