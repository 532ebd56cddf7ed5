"""Search snippets: the sentence of the page that holds the query's words, those words marked, the summary when
no sentence holds them; the JavaScript chooses and marks exactly like the Python reference."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hocvuso.loader import load_curriculum
from hocvuso.search import (
    SENTENCE_CHARS,
    WINDOW,
    SearchIndex,
    build_search_index,
    doc_record,
    query_words,
    search,
    select_sentences,
    snippet_for,
)
from hocvuso.themefiles import PACKAGE_THEME
from tests.conftest import FIXTURE

JS = PACKAGE_THEME / "assets" / "hvsearch.js"

# A lesson whose words of interest are each in one sentence, far from the summary.
SUMMARY_VI = "Giữ an toàn cho tài khoản của bạn."
BODY_VI = ("Bạn mở ứng dụng và đọc kỹ từng dòng. Khi đăng nhập trên máy lạ, nhớ đăng xuất sau khi dùng. "
           "Mã OTP chỉ dùng một lần và không đưa cho ai. Hãy cẩn thận với người lạ gọi điện thoại.")
SUMMARY_EN = "Keep your account safe."
BODY_EN = ("Open the app and read each line. When you log in on a shared computer, log out afterwards. "
           "Long passwords are harder to guess than short ones. Be careful with strangers who call you.")
LONG_VI = ("Trong phần này bạn sẽ đọc một câu rất dài, kể lại từng việc nhỏ mà người dùng hay làm mỗi ngày trên "
           "điện thoại của mình, từ xem tin tức, nghe nhạc, gọi video cho con cháu ở xa, cho tới việc cuối cùng "
           "là kiểm tra sao kê ngân hàng.")


def snippet_project(target: Path) -> Path:
    shutil.copytree(FIXTURE, target)
    folder = target / "curriculum" / "lessons" / "account-care"
    folder.mkdir()
    (folder / "lesson.yml").write_text(
        "id: account-care\ncompetences:\n  - {id: \"4.2\", level: CB2}\naudiences: [citizens]\nduration: 15\n"
        "prerequisites: []\nreviewed: 2026-11-01\nsources: []\n", "utf-8")
    for lang, title, summary, body, heading in (
            ("vi", "Chăm sóc tài khoản", SUMMARY_VI, BODY_VI, "Các bước"),
            ("en", "Account care", SUMMARY_EN, BODY_EN, "Steps")):
        (folder / f"{lang}.md").write_text(
            f"---\ntitle: {title}\nsummary: {json.dumps(summary, ensure_ascii=False)}\n---\n\n## {heading}\n\n"
            f"{body}\n", "utf-8")
    # A summary is kept whole, however long: a snippet shows the part of it around the match.
    long = target / "curriculum" / "lessons" / "daily-phone"
    shutil.copytree(folder, long)
    (long / "lesson.yml").write_text((folder / "lesson.yml").read_text("utf-8").replace("account-care", "daily-phone"))
    (long / "vi.md").write_text(f"---\ntitle: Một ngày với điện thoại\nsummary: {LONG_VI}\n---\n\nNội dung.\n", "utf-8")
    return target


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SearchIndex]:
    cur = load_curriculum(snippet_project(tmp_path_factory.mktemp("snippets") / "project")).curriculum
    return {lang: build_search_index(cur, lang) for lang in ("vi", "en")}


def doc_id(index: SearchIndex, id_: str) -> int:
    return next(n for n, d in enumerate(index.docs) if d.id == id_)


def test_the_snippet_is_the_sentence_holding_the_query_words_with_them_marked(
        indexes: dict[str, SearchIndex]) -> None:
    vi = indexes["vi"]
    care = doc_id(vi, "account-care")
    assert care in search(vi, "dang nhap")
    # Typed without marks, the words are found and marked as the page writes them.
    assert snippet_for(vi, care, "dang nhap", typing=False) == (
        "Khi đăng nhập trên máy lạ, nhớ đăng xuất sau khi dùng.", ["đăng", "nhập", "đăng"])
    text, marked = snippet_for(vi, care, "ma otp", typing=False)
    assert text == "Mã OTP chỉ dùng một lần và không đưa cho ai." and marked == ["Mã", "OTP"]
    # While typing, the last word marks as a prefix.
    assert snippet_for(vi, care, "cẩn th")[1] == ["cẩn", "thận", "thoại"]


def test_the_sentence_holding_most_query_words_wins(indexes: dict[str, SearchIndex]) -> None:
    vi = indexes["vi"]
    care = doc_id(vi, "account-care")
    # "dùng" is in two sentences; only one also holds "máy".
    assert snippet_for(vi, care, "dung may", typing=False)[0].startswith("Khi đăng nhập trên máy lạ")


def test_english_marks_plurals_of_a_singular_query(indexes: dict[str, SearchIndex]) -> None:
    en = indexes["en"]
    care = doc_id(en, "account-care")
    assert care in search(en, "password", typing=False)
    assert snippet_for(en, care, "password", typing=False) == (
        "Long passwords are harder to guess than short ones.", ["passwords"])


def test_without_a_matching_sentence_the_summary_shows_unmarked(indexes: dict[str, SearchIndex]) -> None:
    vi = indexes["vi"]
    care = doc_id(vi, "account-care")
    # "chăm sóc" is only in the title: the summary stands in.
    assert care in search(vi, "cham soc", typing=False)
    assert snippet_for(vi, care, "cham soc", typing=False) == (SUMMARY_VI, [])
    # The summary itself is a candidate: a word in it is marked there.
    assert snippet_for(vi, care, "an toan", typing=False) == (SUMMARY_VI, ["an", "toàn"])


def test_a_long_sentence_shows_a_window_around_its_first_marked_word(indexes: dict[str, SearchIndex]) -> None:
    vi = indexes["vi"]
    text, marked = snippet_for(vi, doc_id(vi, "daily-phone"), "sao ke", typing=False)
    assert marked == ["sao", "kê"]
    assert text.startswith("…") and text.endswith("ngân hàng.")
    assert len(text) <= WINDOW + 2
    assert text[1:] in LONG_VI


def test_sentences_kept_are_the_pages_own_and_fit_the_budget() -> None:
    candidates = ["Một hai ba.", "Một hai ba bốn.", "Năm sáu bảy."]
    # The second holds every word of the first: the first is never worth its characters. Page order is kept.
    assert select_sentences("", candidates, stemmed=False, budget=100) == ("Một hai ba bốn.", "Năm sáu bảy.")
    assert select_sentences("", candidates, stemmed=False, budget=20) == ("Một hai ba bốn.",)
    assert select_sentences("Năm sáu bảy, tám.", candidates, stemmed=False, budget=100) == ("Một hai ba bốn.",)
    assert select_sentences("", candidates, stemmed=False, budget=10) == ()
    assert sum(len(s) for s in select_sentences("", [c * 20 for c in candidates], False)) <= SENTENCE_CHARS


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (the chromium test still runs)")
def test_javascript_chooses_and_marks_snippets_like_python(indexes: dict[str, SearchIndex]) -> None:
    cases = []
    for lang, queries in (("vi", ["dang nhap", "ma otp", "dung may", "cham soc", "sao ke", "cẩn th", "đăng", "zzz"]),
                          ("en", ["password", "log", "careful strangers", "account"])):
        index = indexes[lang]
        stemmed = lang == "en"
        for query in queries:
            for typing in (True, False):
                words = query_words(query, typing=typing, stemmed=stemmed)
                for n, doc in enumerate(index.docs):
                    text, marked = snippet_for(index, n, query, typing=typing)
                    cases.append({"rec": doc_record(doc), "q": query, "typing": typing, "stemmed": stemmed,
                                  "want": [text, marked], "words": len(words)})
    runner = ("global.window = {}; global.document = {querySelector: () => null};"
              f"eval(require('fs').readFileSync({json.dumps(str(JS))}, 'utf8'));"
              "const s = window.hvSearch, cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(cases.map(c => { const ws = s.words(c.q, c.typing, c.stemmed);"
              " const text = s.snippet(c.rec, ws, c.stemmed);"
              " return [text, s.marks(text, ws, c.stemmed).map(m => text.slice(m[0], m[1]))]; })));")
    proc = subprocess.run(["node", "-e", runner], input=json.dumps(cases), capture_output=True, text=True,
                          check=True, timeout=60)
    assert json.loads(proc.stdout) == [c["want"] for c in cases]
