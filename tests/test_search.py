"""Site search index: folding like the browser, ranking, one index per language, shards, stable bytes and the
2G budget at 1,000 lessons. hvsearch.js itself is driven in tests/test_browser_search.py."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest

from hocvuso.loader import load_curriculum
from hocvuso.model import Curriculum
from hocvuso.search import (
    DOC_CHUNK,
    EXACT_BONUS,
    REQUESTS,
    SENTENCE_CHARS,
    TITLE,
    SearchIndex,
    build_search_index,
    decode_postings,
    lookup_key,
    manifest,
    markdown_text,
    query_words,
    search,
    shard_key,
    stem,
    tokens,
    write_search_index,
)
from hocvuso.text import fold
from hocvuso.themefiles import PACKAGE_THEME
from scripts.synthetic import write_synthetic
from tests.conftest import FIXTURE, ROOT

JS = PACKAGE_THEME / "assets" / "hvsearch.js"
BUDGET = 100_000
"""Gzipped bytes of every index file a 2-word query downloads before its first results show."""

_VOWELS = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
# Every Vietnamese vowel with every tone, both cases, plus đ/Đ (and the look-alike eth Ð), words typed
# decomposed (NFD), words with several marks, and every letter of the Latin blocks the tokenizer accepts.
FOLD_SAMPLES: list[str] = [
    *(unicodedata.normalize("NFC", v + t) for v in _VOWELS + _VOWELS.upper() for t in _TONES),
    "đ", "Đ", "Ðà Nẵng", "ðêm",
    "Dịch vụ công", "ĐĂNG NHẬP", "đăng nhập", "mật khẩu", "chuyển tiền", "Trả tiền an toàn", "Nguyễn Thị Ưng",
    "Thừa Thiên Huế", "khuỷu tay", "nghiêng ngửa", "người", "Định danh điện tử (VNeID)", "Cổng Dịch vụ công!",
    "xác thực hai bước", "Bình dân học vụ số", "Mã OTP: 123456", "thuở", "quốc", "giữ", "Ửng hồng", "ỹ ỵ ỷ",
    unicodedata.normalize("NFD", "Đăng nhập bằng mật khẩu"), unicodedata.normalize("NFD", "Chuyển tiền"),
    "İstanbul", "naïve café", "Ærø", "straße", "e-mail, wi-fi; 2/2025/TT-BGDĐT",
    "".join(chr(c) for c in range(0xC0, 0x250)), "".join(chr(c) for c in range(0x1E00, 0x1F00)),
]

# Lessons added to the tiny fixture for ranking: (vi title, vi body, en title, en body).
RANKING_LESSONS = {
    "login": ("Bài một", "Cách đăng nhập tài khoản của bạn.", "Lesson one", "How to log in to your account."),
    "drafts": ("Đáng nhớ: bản nháp", "Viết bản nháp trước khi gửi.", "Worth remembering: drafts",
               "Write a draft before you send."),
    "passwords": ("Mật khẩu mạnh", "Đặt mật khẩu dài.", "Strong passwords", "Choose a long password."),
    "masks": ("Mất khẩu trang ở chợ", "Tìm lại đồ bị mất.", "Losing a face mask at the market", "Find lost things."),
    "public-services": ("Dịch vụ công trực tuyến", "Nộp hồ sơ trên Cổng Dịch vụ công.",
                        "Online public services", "Apply on the National Public Service Portal."),
    "dancers": ("Vũ công đường phố", "Một bài không liên quan.", "Street dancers", "An unrelated lesson."),
    "transfers": ("Chuyển tiền cho người thân", "Gửi tiền qua ứng dụng ngân hàng.", "Sending money to family",
                  "Send money with a banking app."),
}


def ranking_project(target: Path) -> Path:
    """The tiny fixture plus lessons whose words differ only by diacritics (not a valid curriculum: the
    loader reads it anyway, and the index needs no more)."""
    shutil.copytree(FIXTURE, target)
    for lid, (vi_title, vi_body, en_title, en_body) in RANKING_LESSONS.items():
        folder = target / "curriculum" / "lessons" / lid
        folder.mkdir()
        (folder / "lesson.yml").write_text(
            f"id: {lid}\ncompetences:\n  - {{id: \"4.2\", level: CB2}}\naudiences: [citizens]\nduration: 15\n"
            "prerequisites: []\nreviewed: 2026-11-01\nsources: []\n", "utf-8")
        for lang, title, body, steps in (("vi", vi_title, vi_body, "Các bước"), ("en", en_title, en_body, "Steps")):
            (folder / f"{lang}.md").write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"
                                               f"## {steps}\n\n{body}\n", "utf-8")
    return target


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SearchIndex]:
    cur = load_curriculum(ranking_project(tmp_path_factory.mktemp("ranking") / "project")).curriculum
    return {lang: build_search_index(cur, lang) for lang in ("vi", "en")}


@pytest.fixture(scope="module")
def tiny_indexes() -> dict[str, SearchIndex]:
    cur = load_curriculum(FIXTURE).curriculum
    return {lang: build_search_index(cur, lang) for lang in ("vi", "en")}


def titles(index: SearchIndex, query: str, *, typing: bool = True) -> list[str]:
    return [index.docs[d].title for d in search(index, query, typing=typing)]


def script_data(content: bytes) -> list[object]:
    """[lang, key, data] pushed by one index file."""
    text = content.decode("utf-8")
    assert text.startswith("\ufeffhvSearchData.push(")
    assert text.endswith(");\n")
    data = json.loads(text[text.index(".push(") + 6: -3])
    assert isinstance(data, list)
    return data


# --- folding ----------------------------------------------------------------------------------------------


def test_words_fold_to_plain_letters_and_keep_their_exact_form() -> None:
    assert tokens("Đăng NHẬP, chuyển-tiền!") == ["đăng", "nhập", "chuyển", "tiền"]
    assert [fold(t) for t in tokens("Dịch vụ công")] == ["dich", "vu", "cong"]
    # Decomposed input (typed on some keyboards) gives the same NFC words.
    assert tokens(unicodedata.normalize("NFD", "Mật khẩu")) == ["mật", "khẩu"]


def test_every_mark_the_tokenizer_accepts_is_one_the_javascript_strips() -> None:
    # hvsearch.js strips U+0300–U+036F only; Python's fold strips every combining mark. On the characters a
    # word can contain they must agree.
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        for char in (chr(code), chr(code).lower()):
            for mark in unicodedata.normalize("NFD", char):
                if unicodedata.combining(mark):
                    assert 0x300 <= ord(mark) <= 0x36F, (hex(code), hex(ord(mark)))


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (the chromium test still runs)")
def test_javascript_folds_and_splits_words_exactly_like_python() -> None:
    """The same check runs in chromium in tests/test_browser_search.py: CI always has chromium, maybe not node."""
    runner = ("global.window = {}; global.document = {querySelector: () => null};"
              f"eval(require('fs').readFileSync({json.dumps(str(JS))}, 'utf8'));"
              "const samples = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(samples.map(s => [window.hvSearch.fold(s),"
              " window.hvSearch.words(s, false).map(w => [w.t, w.f])])));")
    proc = subprocess.run(["node", "-e", runner], input=json.dumps(FOLD_SAMPLES), capture_output=True,
                          text=True, check=True, timeout=60)
    assert json.loads(proc.stdout) == python_folds(FOLD_SAMPLES)


def python_folds(samples: list[str]) -> list[list[object]]:
    return [[fold(s), [[t, fold(t)] for t in tokens(s) if fold(t)]] for s in samples]


# --- ranking ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("dich vu cong", "Dịch vụ công trực tuyến"), ("dang nhap", "Bài một"), ("mat khau", "Mật khẩu mạnh"),
    ("chuyen tien", "Chuyển tiền cho người thân"), ("tra tien", "Trả tiền an toàn"),
])
def test_queries_without_diacritics_find_the_vietnamese_words(ranked: dict[str, SearchIndex], query: str,
                                                              expected: str) -> None:
    assert expected in titles(ranked["vi"], query)


def test_a_query_with_diacritics_ranks_the_exact_form_first(ranked: dict[str, SearchIndex]) -> None:
    vi = ranked["vi"]
    # "Đáng nhớ: bản nháp" has "dang" and "nhap" (folded) in its title; "Bài một" has "đăng nhập" in its
    # body only. Typed with marks, the exact form wins over the title weight.
    assert titles(vi, "đăng nhập")[0] == "Bài một"
    assert titles(vi, "dang nhap")[0] == "Đáng nhớ: bản nháp"
    assert titles(vi, "mất khẩu")[0] == "Mất khẩu trang ở chợ"
    assert titles(vi, "mật khẩu")[0] == "Mật khẩu mạnh"
    # The folded matches are still found, just below.
    assert set(titles(vi, "mật khẩu")) >= {"Mật khẩu mạnh", "Mất khẩu trang ở chợ"}


def test_exact_bonus_outweighs_any_field_weight() -> None:
    assert EXACT_BONUS > 2 * TITLE + 1


def test_words_are_anded_and_titles_weigh_more_than_bodies(ranked: dict[str, SearchIndex]) -> None:
    vi = ranked["vi"]
    assert titles(vi, "dich vu cong") == ["Dịch vụ công trực tuyến"]  # "Vũ công" lacks "dịch"
    assert set(titles(vi, "vu cong")[:2]) == {"Dịch vụ công trực tuyến", "Vũ công đường phố"}
    assert titles(vi, "vụ công")[0] == "Dịch vụ công trực tuyến"
    assert titles(vi, "vũ công")[0] == "Vũ công đường phố"
    assert titles(vi, "vu cong zzz") == []
    # "nháp" is in the drafts lesson's title and body, in no other lesson's title.
    assert titles(vi, "nhap", typing=False)[0] == "Đáng nhớ: bản nháp"


def test_the_last_word_matches_as_a_prefix_while_typing(ranked: dict[str, SearchIndex]) -> None:
    vi = ranked["vi"]
    assert "Chuyển tiền cho người thân" in titles(vi, "chuyen ti")
    assert "Chuyển tiền cho người thân" in titles(vi, "chuyể")
    assert titles(vi, "chuyen ti", typing=False) == []  # submitted: whole words only
    assert titles(vi, "chuyen ti ") == []  # a space ends the word
    en = ranked["en"]
    assert titles(en, "sen")[0] == "Sending money to family"  # "sending" in the title, "send" in the body
    assert "Worth remembering: drafts" in titles(en, "sen")  # "send" in the body only


def test_a_one_letter_prefix_waits_for_the_next_letter() -> None:
    assert [w.typed for w in query_words("mật k")] == ["mật"]
    assert [w.typed for w in query_words("mật k", typing=False)] == ["mật", "k"]
    assert [(w.typed, w.prefix) for w in query_words("ở nh")] == [("ở", False), ("nh", True)]


# --- one index per language -------------------------------------------------------------------------------


def test_each_language_has_its_own_index_and_urls(tiny_indexes: dict[str, SearchIndex], tmp_path: Path) -> None:
    vi, en = tiny_indexes["vi"], tiny_indexes["en"]
    assert (vi.folder, en.folder) == ("search", "en/search")
    assert all(not d.url.startswith("en/") for d in vi.docs)
    assert all(d.url.startswith("en/") for d in en.docs)
    assert titles(vi, "tra tien")[0] == "Trả tiền an toàn"
    assert vi.docs[search(vi, "tra tien")[0]].url == "learn/lessons/safe-pay/"
    assert titles(en, "tra tien") == []
    assert titles(vi, "paying") == []
    assert titles(en, "paying")[0] == "Paying safely"
    written = write_search_index(vi, tmp_path) + write_search_index(en, tmp_path)
    assert {p.parent.relative_to(tmp_path).as_posix() for p in written} == {"search", "en/search"}
    for path in written:
        lang, _key, _data = script_data(path.read_bytes())
        assert lang == ("en" if path.parent.parent == tmp_path / "en" else "vi")


def test_index_covers_lessons_courses_groups_and_glossary(tiny_indexes: dict[str, SearchIndex]) -> None:
    vi = tiny_indexes["vi"]
    kinds = {(d.kind, d.id): d for d in vi.docs}
    assert set(kinds) == {("lesson", "hello-phone"), ("lesson", "safe-pay"), ("course", "basics"),
                          ("audience", "citizens"), ("audience", "older-people"), ("term", "otp")}
    assert kinds["term", "otp"].url == "learn/glossary/#otp"
    assert kinds["course", "basics"].url == "learn/courses/basics/"
    assert titles(vi, "ma otp")[0] == "Mã OTP"  # the term's title beats the lessons that mention it
    assert "Người cao tuổi" in titles(vi, "nguoi cao")


def test_markdown_is_indexed_as_text() -> None:
    headings, paragraphs = markdown_text("## Các bước {#steps}\n\n1. Mở **ứng dụng** [ở đây](../x/#a).\n\n"
                                         "![Nút nguồn](p.svg)\n\n```\ncode here\n```\n\n<div>html</div>\n\n"
                                         "| A | B |\n|---|---|\n| ô | ê |\n")
    assert headings == ["Các bước"]
    assert paragraphs == ["Mở ứng dụng ở đây.", "Nút nguồn", "A", "B", "ô", "ê"]


def test_summaries_are_short_and_kept_sentences_stay_within_their_budget(
        tiny_indexes: dict[str, SearchIndex]) -> None:
    cur = load_curriculum(ROOT).curriculum
    for doc in build_search_index(cur, "vi").docs:
        assert len(doc.snippet) <= 110
        assert sum(len(s) for s in doc.sentences) <= SENTENCE_CHARS
        assert doc.summary not in doc.sentences
    lessons = {d.id: d for d in tiny_indexes["vi"].docs if d.kind == "lesson"}
    assert lessons["safe-pay"].snippet == "Trả tiền trên điện thoại mà không bị lừa."  # its summary


# --- files ------------------------------------------------------------------------------------------------


def test_a_query_downloads_its_words_shards_and_the_files_of_its_first_results(
        tiny_indexes: dict[str, SearchIndex]) -> None:
    vi = tiny_indexes["vi"]
    assert shard_key("dang") == "da"
    assert shard_key("o") == "o"
    assert shard_key("ße") == "_"
    assert vi.inline  # a small site: the search page carries every title
    first = search(vi, "tra tien")
    # Two shards leave room for the files of the first two results (both in the first file of four pages).
    assert vi.files_for("tra tien") == ["docs.js", "ti.js", "tr.js",
                                        *dict.fromkeys(f"docs{d // DOC_CHUNK}.js" for d in first[:2])]
    assert vi.files_for("tra t")[:2] == ["docs.js", "tr.js"]  # "t" alone would need every t* shard
    assert vi.files_for("zzqq") == ["docs.js"]  # no such shard: the manifest says so, no request
    for name, content in vi.files.items():
        lang, key, data = script_data(content)
        assert (lang, f"{key}.js") == ("vi", name)
        if name.startswith("docs") and name != "docs.js":
            assert isinstance(data, list) and 0 < len(data) <= DOC_CHUNK
            for record in data:
                assert record[:2] == ["", ""]  # title and URL: in the search page
                assert all(isinstance(text, str) for text in record)
        elif name != "docs.js":
            assert isinstance(data, list)
            for entry in data:
                assert shard_key(entry[0]) == key
                for n in range(1, len(entry), 2):
                    form = entry[n] or entry[0]
                    assert fold(form) == entry[0]
                    assert all(w in (1, 2, 3) for _, w in decode_postings(entry[n + 1]))
    manifest_data = json.loads(manifest(vi))
    assert manifest_data["t"] == [[d.title, d.url] for d in vi.docs]
    assert script_data(vi.files["docs.js"])[2] == manifest_data


def test_same_content_gives_the_same_bytes_and_leaves_files_alone(tmp_path: Path) -> None:
    first = build_search_index(load_curriculum(FIXTURE).curriculum, "vi")
    again = build_search_index(load_curriculum(FIXTURE).curriculum, "vi")
    assert first.files == again.files
    assert first.version == again.version
    paths = write_search_index(first, tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in paths}
    stale = tmp_path / "search" / "zz.js"
    stale.write_text("old shard")
    keep = tmp_path / "search" / "README.txt"
    keep.write_text("not ours")
    time.sleep(0.01)
    assert write_search_index(again, tmp_path) == paths
    assert {p: p.stat().st_mtime_ns for p in paths} == stamps
    assert not stale.exists()
    assert keep.exists()
    assert sorted(p.name for p in paths) == sorted(first.files)


def test_the_version_changes_with_the_content(tiny: Path) -> None:
    before = build_search_index(load_curriculum(tiny).curriculum, "vi")
    md = tiny / "curriculum" / "lessons" / "safe-pay" / "vi.md"
    md.write_text(md.read_text("utf-8").replace("Trả tiền an toàn", "Trả tiền cẩn thận"), "utf-8")
    after = build_search_index(load_curriculum(tiny).curriculum, "vi")
    assert before.version != after.version
    assert titles(after, "can than") == ["Trả tiền cẩn thận"]


def test_the_script_stays_small() -> None:
    # 2.8 KB before matched-sentence snippets and split shards (issue 13), 4.2 KB with them.
    assert len(gzip.compress(JS.read_bytes(), 6)) < 4_300


# --- the 2G budget at 1,000 lessons -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def thousand_curriculum(tmp_path_factory: pytest.TempPathFactory) -> Curriculum:
    return load_curriculum(write_synthetic(tmp_path_factory.mktemp("synthetic") / "project", 1000)).curriculum


@pytest.fixture(scope="module")
def thousand(thousand_curriculum: Curriculum) -> dict[str, SearchIndex]:
    return {lang: build_search_index(thousand_curriculum, lang) for lang in ("vi", "en")}


@pytest.fixture(scope="module")
def split_index(thousand_curriculum: Curriculum) -> SearchIndex:
    """The synthetic lessons repeat their sentences, so their shards stay light (≤ 0.2 KB): split them at a
    far lower weight than real text needs."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("hocvuso.search.SPLIT_BYTES", 80)
        return build_search_index(thousand_curriculum, "vi")


