"""Site search for learners on cheap phones and slow networks: one small, sharded index per language.

What the browser downloads, and when (hocvuso/theme/assets/hvsearch.js does the querying):

* nothing until the learner opens the search page (the header's search button);
* the search page itself carries the manifest (which shards exist) and, while it stays small (`INLINE_LIMIT`,
  ≈ 23 bytes gzipped per page: the shipped curriculum), the title and URL of every result: a query then needs
  no request for its titles;
* per query word, one shard `<prefix>search/<k>.js` holding the postings of every token whose *folded* form
  starts with the two characters `k` ("chuyển" → "chuyen" → `ch.js`); a shard heavier than `SPLIT_BYTES` is
  split by the next letter, down to four (`chu.js`, `chuy.js`), and the manifest lists the split ones. The
  prefix of the word being typed lives in the same shard as the whole word, so as-you-type matching needs no
  further file (a prefix that ends on a split shard waits for its next letter);
* per result whose snippet is wanted, `docs<n>.js`: that page's title, URL, summary and a few of its sentences
  (`SENTENCE_CHARS`, chosen to hold as many of its words as possible). The snippet is the sentence that holds
  the most query words, the words marked; the summary when none does. Only the first results' files load with
  the query, so that a cold query stays within `REQUESTS` files; the others load as the learner scrolls to them.

Why per page and not with the postings: a sentence kept beside every posting of every word it holds is stored
once per word (the index would grow 4-10 times: measured 340 KB gzipped for the title, summary and heading
words of the shipped curriculum, against 97 KB for the whole index), and a file of many pages' sentences holds
mostly sentences no query needs. Why not a single file of every title and snippet: at 1,000 lessons it would be
tens of kilobytes before the first result shows.

Every file is a classic script that pushes its data onto `window.hvSearchData`: `<script>` elements load from
file:// (an offline copy opened from disk), where fetch() and XHR are refused. Postings keep each exact
(lower-case NFC) form under its folded token, so "dang nhap" finds "đăng nhập" while a query typed with
diacritics ranks the pages that contain exactly that form first.

Why not an existing engine:

* Pagefind: it folds diacritics by Unicode decomposition (since late 2025, Pagefind/pagefind#995), and "đ"
  does not decompose, so "dang nhap" still misses "đăng nhập"; and it loads its index as JavaScript modules
  and WebAssembly, which do not work from file:// (Pagefind/pagefind#202).
* Material's built-in search (lunr): one JSON index for every page and every language, downloaded whole on the
  first visit of any page (megabytes at 1,000 lessons); its folding does not turn "đ" into "d" either.

Tokens are runs of digits and Latin letters (Vietnamese, English and the Latin scripts of Vietnam's minority
languages); the JavaScript uses the same character class and the same folding as `hocvuso.text.fold`, and a
test checks that both agree. This module is pure: it never imports MkDocs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import Curriculum, pick
from .site import SitePaths
from .text import fold

FOLDER = "search"
MANIFEST = "docs"
GLOBAL = "hvSearchData"
SHOWN = 10
"""Results shown at first (a "more" button shows the next ones)."""
REQUESTS = 4
"""Files a cold query may load (issue 13): its words' shards, then the page files of its first results, as
many as fit (at least one). Further results' snippets load as the learner scrolls to them."""
DOC_CHUNK = 4
"""Pages per `docs<n>.js` file: one page per file would spend a third of the index on gzip and script
headers; many would load sentences no query needs."""
SPLIT_BYTES = 2_000
"""A shard heavier than this (gzipped) is split by the next letter, down to four letters ("ch" → "cha", "chu",
...; the words of one or two letters stay in "ch"): at 1,000 lessons "ch" weighs 12 KB, "chu" 4 KB."""
LONGEST_KEY = 4
INLINE_LIMIT = 24_000
"""Gzipped bytes of the title and URL of every page up to which the search page carries them itself (the
shipped curriculum: 8 KB; 1,000 realistic lessons: 16 KB, paid once per visit of the search page instead of
six to ten title files per query)."""
SENTENCE_CHARS = 300
"""Characters of sentences kept per page for snippets, besides its summary: those that hold the most of the
page's words (the whole text of a lesson would triple the index)."""

