"""The MkDocs adapter: a few lines per event, all work done by the core (which never imports MkDocs).

Event order matters with mkdocs-static-i18n, which builds each further language *inside* its own
on_post_build: every event here may run once per language and must be idempotent.
"""

from __future__ import annotations

import logging
import os
import shutil
import sysconfig
import threading
from pathlib import Path
from typing import Any, cast

from jinja2 import BytecodeCache, Environment, FileSystemLoader
from jinja2.bccache import Bucket
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .critical_css import optimize_site
from .diagnostic import Diagnostic, Severity, render_diagnostics
from .escaping import escape_meta, escapes
from .fingerprint import fingerprint_site
from .glossary import link_terms
from .handouts import Sources, last_good_run, read_manifest, sources_stamp, write_handouts
from .images import size_images
from .incremental import changed_files, file_digests, stamp_of
from .markup import MarkdownOptions, options_from
from .messages import message_language
from .mkdocs_languages import LanguageMismatch, check_i18n_languages
from .model import Curriculum, LessonText
from .offline import fill_offline_sizes
from .pages import Generated, LessonPages, render_pages, write_pages
from .preview import (
    PREVIEW_SCRIPT_PATH,
    Rerender,
    ShownPages,
    add_preview_script,
    render_error_banner,
    restamp_error_banner,
    write_preview_script,
)
from .sanitize import CONTENT_SECURITY_POLICY, clean_html
from .search import SearchIndex, build_search_index, manifest, write_search_index, write_search_pages
from .site import GENERATED_DIR, SitePaths, load_strings
from .theme_markup import repair_theme_markup
from .themefiles import PACKAGE_THEME, ThemeFiles
from .translation_status import translation_status
from .validate import Validation, revalidate, validate
from .views import EditLinks, Views

log = logging.getLogger("mkdocs.plugins.hocvuso")

# Quiet logs: the theme prints an end-of-life banner on every start, which editors cannot act on.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class CurriculumConfig(Config):
    """The plugin's options (`plugins: - hocvuso: {…}` in mkdocs.yml); docs/own-curriculum.*.md lists them."""

    root = c.Dir(exists=True, default=".")
    """Project folder that holds curriculum/ (relative to mkdocs.yml)."""
    handouts = c.Type(bool, default=True)
    """`mkdocs build` renders the PDF handouts (only those whose inputs changed). Off, pages still link the PDFs
    found in handouts_dir (rendered by `hocvuso handouts`)."""
    handouts_dir = c.Type(str, default=".cache/handouts")
    """Where rendered PDFs and their manifest are kept between builds (relative to root)."""
    handouts_on_serve = c.Type(bool, default=False)
    """`mkdocs serve` renders changed PDFs too; off, the preview links the PDFs of the last build."""
    search = c.Type(bool, default=True)
    """Our diacritic-folding search: its page, index and header button."""
    offline = c.Type(bool, default=True)
    """The service worker: pages a learner opened, and courses saved, stay readable without a connection."""
    edit_uri = c.Optional(c.Type(str))
    """Path from `repo_url` to the editor of a file at the repository root (e.g. `edit/main/`). Default: MkDocs'
    `edit_uri` without its docs folder; no `repo_url` or an empty `edit_uri` means no edit links."""