def test_heavy_shards_split_by_the_next_letter_and_find_the_same_pages(
        thousand_curriculum: Curriculum, split_index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    split = split_index
    assert "ch" in split.split and "ch" not in split.shards  # no word of two letters "ch"
    assert split.key_of("chon") in {"cho", "chon"} and split.key_of("chon") in split.shards  # "chọn": "cho…" words
    assert json.loads(manifest(split))["p"].split() == sorted(split.split)
    monkeypatch.setattr("hocvuso.search.SPLIT_BYTES", 10**9)
    whole = build_search_index(thousand_curriculum, "vi")
    assert not whole.split and "chu" not in whole.shards
    for query in ("chon muc", "dien thoai", "mật khẩu", "cong an", "ma otp", "bai hoc", "cac buoc", "thoai"):
        assert search(split, query, typing=False) == search(whole, query, typing=False), query
        assert search(split, query) == search(whole, query), query  # the last word as a prefix
        assert len(split.files_for(query, typing=False)) <= 1 + REQUESTS
    # A prefix that ends on a split shard ("th": "tha", "the", ... each a file) waits for its next letter.
    assert search(split, "dien th") == search(split, "dien")
    assert not any(n.startswith("th") for n in split.files_for("dien th"))
    assert search(split, "dien tho") == search(whole, "dien tho")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_finds_the_shard_of_a_word_like_python(split_index: SearchIndex) -> None:
    index = split_index
    samples = sorted({entry[0] for entries in index.shards.values() for entry in entries})[::7] + ["c", "ch", "chu"]
    runner = ("global.window = {}; global.document = {querySelector: () => null};"
              f"eval(require('fs').readFileSync({json.dumps(str(JS))}, 'utf8'));"
              "const [samples, split] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(samples.map(s => window.hvSearch.shard(s, split))));")
    samples += ["docs", "docsy", "doctor", "dock"]  # "docs.js" is the manifest: never a shard's name
    proc = subprocess.run(["node", "-e", runner], input=json.dumps([samples, sorted(index.split | {"do", "doc"})]),
                          capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(proc.stdout) == [lookup_key(s, index.split | {"do", "doc"}) for s in samples]
    assert [lookup_key(s, {"do", "doc"}) for s in ("docs", "docsy", "doctor")] == ["doc", "doc", "doct"]


@pytest.mark.parametrize(("lang", "query"), [
    ("vi", "mật khẩu"), ("vi", "mat khau"), ("vi", "dien thoai"), ("vi", "ma otp"), ("vi", "cong an"),
    ("vi", "bai hoc"), ("en", "otp code"), ("en", "your phone"), ("en", "lesson number"),
])
def test_first_results_of_a_two_word_query_fit_the_budget_at_1000_lessons(
        thousand: dict[str, SearchIndex], lang: str, query: str) -> None:
    index = thousand[lang]
    assert sum(d.kind == "lesson" for d in index.docs) == 1000
    assert search(index, query), "the query should find lessons"
    names = index.files_for(query)
    size = sum(len(gzip.compress(index.files[name], 6)) for name in names)
    assert size <= BUDGET, f"{names}: {size} bytes"
    # The whole index is far bigger: the shards are what keeps a query cheap.
    assert sum(len(gzip.compress(c, 6)) for c in index.files.values()) > 5 * size


# --- stemming ---------------------------------------------------------------------------------------------


def test_english_plurals_stem_to_the_singular_and_nothing_else() -> None:
    assert [stem(w) for w in ("passwords", "stories", "steps", "boxes")] == ["password", "story", "step", "boxe"]
    assert [stem(w) for w in ("class", "bus", "paying", "its", "sms")] == ["class", "bus", "paying", "its", "sms"]


def test_password_finds_passwords_in_english_only(tiny_indexes: dict[str, SearchIndex]) -> None:
    en = tiny_indexes["en"]
    # "steps" is only ever written in the plural in the fixture's English lessons.
    with_steps = titles(en, "steps", typing=False)
    assert with_steps and titles(en, "step", typing=False) == with_steps
    assert [w.folded for w in query_words("mật khẩus", typing=False)] == ["mat", "khaus"]  # not stemmed in vi
    assert [w.folded for w in query_words("passwords", typing=False, stemmed=True)] == ["password"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_javascript_stems_like_python() -> None:
    samples = ["passwords", "stories", "boxes", "class", "bus", "its", "trees", "đăngs", "QRs", "abcs"]
    runner = ("global.window = {}; global.document = {querySelector: () => null};"
              f"eval(require('fs').readFileSync({json.dumps(str(JS))}, 'utf8'));"
              "const samples = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(samples.map(s => window.hvSearch.words(s, false, true).map(w => w.f))));")
    proc = subprocess.run(["node", "-e", runner], input=json.dumps(samples), capture_output=True, text=True,
                          check=True, timeout=60)
    assert json.loads(proc.stdout) == [[w.folded for w in query_words(s, typing=False, stemmed=True)]
                                       for s in samples]