# Field weights, stored in the two low bits of every posting: a word in the title counts most.
TITLE, STRONG, BODY = 3, 2, 1
# A word typed with diacritics that a page contains in exactly that form outweighs any field weight
# (JavaScript uses the same numbers): such pages always rank above pages that match only after folding.
EXACT_BONUS = 16
WHOLE_WORD_BONUS = 1

SNIPPET_CHARS = 110
"""The summary shown when no sentence holds a query word is cut to this length."""
WINDOW = 160
"""A matching sentence longer than this is shown as this many characters around its first matched word."""
MAX_TOKEN = 40
"""Longer "words" are pasted links or codes nobody types: leaving them out keeps shards small."""

# Lower-case NFC text is split into runs of these characters: digits, a-z and the Latin blocks that hold
# every Vietnamese letter, plus combining marks so text that escaped NFC still forms whole words.
# hvsearch.js has the same class; keep the two identical.
WORD_CLASS = "0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
_WORD = re.compile(f"[{WORD_CLASS}]+")
_ASCII_KEY = re.compile(r"[a-z0-9]{1,2}")
_ASCII_LONG_KEY = re.compile(r"[a-z0-9]{3,4}")
_HEADING_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_ADMONITION = re.compile(r"^[!?]{3}\+?\s+\S+\s*", re.MULTILINE)
_SPACES = re.compile(r"\s+")
_FILE_NAME = re.compile(r"(?:[a-z0-9]{1,4}|_|docs[0-9]*)\.js")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class SearchDoc:
    """One result a learner can get: a lesson, course, learner group or glossary term."""

    kind: str
    id: str
    title: str
    url: str
    """Relative to the site root, language prefix included: "en/learn/lessons/safe-pay/"."""
    snippet: str
    """The page's summary, cut to `SNIPPET_CHARS`: shown when no sentence holds a query word."""
    fields: tuple[tuple[int, str], ...]
    """(weight, text) pairs that are indexed."""
    sentences: tuple[str, ...] = ()
    """Sentences kept for snippets (`select_sentences`), in page order; the summary is not among them."""
    summary: str = ""
    """The whole summary (a course's description, a term's definition): a snippet may come from it too."""


Entry = list[Any]
"""A shard entry: [folded token, form, postings, form, postings, ...]; form "" is the folded token itself."""