class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    def __init__(self) -> None:
        self.command = ""
        self._start()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps one instance per process (so that `mkdocs serve` keeps its state between rebuilds): a
        # new session, e.g. another project built by the same process, starts from nothing.
        self._start()
        self.command = command

    def _start(self) -> None:
        self.result: Validation | None = None
        self.views: Views | None = None
        self.real_site_dir = ""
        self.failed = False
        self.finished = False
        self.stamp = ""
        self.static_pages: dict[str, str] = {}
        self.handouts_dir = Path(".cache/handouts")
        self.warned_no_site_url = False
        self.search: dict[str, SearchIndex] = {}
        self.env: Environment | None = None
        self.depth = 0
        """Builds under way: i18n nests each further language's build inside the first one."""
        self.lang = "en"
        """Language of messages (the curriculum's source language when we have words for it)."""
        self.shown_errors: list[Diagnostic] = []
        """`mkdocs serve` only: errors of the current curriculum, shown on every page of the last good site."""
        self.rendered_errors: list[Diagnostic] = []
        """The errors the pages on disk show: when they differ, every page on disk gets the new list."""
        self.generated: list[Generated] = []
        """The files last written to docs/learn/, and the validation they were rendered from."""
        self.generated_for: Validation | None = None
        # `mkdocs serve` only: what lets a save rebuild only what it changed (see on_config, on_nav).
        self.digests: dict[str, str] = {}
        """Hash of every file of curriculum/ as last validated."""
        self.latest: tuple[Validation, MarkdownOptions] | None = None
        """The full validation of those files (good or not), which the next save's `revalidate` starts from."""
        self.lesson_pages = LessonPages()
        self.shown = ShownPages()
        self.rerender = Rerender()
        """Pages whose Markdown is unchanged but which show something that changed: rendered again."""
        self.search_stale: set[str] = set()
        """Languages whose search index is to be written."""
        self.search_due: set[str] = set()
        """Languages whose search index a save changed, made again just after the rebuild (see `_index_later`)."""
        self.search_work: threading.Thread | None = None
        self.outputs: set[str] = set()
        """Every documentation page's output file, and those rendered by the build under way."""
        self.rendered: set[str] = set()
        self.template_code = _TemplateCode()
        self.theme_listing: dict[str, list[str]] = {}
        self.strings: tuple[tuple[str, int, int], ...] = ()

    @event_priority(100)  # before i18n (-100) so a curriculum error stops the build before any work
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent / self.config.root
        _install_theme(config, offline=self.config.offline)
        # Quiet logs: generated pages are reached from the site's own pages, not from `nav`; MkDocs would log
        # one "not included in nav" line per page on every rebuild.
        config.validation.nav.omitted_files = logging.DEBUG
        serve = self.command == "serve"
        if serve:
            _keep_theme_listing(config, self.theme_listing)
            if self.depth == 0:
                self.settle()  # the search index of the previous save is written before this one starts
        # `mkdocs serve`: i18n builds each further language inside the first one's build, which saw this save.
        nested = serve and self.depth > 0
        digests = {} if nested else file_digests(root / "curriculum")
        stamp = self.stamp if nested else stamp_of(digests)
        if self.result is None or stamp != self.stamp:
            # Once per change of the curriculum, not once per language build (i18n re-runs on_config).
            # Keyed on content, so a rejected edit stays rejected whatever else is saved meanwhile.
            self.stamp = stamp
            strings = _strings_signature(config)
            if not serve or strings != self.strings:  # reading them costs ≈ 0.1 s of CPU per save
                load_strings.cache_clear()
                self.strings = strings
            self.lang = message_language(root)
            markdown = options_from(config.markdown_extensions, config.mdx_configs)
            result = self._validate(root, markdown, digests)
            self._report_warnings(result)
            if result.ok or self.command != "serve" or self.result is None:
                self._adopt(root, result, config, markdown)
                self.shown_errors = []
            else:
                # Preview: keep serving the last good site, with the errors on every page, rather than fail
                # the rebuild (the browser's request would wait until the file is fixed).
                self.shown_errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
                log.error(render_diagnostics(self.shown_errors, "text", len(result.loaded.curriculum.files),
                                             lang=self.lang, per_rule=10))
        assert self.result is not None
        if not self.result.ok:
            errors = [d for d in self.result.diagnostics if d.severity is Severity.ERROR]
            heading = ("chương trình học có lỗi; chưa dựng gì:\n" if self.lang == "vi" else
                       "the curriculum has errors; nothing was built:\n")
            raise PluginError(heading + render_diagnostics(errors, "text", len(self.result.loaded.curriculum.files),
                                                           lang=self.lang, per_rule=10))
        curriculum_dir = str(root / "curriculum")
        if self.command == "serve" and curriculum_dir not in config.watch:
            config.watch.append(curriculum_dir)
        if self.command == "build" and not self.real_site_dir:
            # Build into a sibling folder and swap it in at the end: a failed build leaves site/ as it was.
            self.real_site_dir = config.site_dir
            config.site_dir = config.site_dir.rstrip("/") + ".partial"
            shutil.rmtree(config.site_dir, ignore_errors=True)
        return config

    def _validate(self, root: Path, options: MarkdownOptions, digests: dict[str, str]) -> Validation:
        """The full validation of the curriculum. While serving, a save re-reads only the lessons it changed
        and those that mention them (`hocvuso.validate.revalidate`: ≈ 0.3 s of CPU instead of 1.5 s for the
        shipped curriculum), from the full validation of the files before it."""
        if self.command != "serve":
            return validate(root, options)
        if self.latest is not None and self.latest[1] == options:
            changed = [str(root / "curriculum" / rel) for rel in changed_files(self.digests, digests)]
            result = revalidate(root, self.latest[0], changed, options)
        else:
            result = validate(root, options)
        self.latest, self.digests = (result, options), digests
        return result

    def _adopt(self, root: Path, result: Validation, config: MkDocsConfig, markdown: MarkdownOptions) -> None:
        before = self.result.loaded.curriculum if self.result is not None and self.result.ok else None
        self.result = result
        if not result.ok:
            return  # on_config reports the errors and stops the build
        cur = result.loaded.curriculum
        self._check_languages(config, cur.config.codes)
        self.handouts_dir = root / self.config.handouts_dir
        if self.config.handouts and (self.command != "serve" or self.config.handouts_on_serve):
            self._write_handouts(config, result, root, markdown)
        sizes = {path: entry.bytes for path, entry in read_manifest(self.handouts_dir).items()}
        changed = self.shown.update(cur) if self.command == "serve" else Rerender(everything=True)
        if self.views is not None and sizes != self.views.handouts:
            changed = Rerender(everything=True)
        self.rerender = self.rerender | changed
        self.views = Views(cur, sizes, _edit_links(config, self.config.edit_uri,
                                                                                  cur.config.repository))
        self.search = {code: index for code, index in self.search.items() if code in cur.config.codes}
        if not self.config.search:
            self.search = {}
            return
        # A search index changes with the texts of its language only (a page without a translation shows, and
        # its entry indexes, the source text); the preview makes only the indexes a save changed.
        for code in cur.config.codes:
            if code not in self.search or before is None or changed.everything or any(
                    _text(before, lid, code) != _text(cur, lid, code) for lid in changed.lessons):
                if self.command == "serve" and code in self.search:
                    self.search_due.add(code)
                else:
                    self.search[code] = build_search_index(cur, code)
                    self.search_stale.add(code)

    def _check_languages(self, config: MkDocsConfig, codes: tuple[str, ...]) -> None:
        """One list of languages (curriculum/config.yml): i18n gets any it lacks; a disagreement stops the build."""
        try:
            added = check_i18n_languages(config, codes)
        except LanguageMismatch as problem:
            raise PluginError(str(problem)) from None
        if added:
            log.info(f"hocvuso: languages {', '.join(added)} added to the i18n plugin from curriculum/config.yml")

    def _write_handouts(self, config: MkDocsConfig, result: Validation, root: Path,
                        markdown: MarkdownOptions) -> None:
        """The PDFs, before any page is rendered so that pages link them with their size. Incremental: only
        handouts whose inputs changed are laid out again, and none is even planned when the curriculum, theme
        and settings are those of the last good run (`sources_stamp`)."""
        base_url = config.site_url or ""
        if not base_url and not self.warned_no_site_url:
            self.warned_no_site_url = True
            log.info("hocvuso: no site_url in mkdocs.yml, so the PDF handouts have no QR code or web address; "
                     "set site_url to the published address to print them")
        theme = _theme_files(config)
        # The curriculum's stamp as on_config took it before validating: an edit saved since then is not in
        # these PDFs, so it must not be in the stamp they are recorded with.
        stamp = sources_stamp(root, base_url, theme, markdown, curriculum=self.stamp)
        if last_good_run(self.handouts_dir, stamp) is not None:
            return  # the PDFs of the last build, which read the same sources: nothing to plan
        done = write_handouts(result.loaded.curriculum, self.handouts_dir, base_url, theme=theme,
                              sources=Sources(stamp, tuple(result.diagnostics), result.files_checked))
        if done.written or done.removed:
            log.info(f"hocvuso: PDF handouts: {len(done.written)} written, {len(done.skipped)} unchanged")
        if not done.ok:
            files = len(result.loaded.curriculum.files)
            lines = [render_diagnostics(list(done.diagnostics), "text", files, lang=self.lang, per_rule=10)]
            lines += [f"not written: {path}" for path in done.failed]
            raise PluginError(("bản in PDF có lỗi:\n" if self.lang == "vi" else "the PDF handouts have errors:\n")
                              + "\n".join(lines))

    def _report_warnings(self, result: Validation) -> None:
        """Warnings are shown but never fail a build: logged at INFO, which `--strict` does not count (it
        counts WARNING records), so MkDocs' own strict warnings, e.g. a broken link in a hand-written page,
        still fail it. One policy everywhere: errors block, warnings do not."""
        warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
        if warnings:
            log.info(render_diagnostics(warnings, "text", len(result.loaded.curriculum.files), lang=self.lang,
                                        per_rule=3))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.result is not None
        self.depth += 1
        if self.depth == 1:
            self.rendered = set()  # pages this build renders (a failed build may have left some behind)
        if self.generated_for is self.result:
            return  # i18n's build of a further language: the same pages, all written already
        serve = self.command == "serve"
        # While serving, a lesson that did not change keeps its files (`LessonPages`), which are not even read
        # again; the others are written only if their bytes changed, so --dirty renders only those.
        pages = render_pages(self.result.loaded.curriculum, _strings_dir(config), self.lesson_pages if serve else None)
        written = write_pages(Path(config.docs_dir), pages, self.generated if serve else ())
        self.generated, self.generated_for = pages, self.result
        if written:
            log.info(f"hocvuso: wrote {len(written)} generated pages")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # The build writes docs/learn/ itself: a change there must not start another rebuild (which would
        # double the work after every save), nor be looked for: MkDocs' watcher polls every file it watches
        # twice a second, and docs/learn/ holds about as many files as curriculum/. Hand-written pages in
        # docs/ and its other folders are still watched (a folder made while serving, from the next start).
        docs = Path(config.docs_dir).resolve()
        server.unwatch(str(docs))
        ignored = str(docs / GENERATED_DIR)

        def on_event(event: Any) -> None:
            paths = [str(getattr(event, "src_path", "")), str(getattr(event, "dest_path", "") or "")]
            if event.is_directory or all(p.startswith(ignored) or not p for p in paths):
                return
            with server._rebuild_cond:  # what LiveReloadServer.watch's own callback does
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        import watchdog.events  # MkDocs' own file watcher, only needed while serving

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = on_event  # type: ignore[method-assign]
        server.observer.schedule(handler, str(docs), recursive=False)
        for folder in sorted(docs.iterdir()):
            if folder.is_dir() and folder.name != GENERATED_DIR:
                server.observer.schedule(handler, str(folder), recursive=True)
        return server

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.command == "serve":
            # `serve --dirty` renders only pages whose Markdown changed; a generated page also shows what other
            # files say (a course page lists its lessons' titles, an English page says its translation is out of
            # date): remove the output of those the save put out of date, so they are rendered again. Here, not
            # in on_files: i18n has set each page's output path.
            for file in files.documentation_pages():
                self.outputs.add(file.abs_dest_path)
                if self.rerender.covers(file.src_uri):
                    Path(file.abs_dest_path).unlink(missing_ok=True)
        return nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Interface strings and print templates live beside the page templates (strings/, print/ of each
        # theme folder) but are read at build time only: nothing of them is published.
        off = self._switched_off()
        for file in list(files):
            build_only = file.src_uri.startswith(("strings/", "print/")) and not file.src_uri.endswith(".html")
            if build_only or file.src_uri in off:
                files.remove(file)
        return files

    def _switched_off(self) -> set[str]:
        """Theme files of features the site turned off (plugin options `offline`, `search`)."""
        off = set()
        if not self.config.offline:
            off |= {"sw.js", "offline.html"}
        if not self.config.search:
            off.add("assets/hvsearch.js")
        return off

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # MkDocs' Jinja environment does not escape: every {{ value }} would be raw HTML. Our templates
        # escape by default; the theme's own keep its setting (they print HTML the theme built itself).
        env.autoescape = escapes(_template_dirs(config))
        if self.command == "serve":
            # Each rebuild gets a new environment, which compiled the theme's ~50 templates again (≈ 0.6 s of
            # CPU): keep their compiled code between rebuilds (Jinja compiles a template again if its text
            # changed).
            env.bytecode_cache = self.template_code
        self.env = env
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        # The theme prints title and description unescaped (<title>, <meta>, header): give it escaped text.
        escape_meta(page.meta)
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        meta = page.meta.get("hocvuso") or {}
        if meta.get("kind") == "lesson" and self.views is not None:
            cur = self.views.cur
            lang = _lang(page, config)
            entries = (cur.glossary.get(meta.get("text_lang", lang)) or {}).values()
            glossary = SitePaths(cur.config.source_language).glossary(lang)
            html = size_images(html, Path(page.file.abs_src_path or ".").parent)
            html = link_terms(html, entries, _relative(page, glossary))
        # Every page's content, generated or hand-written, passes the one sanitiser last.
        return clean_html(html)

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        if self.views is None:
            return context
        lang = _lang(page, config)
        cur = self.views.cur
        extra = cast(dict[str, Any], context)
        extra["t"] = load_strings(_strings_dir(config), lang, cur.config.source_language)
        extra["hv_lang"] = lang
        extra["hv_csp"] = CONTENT_SECURITY_POLICY
        extra["hv_search"], extra["hv_offline"] = self.config.search, self.config.offline
        extra["hv_paths"] = SitePaths(cur.config.source_language)
        if lang in self.search:
            extra["hv_search_version"] = self.search[lang].version
        return cast(TemplateContext, self._page_view(cast(dict[str, Any], context), page, lang))

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        # Static templates such as 404.html get the interface strings too (for the footer).
        if self.views is not None:
            lang = str(config.theme.get("language") or self.views.src)
            cast(dict[str, Any], context)["t"] = load_strings(_strings_dir(config), lang, self.views.src)
        extra = cast(dict[str, Any], context)
        extra["hv_csp"] = CONTENT_SECURITY_POLICY
        extra["hv_search"], extra["hv_offline"] = self.config.search, self.config.offline
        return context

    def _page_view(self, context: dict[str, Any], page: Page, lang: str) -> dict[str, Any]:
        assert self.views is not None
        cur = self.views.cur
        meta = page.meta.get("hocvuso") or {}
        kind = meta.get("kind")
        views = self.views
        if kind == "lesson" and (lesson := cur.lesson(meta["id"])):
            context["hv"] = views.lesson(lesson, lang)
        elif kind == "course" and (course := cur.course(meta["id"])):
            context["hv"] = views.course(course, lang)
        elif kind == "audience":
            context["hv"] = views.audience(meta["id"], lang)
        elif kind in ("skills", "coverage", "glossary"):
            context["hv"] = getattr(views, kind)(lang)
        elif kind == "translations" and self.result is not None:
            context["hv"] = views.translations(translation_status(self.result.loaded), lang)
        elif kind == "home":
            context["hv"] = views.home(lang)
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        # Static templates (404.html) are written to the same path by every language build; keep the
        # default language's version at the site root instead of whichever language was built last.
        assert self.views is not None
        if config.theme.get("language") == self.views.src:
            self.static_pages[template_name] = repair_theme_markup(output_content)
            return self.static_pages[template_name]
        return self.static_pages.get(template_name)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # An untranslated lesson shows the source text: <html lang> must say so for screen readers.
        shown = (page.meta.get("hocvuso") or {}).get("text_lang")
        lang = _lang(page, config)
        if shown and shown != lang:
            output = output.replace(f'<html lang="{lang}"', f'<html lang="{shown}"', 1)
        if self.command == "serve":
            if self.shown_errors:
                output = render_error_banner(output, self.shown_errors, self.lang)
            output = add_preview_script(output, _relative(page, PREVIEW_SCRIPT_PATH))
            self.rendered.add(page.file.abs_dest_path)
        return repair_theme_markup(output)

    @event_priority(-200)  # after i18n's on_post_build, which builds the other languages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.depth -= 1
        serve = self.command == "serve"
        if self.views is not None and self.depth == 0:
            # i18n runs each further language's build inside the first one's on_post_build, so the outermost
            # build ends last: every page is written by now. Do the whole-site work once, here.
            fill_offline_sizes(Path(config.site_dir))
            if not config.site_url:
                # A sitemap lists absolute addresses; without site_url the theme writes "None…" into it.
                for name in ("sitemap.xml", "sitemap.xml.gz"):
                    (Path(config.site_dir) / name).unlink(missing_ok=True)
            for index in self.search.values():
                if serve and index.lang not in self.search_stale:
                    continue  # the preview's site folder has it from an earlier rebuild
                write_search_index(index, Path(config.site_dir))
                self._write_search_pages(index, config)
            self.search_stale.clear()
            if serve and self.search_due:
                self._index_later(config)
            for path in self.views.handouts:  # the PDFs the pages link to
                source, target = self.handouts_dir / path, Path(config.site_dir) / "handouts" / path
                if source.is_file() and not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
        if serve and self.depth == 0:
            write_preview_script(Path(config.site_dir))
            if self.shown_errors != self.rendered_errors:
                # Every page shows the curriculum's errors (or stops showing them): those not rendered by this
                # build get the new list in place, which takes milliseconds where rendering them took seconds.
                for output in sorted(self.outputs - self.rendered):
                    if Path(output).is_file():
                        restamp_error_banner(Path(output), self.shown_errors, self.lang)
                self.rendered_errors = list(self.shown_errors)
            self.rerender, self.rendered = Rerender(), set()
        if self.views is not None and self.depth == 0 and not serve:
            # The published site only (the preview links the full stylesheets, which its policy allows, and
            # needs no versions: its service worker fetches unversioned files from the network first).
            # Over the finished site: only the CSS rules the pages use, each page's first-paint rules inline.
            optimize_site(Path(config.site_dir))
            # Last: ?v=<hash> on asset URLs (the purged sheets too), sw.js's cache named by the build.
            log.info(f"hocvuso: build {fingerprint_site(Path(config.site_dir))}")
        self.finished = True

    def _index_later(self, config: MkDocsConfig) -> None:
        """The preview's search index of the languages a save changed, made once the rebuild is over.

        Making a language's index takes ≈ 0.3 s of CPU for the shipped curriculum (every lesson's Markdown is
        read again), a third of a rebuild: the updated page is served first, and the index follows a moment
        later, in a thread of its own. Pages rendered meanwhile name the previous index's version, which the
        preview's server ignores (it serves the file on disk). The next rebuild waits for it (`settle`)."""
        assert self.views is not None
        cur, codes = self.views.cur, sorted(self.search_due)
        self.search_due = set()

        def work() -> None:
            try:
                for code in codes:
                    index = build_search_index(cur, code)
                    write_search_index(index, Path(config.site_dir))
                    self._write_search_pages(index, config)
                    self.search[code] = index
            except Exception:  # the preview goes on without a fresh index; the next save tries again
                log.exception("hocvuso: the search index could not be made")
                self.search_due.update(codes)

        self.search_work = threading.Thread(target=work, name="hocvuso-search-index", daemon=True)
        self.search_work.start()

    def settle(self) -> None:
        """Wait for the preview's work left running after a rebuild (the search index): tests call this
        before looking at the index, the plugin before the next rebuild."""
        if self.search_work is not None:
            self.search_work.join()
            self.search_work = None

    def _write_search_pages(self, index: SearchIndex, config: MkDocsConfig) -> None:
        """The search page and its no-JavaScript listing (hocvuso/search.py), with our form partial."""
        assert self.views is not None and self.env is not None
        strings = load_strings(_strings_dir(config), index.lang, self.views.src)
        template = self.env.get_template("partials/hv-search.html")

        def form(page: str) -> str:
            root = "../" * page.count("/")
            return template.render(t=strings, base_url=root.rstrip("/") or ".", page=None, config=config,
                                   hv_lang=index.lang, hv_paths=SitePaths(self.views.src if self.views else "vi"),
                                   hv_search_version=index.version, hv_manifest=manifest(index))

        write_search_pages(index, Path(config.site_dir), form, strings)

    def on_build_error(self, *, error: Exception) -> None:
        self.depth = 0
        self.failed = True  # also called for the --strict abort, which comes after on_post_build

    def on_shutdown(self) -> None:
        self.settle()
        if not self.real_site_dir:
            return
        partial = self.real_site_dir.rstrip("/") + ".partial"
        if self.finished and not self.failed:
            old = self.real_site_dir.rstrip("/") + ".old"
            shutil.rmtree(old, ignore_errors=True)
            if Path(self.real_site_dir).exists():
                Path(self.real_site_dir).rename(old)
            Path(partial).rename(self.real_site_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            shutil.rmtree(partial, ignore_errors=True)
            log.error(f"hocvuso: build failed; {self.real_site_dir} was left as it was")


class _TemplateCode(BytecodeCache):
    """Compiled templates kept in memory between the preview's rebuilds."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _keep_theme_listing(config: MkDocsConfig, listing: dict[str, list[str]]) -> None:
    """While serving, list the files of installed themes once, not on every rebuild.

    Each build asks the theme's Jinja loader for every file of every theme folder (MkDocs copies the static
    ones): Material's folder alone holds ≈ 15,000 files, mostly hidden icons that MkDocs then filters out one
    by one, ≈ 0.3 s of CPU per language and save. Installed packages do not change while serving: their
    listing is kept, without the hidden files MkDocs never copies ('.*' and '*/.*'). Other folders (the site's
    custom_dir, this package when installed in development mode) are listed afresh every time."""
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        loader = env.loader
        if isinstance(loader, FileSystemLoader):
            folders = list(loader.searchpath)
            loader.list_templates = lambda: _list_theme(folders, listing)  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


_INSTALLED = tuple(os.path.realpath(p) + os.sep for p in {sysconfig.get_paths()["purelib"],
                                                         sysconfig.get_paths()["platlib"]})


def _list_theme(folders: list[str], listing: dict[str, list[str]]) -> list[str]:
    """What `jinja2.FileSystemLoader.list_templates` returns, without hidden files and folders."""
    found: set[str] = set()
    for folder in folders:
        names = listing.get(folder)
        if names is None:
            names = []
            for top, dirs, files in os.walk(folder):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                rel = os.path.relpath(top, folder).replace(os.sep, "/")
                names += [name if rel == "." else f"{rel}/{name}" for name in files if not name.startswith(".")]
            if (os.path.realpath(folder) + os.sep).startswith(_INSTALLED):
                listing[folder] = names
        found.update(names)
    return sorted(found)


def _strings_signature(config: MkDocsConfig) -> tuple[tuple[str, int, int], ...]:
    """Name, time and size of every interface strings file: they are read again when one of them changed."""
    found = []
    for folder in _strings_dir(config):
        for path in sorted(Path(folder).glob("*.yml")):
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def _text(cur: Curriculum, lesson_id: str, lang: str) -> LessonText | None:
    lesson = cur.lesson(lesson_id)
    return lesson.text(lang, cur.config.source_language) if lesson else None


def _install_theme(config: MkDocsConfig, *, offline: bool) -> None:
    """Our templates, strings, print templates and assets ship in the package: put its theme folder after the
    site's own `custom_dir` (which overrides any file of ours) and before Material's, as mkdocs-static-i18n
    does with its own templates; and link our stylesheet and script unless the site already does."""
    theme = config.theme
    if str(PACKAGE_THEME) not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, str(PACKAGE_THEME))
    theme.static_templates.add("404.html")
    if offline:
        theme.static_templates.add("offline.html")  # what sw.js shows for a page never stored
    if "assets/hocvuso.css" not in [str(x) for x in config.extra_css]:
        config.extra_css.insert(0, "assets/hocvuso.css")
    if "assets/hocvuso.js" not in [str(x) for x in config.extra_javascript]:
        script = c.ExtraScriptValue("assets/hocvuso.js")
        script.defer = True
        config.extra_javascript.insert(0, script)


def _edit_links(config: MkDocsConfig, edit_uri: str | None, repository: str) -> EditLinks | None:
    """Edit links from MkDocs' own `repo_url` and `edit_uri`. MkDocs' `edit_uri` points into docs_dir, lessons
    live beside it: the docs folder is dropped (`edit/main/docs/` → `edit/main/`) unless the plugin's own
    `edit_uri` says otherwise. The older `repository` of curriculum/config.yml still works on its own."""
    repo = (config.repo_url or repository or "").rstrip("/")
    if not repo:
        return None
    if edit_uri is None:
        edit_uri = config.edit_uri if config.repo_url else "edit/main/"
        docs = Path(config.docs_dir).name + "/"
        if edit_uri and edit_uri.endswith(docs):
            edit_uri = edit_uri[: -len(docs)]
    if not edit_uri:
        return None
    return EditLinks(repo + "/" + edit_uri.strip("/") + "/", repo)


def _theme_files(config: MkDocsConfig) -> ThemeFiles:
    return ThemeFiles.of_site(config.theme.custom_dir)


def _strings_dir(config: MkDocsConfig) -> tuple[str, ...]:
    """Interface strings live with the templates: <theme folder>/strings/<lang>.yml, the site's first."""
    return _theme_files(config).strings


def _template_dirs(config: MkDocsConfig) -> list[Path]:
    return list(_theme_files(config).dirs)


def _lang(page: Page, config: MkDocsConfig) -> str:
    return str(getattr(page.file, "locale", None) or config.theme.get("language") or "vi")


def _relative(page: Page, target: str) -> str:
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page.url)
