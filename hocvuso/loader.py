"""Reading `curriculum/` into the typed model, collecting every problem on the way.

The loader is forgiving: a value of the wrong shape is reported (by the schema check) and replaced by a
harmless default, so one broken file never hides the problems in the others.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostic import Diagnostic, error, warning
from .markdowndoc import MarkdownDoc, parse_markdown
from .model import (
    Activity,
    Audience,
    ChoiceText,
    Competence,
    Config,
    Course,
    Curriculum,
    Difficulty,
    Domain,
    Framework,
    GlossaryEntry,
    Language,
    Lesson,
    LessonText,
    Level,
    Localized,
    Question,
    QuestionText,
    Quiz,
    Reference,
    Source,
    Taught,
    TeacherText,
    Tier,
)
from .parallel import map_chunks
from .schema import check_schema
from .yamlfile import PathKey, YamlDoc, YamlError, parse_yaml, read_text

LESSON_FILE = "lesson.yml"
QUIZ_FILE = "quiz.yml"
_LANG_MD = re.compile(r"^([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$")
_LANG_QUIZ = re.compile(r"^quiz\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.yml$")
_LANG_TEACHER = re.compile(r"^teacher\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.yml$")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


# --- small, total accessors: wrong shapes were already reported by the schema check -------------

def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _str(data: Any, key: str, default: str = "") -> str:
    value = _get(data, key)
    return value if isinstance(value, str) else default


def _int(data: Any, key: str, default: int = 0) -> int:
    value = _get(data, key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _list(data: Any, key: str) -> list[Any]:
    value = _get(data, key)
    return value if isinstance(value, list) else []


def _dict(data: Any, key: str) -> dict[str, Any]:
    value = _get(data, key)
    return value if isinstance(value, dict) else {}


def _strs(data: Any, key: str) -> tuple[str, ...]:
    return tuple(str(v) for v in _list(data, key) if isinstance(v, (str, int, float)) and not isinstance(v, bool))


def _loc(data: Any, key: str) -> Localized:
    return dict({k: v for k, v in _dict(data, key).items() if isinstance(v, str)})


def _refs(data: Any, key: str) -> tuple[Reference, ...]:
    return tuple(
        Reference(_str(r, "title"), _str(r, "url"), _str(r, "note")) for r in _list(data, key) if isinstance(r, dict)
    )


def _code(value: Any) -> str:
    # Competence codes such as 1.1 are numbers to YAML when unquoted; accept them, the text is what counts.
    if isinstance(value, float):
        return repr(value)
    return str(value) if value is not None and not isinstance(value, bool) else ""


@dataclass
class Loaded:
    """The result of reading files: the model, the problems found, and the raw documents for checks."""

    curriculum: Curriculum
    diagnostics: list[Diagnostic]
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """Raw text of every file read, by path, for checks that look at the characters themselves."""
    broken: set[str] = field(default_factory=set)
    """Files that exist but could not be read or parsed: checks must not report them again as missing."""
    markdown: dict[str, MarkdownDoc] = field(default_factory=dict)
    """Lesson texts already parsed while loading (by the parallel loader), by path."""
    metadata_only: frozenset[str] = frozenset()
    """Lessons loaded from lesson.yml and quiz.yml alone (see `load_curriculum(full_lessons=...)`): their texts
    and quiz wording were not read, so only their metadata, answer keys and positions in those two files are real."""


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Diagnostic] = []
        self.docs: dict[str, YamlDoc] = {}
        self.files: list[str] = []
        self.texts: dict[str, str] = {}
        self.broken: set[str] = set()

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def src(self, doc: YamlDoc, key: PathKey = ()) -> Source:
        line, col = doc.where(key)
        return Source(doc.path, line, col)

    def yaml(self, path: Path, schema: str | None) -> YamlDoc | None:
        """Parse a YAML file and check it against `schema` (None: not checked, for metadata-only lessons)."""
        rel = self.rel(path)
        self.files.append(rel)
        try:
            raw = read_text(path, rel)
            self.texts[rel] = raw
            doc, problems = parse_yaml(raw, rel)
        except YamlError as exc:
            self.problems.append(exc.diagnostic)
            self.broken.add(rel)
            return None
        self.problems.extend(problems)
        if schema is not None:
            self.problems.extend(check_schema(doc, schema))
        self.docs[rel] = doc
        return doc

    def text(self, path: Path) -> str | None:
        rel = self.rel(path)
        self.files.append(rel)
        try:
            self.texts[rel] = read_text(path, rel)
            return self.texts[rel]
        except YamlError as exc:
            self.problems.append(exc.diagnostic)
            self.broken.add(rel)
            return None


def load_curriculum(root: Path | str, *, full_lessons: Collection[str] | None = None) -> Loaded:
    """Load `root/curriculum` (root is the project folder). Never raises on bad content.

    With `full_lessons` (lesson folder names), only those lessons are read in full; every other lesson is read
    from its lesson.yml and quiz.yml alone, which is all that ids, prerequisites, courses and coverage need.
    The incremental validator uses this to check a few changed lessons against a big curriculum quickly.
    """
    root = Path(root)
    reader = _Reader(root)
    cur = root / "curriculum"
    config = _load_config(reader, cur / "config.yml")
    framework = _load_framework(reader, cur / config.framework_file)
    others = tuple(
        f for f in (_load_framework(reader, p) for p in sorted((cur / "frameworks").glob("*.yml"))) if f is not None
    )
    if framework is None:
        framework = Framework("missing", {}, {}, (), (), (), (), "", Source(f"curriculum/{config.framework_file}"))
    audiences = _load_audiences(reader, cur / "audiences.yml", framework)
    courses = tuple(
        c for c in (_load_course(reader, p) for p in sorted((cur / "courses").glob("*.yml"))) if c is not None
    )
    folders = sorted(d for d in (cur / "lessons").iterdir() if d.is_dir()) if (cur / "lessons").is_dir() else []
    full = None if full_lessons is None else frozenset(full_lessons)
    lessons, markdown = _load_lessons(reader, folders, config, full)
    glossary = _load_glossary(reader, cur / "glossary", config)
    curriculum = Curriculum(
        root=str(root),
        config=config,
        framework=framework,
        frameworks=(framework, *others),
        audiences=audiences,
        courses=courses,
        lessons=lessons,
        glossary=glossary,
        files=tuple(reader.files),
    )
    light = frozenset() if full is None else frozenset(f.name for f in folders if f.name not in full)
    return Loaded(curriculum, reader.problems, reader.docs, reader.texts, reader.broken, markdown, light)


# Below this many lessons, forking workers costs more than it saves.
PARALLEL_FROM = 200


def _load_lessons(reader: _Reader, folders: list[Path], config: Config,
                  full: frozenset[str] | None) -> tuple[tuple[Lesson, ...], dict[str, MarkdownDoc]]:
    """Lesson folders are independent, so a big curriculum is loaded (and its Markdown parsed) on every core."""
    if len(folders) < PARALLEL_FROM:
        found = (_load_lesson(reader, folder, config, texts=full is None or folder.name in full) for folder in folders)
        return tuple(lesson for lesson in found if lesson is not None), {}
    lessons: list[Lesson] = []
    markdown: dict[str, MarkdownDoc] = {}
    for part in map_chunks(functools.partial(_load_chunk, reader.root, config, full), folders,
                           minimum=PARALLEL_FROM):
        lessons.extend(part.lessons)
        markdown.update(part.markdown)
        reader.problems.extend(part.problems)
        reader.docs.update(part.docs)
        reader.texts.update(part.texts)
        reader.broken.update(part.broken)
        reader.files.extend(part.files)
    return tuple(lessons), markdown


@dataclass
class _Chunk:
    lessons: list[Lesson]
    markdown: dict[str, MarkdownDoc]
    problems: list[Diagnostic]
    docs: dict[str, YamlDoc]
    texts: dict[str, str]
    broken: set[str]
    files: list[str]


def _load_chunk(root: Path, config: Config, full: frozenset[str] | None, folders: Sequence[Path]) -> _Chunk:
    reader = _Reader(root)
    found = (_load_lesson(reader, f, config, texts=full is None or f.name in full) for f in folders)
    lessons = [lesson for lesson in found if lesson is not None]
    markdown = {t.source.path: parse_markdown(t.body, t.body_line) for lesson in lessons for t in lesson.texts.values()}
    # The YAML documents stay here: unpickling their position tables in the parent would cost more than the
    # parallel loading saves, and every position the checks need is already recorded in the model.
    return _Chunk(lessons, markdown, reader.problems, {}, reader.texts, reader.broken, reader.files)


def _load_config(reader: _Reader, path: Path) -> Config:
    default = Config("vi", (Language("vi", "Tiếng Việt", True), Language("en", "English", False)))
    if not path.exists():
        reader.problems.append(error(reader.rel(path), 1, "missing-file", "the curriculum has no config.yml",
                                     "create curriculum/config.yml with source_language and languages"))
        return default
    doc = reader.yaml(path, "config")
    if doc is None:
        return default
    langs = tuple(
        Language(_str(item, "code"), _str(item, "name"), bool(_get(item, "required")))
        for item in _list(doc.data, "languages") if _str(item, "code")
    ) or default.languages
    budgets = _dict(doc.data, "budgets")
    return Config(
        source_language=_str(doc.data, "source_language", langs[0].code),
        languages=langs,
        framework_file=_str(doc.data, "framework", "framework.yml"),
        repository=_str(doc.data, "repository"),
        image_bytes=_int(budgets, "image_bytes", default.image_bytes),
        lesson_minutes=_int(budgets, "lesson_minutes", default.lesson_minutes),
    )


def _load_framework(reader: _Reader, path: Path) -> Framework | None:
    if not path.exists():
        reader.problems.append(error(reader.rel(path), 1, "missing-file", "the competence framework file is missing",
                                     "restore curriculum/framework.yml or fix 'framework' in config.yml"))
        return None
    doc = reader.yaml(path, "framework")
    if doc is None:
        return None
    data = doc.data
    levels = tuple(
        Level(_str(lv, "id"), _int(lv, "rank"), _str(lv, "tier"), _loc(lv, "name"), _loc(lv, "description"),
              reader.src(doc, ("levels", i)))
        for i, lv in enumerate(_list(data, "levels")) if isinstance(lv, dict)
    )
    domains = []
    for i, dom in enumerate(_list(data, "domains")):
        if not isinstance(dom, dict):
            continue
        did = _code(_get(dom, "id"))
        comps = tuple(
            Competence(
                id=_code(_get(c, "id")), domain=did, name=_loc(c, "name"), description=_loc(c, "description"),
                extension=bool(_get(dom, "extension")), maps_to=tuple(_code(m) for m in _list(c, "maps_to")),
                source=reader.src(doc, ("domains", i, "competences", j)),
            )
            for j, c in enumerate(_list(dom, "competences")) if isinstance(c, dict)
        )
        domains.append(Domain(did, _loc(dom, "name"), bool(_get(dom, "extension")), _refs(dom, "source"), comps,
                              reader.src(doc, ("domains", i))))
    return Framework(
        id=_str(data, "id"), name=_loc(data, "name"), description=_loc(data, "description"),
        references=_refs(data, "source"),
        tiers=tuple(Tier(_str(t, "id"), _loc(t, "name")) for t in _list(data, "tiers") if isinstance(t, dict)),
        levels=levels, domains=tuple(domains), crosswalk_to=_str(data, "crosswalk_to"), source=reader.src(doc),
    )


def _load_audiences(reader: _Reader, path: Path, framework: Framework) -> tuple[Audience, ...]:
    if not path.exists():
        reader.problems.append(error(reader.rel(path), 1, "missing-file", "the curriculum has no audiences.yml",
                                     "create curriculum/audiences.yml listing the target groups"))
        return ()
    doc = reader.yaml(path, "audiences")
    if doc is None:
        return ()
    result = []
    for i, item in enumerate(_list(doc.data, "audiences")):
        if not isinstance(item, dict):
            continue
        req = _dict(item, "requires")
        by_domain = {_code(k): v if isinstance(v, str) else None for k, v in _dict(req, "domains").items()}
        by_comp = {_code(k): v if isinstance(v, str) else None for k, v in _dict(req, "competences").items()}
        expanded: dict[str, str] = {}
        for comp in framework.competences:
            level = by_comp[comp.id] if comp.id in by_comp else by_domain.get(comp.domain)
            if level:
                expanded[comp.id] = level
        spots = {}
        for group, table in (("domains", by_domain), ("competences", by_comp)):
            for key in table:
                line, col = doc.where(("audiences", i, "requires", group, key), of_key=True)
                spots[f"{group}.{key}"] = Source(doc.path, line, col)
        result.append(Audience(
            id=_str(item, "id"), name=_loc(item, "name"), description=_loc(item, "description"),
            promise=_loc(item, "promise"), why=_loc(item, "why"), icon=_str(item, "icon"),
            requires=dict(expanded), domain_levels=dict(by_domain),
            competence_levels=dict(by_comp), source=reader.src(doc, ("audiences", i)),
            spots=dict(spots),
        ))
    return tuple(result)


def _load_course(reader: _Reader, path: Path) -> Course | None:
    doc = reader.yaml(path, "course")
    if doc is None:
        return None
    data = doc.data
    spots = {f"lessons.{i}": reader.src(doc, ("lessons", i)) for i in range(len(_list(data, "lessons")))}
    spots |= {f"after.{i}": reader.src(doc, ("after", i)) for i in range(len(_list(data, "after")))}
    for key in ("id", "audience", "level"):
        spots[key] = reader.src(doc, (key,))
    return Course(
        id=_str(data, "id"), audience=_str(data, "audience"), level=_str(data, "level"), title=_loc(data, "title"),
        description=_loc(data, "description"), after=_strs(data, "after"), lessons=_strs(data, "lessons"),
        source=reader.src(doc), spots=dict(spots),
    )


def split_front_matter(text: str, rel: str) -> tuple[YamlDoc | None, str, int, list[Diagnostic]]:
    """Split `---` front matter from a Markdown file. Returns (front matter, body, body's first line, problems)."""
    match = _FRONT.match(text)
    if not match:
        return None, text, 1, [error(rel, 1, "front-matter", "the file does not start with front matter",
                                     "begin the file with '---', then 'title:' and 'objectives:', then '---'")]
    inner = match.group(1) or ""
    body_line = text[: match.end()].count("\n") + 1
    try:
        # Offset by one line so positions in the front matter match the file.
        doc, problems = parse_yaml("\n" + inner, rel)
    except YamlError as exc:
        return None, text[match.end():], body_line, [exc.diagnostic]
    return doc, text[match.end():], body_line, problems


def fingerprint(*parts: str) -> str:
    """Short hash of source-language texts; NFC and line endings are normalised so no-op saves don't count.

    Spelled with the letters a–p instead of hex digits: an all-digit hex string would be read by YAML as a
    number and lose its leading zeros.
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update(unicodedata.normalize("NFC", part).strip().encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:12].translate(_HEX_TO_LETTERS)


_HEX_TO_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")



def _language_files(reader: _Reader, folder: Path, stem: str, pattern: re.Pattern[str],
                    config: Config) -> list[tuple[str, Path]]:
    """(language, path) of each `<stem>.<lang>.yml` in a lesson folder; a file named for a language config.yml
    does not list is reported and skipped."""
    found = []
    for path in sorted(folder.glob(f"{stem}.*.yml")):
        m = pattern.match(path.name)
        if not m or m.group(1) not in config.codes:
            reader.problems.append(warning(reader.rel(path), 1, "unknown-language",
                                           f"'{path.name}' is not a configured language file",
                                           f"name it {stem}.<language>.yml with one of: {', '.join(config.codes)}"))
            continue
        found.append((m.group(1), path))
    return found

def _load_lesson(reader: _Reader, folder: Path, config: Config, *, texts: bool = True) -> Lesson | None:
    """One lesson folder; with texts=False only lesson.yml and quiz.yml (no wording, no fingerprint)."""
    meta_path = folder / LESSON_FILE
    rel_folder = reader.rel(folder)
    if not meta_path.exists():
        reader.problems.append(error(f"{rel_folder}/{LESSON_FILE}", 1, "missing-file",
                                     f"lesson folder '{folder.name}' has no {LESSON_FILE}",
                                     "every lesson folder needs lesson.yml: copy one from another lesson and edit it"))
        return None
    # A metadata-only lesson's own problems are not reported (see load_curriculum): skip its schema checks.
    doc = reader.yaml(meta_path, "lesson" if texts else None)
    data = doc.data if doc is not None else {}
    # The folder name is the id links and courses resolve against; a different `id:` is a mistake to report.
    lesson_id = folder.name
    written = _str(data, "id")
    if doc is not None and written and written != folder.name:
        reader.problems.append(error(doc.path, doc.line(("id",)), "lesson-folder",
                                     f"lesson id '{written}' differs from its folder name '{folder.name}'",
                                     f"rename the folder to '{written}' or set id: {folder.name}"))
    by_lang: dict[str, LessonText] = {}
    raw_texts: dict[str, str] = {}
    for md in sorted(folder.glob("*.md")) if texts else ():
        m = _LANG_MD.match(md.name)
        if not m or m.group(1) not in config.codes:
            reader.problems.append(warning(reader.rel(md), 1, "unknown-language",
                                           f"'{md.name}' is not a configured language file",
                                           f"name it <language>.md with one of: {', '.join(config.codes)}"))
            continue
        raw = reader.text(md)
        if raw is None:
            continue
        raw_texts[m.group(1)] = raw
        by_lang[m.group(1)] = _lesson_text(reader, md, m.group(1), raw)
    quiz_texts: dict[str, YamlDoc] = {}
    quiz_raw: dict[str, str] = {}
    for lang, qt in _language_files(reader, folder, "quiz", _LANG_QUIZ, config) if texts else ():
        qdoc = reader.yaml(qt, "quiz-text")
        if qdoc is not None:
            quiz_texts[lang] = qdoc
            quiz_raw[lang] = reader.texts.get(qdoc.path, "")
    quiz = _load_quiz(reader, folder / QUIZ_FILE, quiz_texts, check=texts) if (folder / QUIZ_FILE).exists() else None
    teacher: dict[str, TeacherText] = {}
    for lang, tt in _language_files(reader, folder, "teacher", _LANG_TEACHER, config) if texts else ():
        tdoc = reader.yaml(tt, "teacher")
        if tdoc is not None:
            teacher[lang] = _teacher_text(reader, tdoc, lang)
    src = config.source_language
    reviewed = None
    if doc is not None and (stamp := _str(data, "reviewed")):
        try:
            reviewed = dt.date.fromisoformat(stamp)
        except ValueError:
            reader.problems.append(error(doc.path, doc.line(("reviewed",)), "schema",
                                         f"'{stamp}' is not a real date at lesson.yml#reviewed",
                                         "write the date as YYYY-MM-DD"))
    spots: dict[str, Source] = {}
    if doc is not None:
        for key in ("id", "audiences", "prerequisites", "competences", "duration", "reviewed"):
            spots[key] = reader.src(doc, (key,))
        for i in range(len(_list(data, "audiences"))):
            spots[f"audiences.{i}"] = reader.src(doc, ("audiences", i))
        for i in range(len(_list(data, "prerequisites"))):
            spots[f"prerequisites.{i}"] = reader.src(doc, ("prerequisites", i))
    taught = tuple(
        Taught(_code(_get(c, "id")), _str(c, "level"),
               reader.src(doc, ("competences", i)) if doc else Source(f"{rel_folder}/{LESSON_FILE}"))
        for i, c in enumerate(_list(data, "competences")) if isinstance(c, dict)
    )
    return Lesson(
        id=lesson_id, folder=rel_folder, competences=taught, audiences=_strs(data, "audiences"),
        duration=_int(data, "duration"), prerequisites=_strs(data, "prerequisites"), reviewed=reviewed,
        references=_refs(data, "sources"), texts=dict(by_lang), quiz=quiz,
        fingerprint=fingerprint(raw_texts.get(src, ""), quiz_raw.get(src, "")),
        source=reader.src(doc) if doc else Source(f"{rel_folder}/{LESSON_FILE}"), spots=dict(spots),
        complete=doc is not None, teacher=dict(teacher),
        handout_pages=_int(data, "handout_pages", 2),
    )


def _teacher_text(reader: _Reader, doc: YamlDoc, lang: str) -> TeacherText:
    data = doc.data
    objectives, materials = _dict(data, "objectives"), _dict(data, "materials")
    activities = []
    for i, a in enumerate(_list(data, "activities")):
        if not isinstance(a, dict):
            continue
        minutes = [m if isinstance(m, int) and not isinstance(m, bool) else 0 for m in _list(a, "minutes")]
        minutes += [0] * (2 - len(minutes))
        activities.append(Activity(
            title=_str(a, "title"), minutes=(minutes[0], minutes[1]), goal=_str(a, "goal"),
            content=_str(a, "content"), product=_str(a, "product"), organise=_strs(a, "organise"),
            source=reader.src(doc, ("activities", i))))
    return TeacherText(
        lang=lang, knowledge=_strs(objectives, "knowledge"), skills=_strs(objectives, "skills"),
        attitudes=_strs(objectives, "attitudes"), materials_teacher=_strs(materials, "teacher"),
        materials_learners=_strs(materials, "learners"), before_class=_strs(data, "before_class"),
        safe_practice=_strs(data, "safe_practice"), activities=tuple(activities),
        difficulties=tuple(Difficulty(_str(d, "problem"), _str(d, "help")) for d in _list(data, "difficulties")
                           if isinstance(d, dict)),
        source=reader.src(doc))


def _lesson_text(reader: _Reader, md: Path, lang: str, raw: str) -> LessonText:
    rel = reader.rel(md)
    front, body, body_line, problems = split_front_matter(raw, rel)
    reader.problems.extend(problems)
    if front is not None:
        reader.problems.extend(check_schema(front, "lesson-text"))
        reader.docs[rel] = front
    data = front.data if front is not None else {}
    return LessonText(
        lang=lang, title=_str(data, "title"), summary=_str(data, "summary"),
        objectives=_strs(data, "objectives"), translated_from=_str(data, "translated_from"),
        translated_from_line=front.line(("translated_from",), of_key=True) if front else 1, body=body,
        body_line=body_line, source=Source(rel, 1, 1),
    )


def _answer(value: Any) -> tuple[str, ...]:
    if isinstance(value, bool):
        return ("true",) if value else ("false",)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    if value is None:
        return ()
    return (str(value),)


def _load_quiz(reader: _Reader, path: Path, texts: Mapping[str, YamlDoc], *, check: bool = True) -> Quiz | None:
    doc = reader.yaml(path, "quiz" if check else None)
    if doc is None:
        return None
    questions = []
    for i, q in enumerate(_list(doc.data, "questions")):
        if not isinstance(q, dict):
            continue
        qid = _str(q, "id")
        qtype = _str(q, "type")
        choices = ("true", "false") if qtype == "truefalse" else _strs(q, "choices")
        per_lang = {}
        for lang, tdoc in texts.items():
            entry = _dict(_dict(tdoc.data, "questions"), qid)
            if not entry:
                continue
            choice_texts = {
                str(cid): ChoiceText(_str(c, "text"), _str(c, "feedback"))
                for cid, c in _dict(entry, "choices").items()
            }
            per_lang[lang] = QuestionText(
                prompt=_str(entry, "prompt"), quote=_str(entry, "quote"), image_alt=_str(entry, "image_alt"),
                explanation=_str(entry, "explanation"), choices=dict(choice_texts),
                source=reader.src(tdoc, ("questions", qid)),
            )
        spots = {key: reader.src(doc, ("questions", i, key)) for key in ("answer", "choices", "competence", "level",
                                                                           "image")}
        questions.append(Question(
            id=qid, type=qtype if qtype in ("single", "multiple", "truefalse", "order") else "single",  # type: ignore[arg-type]
            competence=_code(_get(q, "competence")), level=_str(q, "level"), choices=choices,
            answer=_answer(_get(q, "answer")), image=_str(q, "image"), texts=dict(per_lang),
            source=reader.src(doc, ("questions", i)), spots=dict(spots),
        ))
    text_keys = {
        tdoc.path: {str(qid): tdoc.where(("questions", qid), of_key=True) for qid in _dict(tdoc.data, "questions")}
        for tdoc in texts.values()
    }
    return Quiz(tuple(questions), {lang: d.path for lang, d in texts.items()}, reader.src(doc), text_keys)


def _load_glossary(reader: _Reader, folder: Path, config: Config) -> Mapping[str, Mapping[str, GlossaryEntry]]:
    result: dict[str, Mapping[str, GlossaryEntry]] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        lang = path.stem
        if lang not in config.codes:
            reader.problems.append(warning(reader.rel(path), 1, "unknown-language",
                                           f"glossary '{path.name}' is not for a configured language",
                                           f"name it <language>.yml with one of: {', '.join(config.codes)}"))
            continue
        doc = reader.yaml(path, "glossary")
        if doc is None:
            continue
        entries = {
            str(tid): GlossaryEntry(str(tid), lang, _str(t, "term"), _strs(t, "aliases"), _str(t, "definition"),
                                    reader.src(doc, ("terms", tid)))
            for tid, t in _dict(doc.data, "terms").items()
        }
        result[lang] = dict(entries)
    return dict(result)