@dataclass(frozen=True)
class SearchIndex:
    lang: str
    prefix: str
    """Language prefix of the site's URLs ("" for the default language, "en/" for English)."""
    docs: tuple[SearchDoc, ...]
    shards: Mapping[str, tuple[Entry, ...]]
    files: Mapping[str, bytes] = field(default_factory=dict)
    """File name → content, ready to write (built once: writing and measuring use the same bytes)."""
    inline: bool = True
    """Whether the search page carries every title and URL (`INLINE_LIMIT`)."""
    split: frozenset[str] = frozenset()
    """Shards split by the next letter (`SPLIT_BYTES`)."""

    def key_of(self, folded: str) -> str:
        """The shard that holds a folded token."""
        return lookup_key(folded, self.split)

    def active(self, words: Sequence[QueryWord]) -> list[QueryWord]:
        """The query words that count: a prefix that ends on a split shard waits for its next letter, as a
        one-letter prefix does for its second (it would need every shard of the split one)."""
        return [w for w in words if not (w.prefix and self.key_of(w.folded) in self.split)]

    @property
    def folder(self) -> str:
        """Where the files go, relative to the site root."""
        return f"{self.prefix}{FOLDER}"

    @property
    def version(self) -> str:
        """Changes whenever any file changes: pages can ask for `?v=<version>` past stale caches."""
        digest = hashlib.sha256()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + self.files[name] + b"\0")
        return digest.hexdigest()[:10]

    def files_for(self, query: str, *, typing: bool = True, shown: int = SHOWN) -> list[str]:
        """Every file the browser loads for `query` before it shows its results, in the order it asks.

        The manifest (docs.js: only when the page does not carry it), the shards of the query's words, then
        the files of the first results: as many as `REQUESTS` leaves room for (at least one), or of all the
        results shown when the page does not carry the titles.
        """
        words = self.active(query_words(query, typing=typing, stemmed=self.lang in STEMMED_LANGUAGES))
        keys = sorted({self.key_of(w.folded) for w in words} & set(self.shards))
        ids = search(self, query, typing=typing)[:shown]
        chunks = dict.fromkeys(d // DOC_CHUNK for d in ids[:eager_count(len(keys), shown, inline=self.inline)])
        return [f"{MANIFEST}.js", *(f"{k}.js" for k in keys), *(f"{MANIFEST}{c}.js" for c in chunks)]


def eager_count(shards: int, shown: int, *, inline: bool) -> int:
    """How many of the first results' page files load with the query (hvsearch.js does the same)."""
    return max(1, REQUESTS - shards) if inline else shown


# --- words ---------------------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """The words of a text in their exact form: lower-case NFC, "Đăng nhập!" → ["đăng", "nhập"]."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def lookup_key(folded: str, split: Set[str]) -> str:
    """The shard of a folded token: `shard_key`, one letter longer while that shard is split."""
    key = shard_key(folded)
    # "docs" would be the manifest's file name: words in "docs…" stay in "doc".
    while (key in split and len(folded) > len(key) and _ASCII_LONG_KEY.fullmatch(folded[: len(key) + 1])
           and folded[: len(key) + 1] != MANIFEST):
        key = folded[: len(key) + 1]
    return key


def shard_key(folded: str) -> str:
    """The shard of a folded token: its first two characters, or "_" when they are not plain a-z and 0-9."""
    key = folded[:2]
    return key if _ASCII_KEY.fullmatch(key) else "_"


STEMMED_LANGUAGES = frozenset({"en"})
"""Indexes whose words are stemmed. Not Vietnamese (no inflection) nor the Latin scripts of minority
languages, where a final letter can mark a tone (Hmong RPA's final "s")."""


def stem(word: str) -> str:
    """Light English stemming (Harman's "S" stemmer): plurals to the singular, so "password" finds
    "passwords" and "stories" finds "story". Nothing else: "paying" stays "paying" (no false friends)."""
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def index_key(word: str, stemmed: bool) -> str:
    """The key a word is indexed and looked up under: folded, and stemmed in a stemmed language."""
    folded = fold(word)
    return stem(folded) if stemmed else folded


@dataclass(frozen=True)
class QueryWord:
    typed: str
    folded: str
    """The index key: folded, and stemmed in a stemmed language."""
    prefix: bool
    marked: bool = False
    """Typed with diacritics: pages holding exactly this form rank first."""


def query_words(query: str, *, typing: bool = True, stemmed: bool = False) -> list[QueryWord]:
    """The words of a query; while typing, the last word is a prefix unless a space follows it.

    A one-letter prefix is dropped: it would need every shard that starts with that letter.
    """
    words = tokens(query)
    open_end = typing and bool(query) and not query[-1].isspace()
    result: list[QueryWord] = []
    for n, word in enumerate(words):
        folded = index_key(word, stemmed)
        prefix = open_end and n == len(words) - 1
        if not folded or (prefix and len(folded) < 2) or any(w.typed == word for w in result):
            continue
        result.append(QueryWord(word, folded, prefix, fold(word) != word))
    return result


# --- documents -----------------------------------------------------------------------------------------


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def markdown_text(body: str) -> tuple[list[str], list[str]]:
    """(headings, paragraphs) of a Markdown body as plain text: no markup, code, HTML or link targets."""
    headings: list[str] = []
    paragraphs: list[str] = []
    tokens_ = _parser().parse(_ADMONITION.sub("", body))
    in_heading = False
    for token in tokens_:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if in_heading:
                headings.append(_HEADING_ATTRS.sub("", text))
            elif text:
                paragraphs.append(text)
    return headings, paragraphs


def _inline_text(children: Sequence[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)  # the alt text: what the image shows
    return _SPACES.sub(" ", "".join(parts)).strip()


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """At most `limit` characters, cut between words."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


def sentences_of(texts: Iterable[str]) -> list[str]:
    """The sentences of some texts, in order, each once; a "sentence" of fewer than three words (a table
    cell, a button name) says nothing on its own and is left out."""
    out: list[str] = []
    for text in texts:
        for sentence in _SENTENCE_END.split(_SPACES.sub(" ", text).strip()):
            if len(tokens(sentence)) >= 3 and sentence not in out:
                out.append(sentence)
    return out


def select_sentences(summary: str, candidates: Sequence[str], stemmed: bool,
                     budget: int = SENTENCE_CHARS) -> tuple[str, ...]:
    """The sentences worth keeping for snippets, in page order: greedily, the one whose words that neither
    the summary nor a sentence kept before holds are used most often on the page (what a query for this page
    is likely to hold), per character, until `budget` characters."""
    covered = {index_key(t, stemmed) for t in tokens(summary)}
    words = [{index_key(t, stemmed) for t in tokens(c)} for c in candidates]
    uses: dict[str, int] = {}
    for found in words:
        for word in found:
            uses[word] = uses.get(word, 0) + 1
    kept: set[int] = set()
    used = 0
    while True:
        best, gain = -1, 0.0
        for n, found in enumerate(words):
            if n in kept or used + len(candidates[n]) > budget:
                continue
            value = sum(uses[w] for w in found - covered) / (len(candidates[n]) + 20)
            if value > gain:
                best, gain = n, value
        if best < 0:
            return tuple(candidates[n] for n in sorted(kept))
        kept.add(best)
        used += len(candidates[best])
        covered |= words[best]


def search_documents(cur: Curriculum, lang: str) -> list[SearchDoc]:
    """Everything searchable in one language, in a fixed order: lessons, courses, learner groups, terms.

    A page shows the source-language text until it is translated, so its entry indexes that same text.
    """
    src = cur.config.source_language
    paths = SitePaths(src)
    stemmed = lang in STEMMED_LANGUAGES
    docs: list[SearchDoc] = []

    def add(kind: str, id_: str, title: str, url: str, summary: str, fields: Iterable[tuple[int, str]],
            texts: Iterable[str]) -> None:
        candidates = [c for c in sentences_of(texts) if c not in summary]
        summary = _SPACES.sub(" ", summary).strip()
        docs.append(SearchDoc(kind, id_, title, url, snippet(summary), tuple(fields),
                              select_sentences(summary, candidates, stemmed), summary))

    for lesson in sorted(cur.lessons, key=lambda item: item.id):
        text = lesson.text(lang, src)
        if text is None:
            continue
        headings, paragraphs = markdown_text(text.body)
        fields = [(TITLE, text.title), (STRONG, text.summary), *((STRONG, o) for o in text.objectives),
                  *((STRONG, h) for h in headings), *((BODY, p) for p in paragraphs)]
        add("lesson", lesson.id, text.title, paths.lesson(lang, lesson.id),
            text.summary or (paragraphs[0] if paragraphs else ""), fields, [*text.objectives, *paragraphs])
    for course in sorted(cur.courses, key=lambda item: item.id):
        title, description = pick(course.title, lang, src), pick(course.description, lang, src)
        add("course", course.id, title, paths.course(lang, course.id), description,
            ((TITLE, title), (STRONG, description)), ())
    for aud in sorted(cur.audiences, key=lambda item: item.id):
        name, promise = pick(aud.name, lang, src), pick(aud.promise, lang, src)
        description, why = pick(aud.description, lang, src), pick(aud.why, lang, src)
        add("audience", aud.id, name, paths.audience(lang, aud.id), promise or description,
            ((TITLE, name), (STRONG, promise), (STRONG, description), (BODY, why)), (promise, description, why))
    # Same choice as the glossary page: this language's terms, else the source language's.
    entries = cur.glossary.get(lang) or cur.glossary.get(src, {})
    for entry in sorted(entries.values(), key=lambda item: item.id):
        add("term", entry.id, entry.term, paths.glossary(lang, entry.id), entry.definition,
            ((TITLE, entry.term), *((TITLE, a) for a in entry.aliases), (BODY, entry.definition)), ())
    return docs


# --- index ---------------------------------------------------------------------------------------------


def build_search_index(cur: Curriculum, lang: str) -> SearchIndex:
    """The search index of one language; the same curriculum always gives the same bytes."""
    docs = search_documents(cur, lang)
    # exact form → doc id → best field weight
    forms: dict[str, dict[int, int]] = {}
    for doc_id, doc in enumerate(docs):
        for weight, text in doc.fields:
            for word in tokens(text):
                if len(word) > MAX_TOKEN:
                    continue
                seen = forms.setdefault(word, {})
                if seen.get(doc_id, 0) < weight:
                    seen[doc_id] = weight
    grouped: dict[str, dict[str, list[int]]] = {}
    stemmed = lang in STEMMED_LANGUAGES
    for form, weights in forms.items():
        folded = index_key(form, stemmed)
        if folded:  # not a stray combining mark
            grouped.setdefault(folded, {})[form] = _postings(weights)
    shards: dict[str, list[Entry]] = {}
    for folded in sorted(grouped):
        entry: Entry = [folded]
        # The unaccented form first and written as "": English and typed-without-marks text costs nothing.
        for form in sorted(grouped[folded], key=lambda f: (f != folded, f)):
            entry += ["" if form == folded else form, grouped[folded][form]]
        shards.setdefault(shard_key(folded), []).append(entry)
    split: set[str] = set()
    final: dict[str, list[Entry]] = {}
    pending = dict(shards)
    while pending:  # split the heavy shards by one more letter, until every one is light or four letters long
        key, entries = pending.popitem()
        if (key == "_" or len(key) >= LONGEST_KEY
                or len(gzip.compress(_script(lang, key, entries), 6)) <= SPLIT_BYTES):
            final[key] = entries
            continue
        split.add(key)
        for entry in entries:  # in order: every shard stays sorted
            deeper = lookup_key(entry[0], split)
            (final if deeper == key else pending).setdefault(deeper, []).append(entry)
    prefix = SitePaths(cur.config.source_language).prefix(lang)
    frozen = {key: tuple(entries) for key, entries in sorted(final.items())}
    inline = len(gzip.compress(_json(_titles(docs)).encode(), 6)) <= INLINE_LIMIT
    return SearchIndex(lang, prefix, tuple(docs), frozen, _files(lang, docs, frozen, inline, split), inline,
                       frozenset(split))


def _postings(weights: Mapping[int, int]) -> list[int]:
    """Doc ids in order as gaps, each shifted left two bits with the field weight below: short JSON numbers."""
    out, previous = [], 0
    for doc_id in sorted(weights):
        out.append((doc_id - previous) << 2 | weights[doc_id])
        previous = doc_id
    return out


def decode_postings(postings: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(doc id, field weight) pairs of an encoded postings list."""
    doc_id = 0
    for value in postings:
        doc_id += value >> 2
        yield doc_id, value & 3


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _script(lang: str, key: str, data: Any) -> bytes:
    text = _json([lang, key, data])
    # Engines before ES2019 reject these two inside string literals of a script (JSON allows them).
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # The byte-order mark makes browsers read the file as UTF-8 whatever a server or the disk claims.
    # hvsearch.js creates the array before it adds the first file's <script>; no other page loads these.
    return f"\ufeff{GLOBAL}.push({text});\n".encode()


def _titles(docs: Sequence[SearchDoc]) -> list[list[str]]:
    return [[d.title, d.url] for d in docs]


def doc_record(doc: SearchDoc, inline: bool = False) -> list[str]:
    """What `docs<n>.js` holds for a page: title and URL (empty when the search page carries them), whole
    summary, then the sentences kept for snippets."""
    return ["", "", doc.summary, *doc.sentences] if inline else [doc.title, doc.url, doc.summary, *doc.sentences]


def _files(lang: str, docs: Sequence[SearchDoc], shards: Mapping[str, Sequence[Entry]],
           inline: bool, split: Set[str]) -> dict[str, bytes]:
    # The manifest says which shards exist, so a word no page contains costs no request (and a failed
    # request can only mean "offline"). The search page carries it; docs.js is for pages that do not.
    files = {f"{MANIFEST}.js": _script(lang, MANIFEST, _manifest(lang, docs, shards, inline, split))}
    for start in range(0, len(docs), DOC_CHUNK):
        name = f"{MANIFEST}{start // DOC_CHUNK}"
        files[f"{name}.js"] = _script(lang, name, [doc_record(d, inline) for d in docs[start: start + DOC_CHUNK]])
    for key, entries in shards.items():
        files[f"{key}.js"] = _script(lang, key, list(entries))
    return files


def write_search_index(index: SearchIndex, out_dir: Path | str) -> list[Path]:
    """Write the index under `out_dir` (the site root) in `<prefix>search/`; returns every file of the index.

    Files whose bytes did not change are left alone, and shards the index no longer has are removed, so the
    folder always holds exactly one consistent index.
    """
    folder = Path(out_dir) / index.folder
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in sorted(index.files.items()):
        path = folder / name
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
        written.append(path)
    for stale in folder.iterdir():
        if stale.name not in index.files and _FILE_NAME.fullmatch(stale.name):
            stale.unlink()
    return written


# --- the query, as hvsearch.js runs it (the tests compare both) -----------------------------------------


def search(index: SearchIndex, query: str, *, typing: bool = True) -> list[int]:
    """Doc ids matching every word of `query`, best first: the reference for hvsearch.js."""
    scores: dict[int, int] | None = None
    for word in index.active(query_words(query, typing=typing, stemmed=index.lang in STEMMED_LANGUAGES)):
        found: dict[int, int] = {}
        for entry in index.shards.get(index.key_of(word.folded), ()):
            folded = entry[0]
            whole = folded == word.folded
            if not whole and not (word.prefix and folded.startswith(word.folded)):
                continue
            for n in range(1, len(entry), 2):
                form = entry[n] or folded
                exact = word.marked and (
                    form.startswith(word.typed) if word.prefix else form == word.typed)
                bonus = (EXACT_BONUS if exact else 0) + (WHOLE_WORD_BONUS if whole else 0)
                for doc_id, weight in decode_postings(entry[n + 1]):
                    found[doc_id] = max(found.get(doc_id, 0), bonus + 2 * weight)
        scores = found if scores is None else {d: s + found[d] for d, s in scores.items() if d in found}
    return sorted(scores or {}, key=lambda d: (-(scores or {})[d], d))


_MARKABLE = re.compile(f"[A-Z{WORD_CLASS}]+")
"""Words in text as written (capitals too): what a snippet marks."""


def word_matches(word: str, words: Sequence[QueryWord], stemmed: bool) -> QueryWord | None:
    """The query word a word of the text answers, if any: same index key, or its start for a typed prefix."""
    key = index_key(unicodedata.normalize("NFC", word).lower(), stemmed)
    for query_word in words:
        if key == query_word.folded or (query_word.prefix and key.startswith(query_word.folded)):
            return query_word
    return None


def marks(text: str, words: Sequence[QueryWord], stemmed: bool) -> list[tuple[int, int, int]]:
    """(start, end, which query word) of every word of `text` that answers a query word."""
    found = []
    for m in _MARKABLE.finditer(text):
        if (word := word_matches(m.group(0), words, stemmed)) is not None:
            found.append((m.start(), m.end(), words.index(word)))
    return found


def anchor(found: Sequence[tuple[int, int, int]]) -> int:
    """Where a long text's window starts: at the first mark after which the window holds the most query
    words ("kể" early in a sentence must not hide "sao kê" at its end)."""
    best, most = 0, 0
    for start, _, _ in found:
        inside = {w for a, b, w in found if a >= start and b <= start + WINDOW - 40}
        if len(inside) > most:
            best, most = start, len(inside)
    return best


def excerpt(text: str, at: int) -> str:
    """`text` itself, or `WINDOW` characters of it from a little before position `at`, cut between words."""
    if len(text) <= WINDOW:
        return text
    start = 0
    if at > 40:
        start = text.find(" ", at - 40) + 1
        if start > at:
            start = at
    end = start + WINDOW
    if end >= len(text):
        end = len(text)
    else:
        space = text.rfind(" ", 0, end + 1)
        if space > start + WINDOW // 2:
            end = space
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def choose_snippet(record: Sequence[str], words: Sequence[QueryWord], stemmed: bool) -> str:
    """The snippet of a result (hvsearch.js does the same): of the page's summary and kept sentences
    (`doc_record`: title, URL, summary, sentences...), the first that holds the most query words, around its
    marked words; the summary when none holds one."""
    best, best_count = record[2] if len(record) > 2 else "", 0
    for text in record[2:]:
        count = len({w for _, _, w in marks(text, words, stemmed)})
        if count > best_count:
            best, best_count = text, count
    return excerpt(best, anchor(marks(best, words, stemmed)) if best_count else 0)


def snippet_for(index: SearchIndex, doc_id: int, query: str, *, typing: bool = True) -> tuple[str, list[str]]:
    """The snippet shown for a result of `query`, and its marked words: the reference for hvsearch.js."""
    stemmed = index.lang in STEMMED_LANGUAGES
    words = index.active(query_words(query, typing=typing, stemmed=stemmed))
    text = choose_snippet(doc_record(index.docs[doc_id]), words, stemmed)
    return text, [text[a:b] for a, b, _ in marks(text, words, stemmed)]


# --- the search page -------------------------------------------------------------------------------------

PAGE = "index.html"
"""<prefix>search/index.html: where the header's search button leads (the form and the results)."""
ALL_PAGE = "all.html"
"""<prefix>search/all.html: every page of the language with its summary. The form's action: with JavaScript
off (or before the script has loaded on a slow link) a submitted query opens it, and the learner finds the
words with the browser's "find in page"; with JavaScript on, the query (?q=) also runs there."""
_HEAD_STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"(?:stylesheet|icon)\"[^>]*>")
_BODY_OPEN = re.compile(r"<body\b[^>]*>")
_HEADER = re.compile(r"<header\b.*?</header>", re.DOTALL)
_RELATIVE_URL = re.compile(r"\b(href|src)=\"(?![a-z][a-z0-9+.-]*:|/|#)([^\"]*)\"")
_KIND_ORDER = ("lesson", "course", "audience", "term")
_DRAWER_BUTTON = re.compile(r"<label\b[^>]*\bfor=\"__drawer\"[^>]*>.*?</label>", re.DOTALL)


def render_search_page(index: SearchIndex, home_html: str, form: str, strings: Mapping[str, str], *,
                       listing: bool) -> str:
    """The search page (or, with `listing`, the no-JavaScript page of everything) of one language.

    Its head stylesheets, `<body>` and header are the language's home page's, one folder deeper: the page
    looks like the site and passes the same CSS pass (critical_css.py) as every page. `form` is
    overrides/partials/hv-search.html rendered for this page; every text here is escaped.
    """
    from html import escape

    from .sanitize import CONTENT_SECURITY_POLICY

    def deeper(text: str) -> str:  # the home page's relative URLs, seen from <prefix>search/
        return _RELATIVE_URL.sub(lambda m: f'{m.group(1)}="../{m.group(2)}"', text)

    head = home_html[: home_html.find("</head>")]
    links = "\n".join(deeper(m.group(0)) for m in _HEAD_STYLESHEET.finditer(head))
    body = _BODY_OPEN.search(home_html)
    header = _HEADER.search(home_html)
    title = strings.get("search_title", "Search")
    site_name = _TITLE.search(head)
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(index.lang)}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(title)}{' - ' + site_name.group(1) if site_name else ''}</title>",
        '<meta name="robots" content="noindex">' if listing else "",
        links,
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CONTENT_SECURITY_POLICY)}">',
        "</head>",
        body.group(0) if body else "<body>",
        # The menu button opens a drawer this page does not have; the logo and the title lead home.
        _DRAWER_BUTTON.sub("", deeper(header.group(0))) if header else "",
        '<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
        '<div class="md-content"><article class="md-content__inner md-typeset">',
        f"<h1>{escape(title)}</h1>",
        form,
    ]
    root = "../" * (1 + index.prefix.count("/"))
    if listing:
        parts.append(f"<p>{escape(strings.get('search_all_intro', ''))}</p>")
        for kind in _KIND_ORDER:
            docs = [d for d in index.docs if d.kind == kind]
            if not docs:
                continue
            parts.append(f"<h2>{escape(strings.get('search_kind_' + kind, kind))}</h2>\n<ul>")
            for doc in sorted(docs, key=lambda d: fold(d.title)):
                parts.append(f'<li><a href="{root}{escape(doc.url)}">'
                             f"{escape(doc.title)}</a>" + (f" — {escape(doc.snippet)}" if doc.snippet else "")
                             + "</li>")
            parts.append("</ul>")
    else:
        parts.append(f'<p><a href="{ALL_PAGE}">{escape(strings.get("search_all_link", ""))}</a></p>')
    parts.append("</article></div></div></main></div>")
    parts.append("</body></html>\n")
    return "\n".join(p for p in parts if p)


_TITLE = re.compile(r"<title>(?:[^<]* - )?([^<]*)</title>")


def write_search_pages(index: SearchIndex, site: Path | str, form: Callable[[str], str],
                       strings: Mapping[str, str]) -> list[Path]:
    """Write <prefix>search/index.html and all.html beside the index; `form(page)` renders the form partial
    for a page (site-relative path). Nothing is written when the language has no home page."""
    site = Path(site)
    home = site / index.prefix / "index.html"
    if not home.is_file():
        return []
    home_html = home.read_text("utf-8")
    written = []
    for name, listing in ((PAGE, False), (ALL_PAGE, True)):
        path = site / index.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_search_page(index, home_html, form(f"{index.folder}/{name}"), strings,
                                           listing=listing), "utf-8")
        written.append(path)
    return written


def _manifest(lang: str, docs: Sequence[SearchDoc], shards: Mapping[str, Sequence[Entry]],
              inline: bool, split: Set[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"c": DOC_CHUNK, "n": len(docs), "r": REQUESTS, "s": " ".join(shards)}
    if split:
        data["p"] = " ".join(sorted(split))  # shards split by the third letter
    if inline:
        data["t"] = _titles(docs)  # every title and URL: a query needs no file for them
    if lang in STEMMED_LANGUAGES:
        data["e"] = 1  # hvsearch.js stems query words as stem() does
    return data


def manifest(index: SearchIndex) -> str:
    """The manifest as JSON, for the search page's form (data-hv-manifest): saves the request for docs.js and,
    on a site that is not too big, every request for titles."""
    return _json(_manifest(index.lang, index.docs, index.shards, index.inline, index.split))
