"""One site build: the data, loaded and validated once, what every language build needs
from it, and what the language builds leave for the end (404 pages, search indexes, the
pages for the sitemap, the calendar feeds computed meanwhile in another process)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from eventsite import calendars, escaping
from eventsite.clock import site_today
from eventsite.model import Event, Site
from eventsite.paths import below_prefix, event_path
from eventsite.views import render
from eventsite.views.chrome import Chrome, not_found_chrome, page_chrome
from eventsite.views.context import PageContext, SiteFacts
from eventsite_mkdocs import search
from eventsite_mkdocs.sitemap import sitemap, write_sitemap

LOCAL_URL = "http://127.0.0.1:8000/"


class MissingAddress(Exception):
    """A deploy build without the address it is published at."""


def site_address(configured: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The site's absolute address ending with "/". A deploy build (EVENTSITE_DEPLOY=1)
    must be given it in SITE_URL: its pages, feeds and sitemap are absolute links."""
    if environ.get("EVENTSITE_DEPLOY", "") not in ("", "0") and not environ.get("SITE_URL", "").strip():
        raise MissingAddress("EVENTSITE_DEPLOY is set but SITE_URL is not: set SITE_URL to the address the "
                             "site is published at, e.g. SITE_URL=https://org.github.io/repo/")
    return (configured or LOCAL_URL).rstrip("/") + "/"


@dataclass(frozen=True)
class Inputs:
    """What a build is made from: the validated data, the build instant, the address.
    Sent to the processes of a parallel build, so that they all build the same site."""

    site: Site
    now: dt.datetime
    site_url: str
    templates: Path
    cards: Mapping[str, str] = field(default_factory=dict)  # language -> the sharing card's absolute
    # address (extra.eventsite.brand.image), for the languages whose image the theme has


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per build, not once per language build: MkDocs gives each
    language build a new Jinja environment, which would compile every template again.
    (A parallel build's processes share a jinja2.FileSystemBytecodeCache instead.)"""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class SiteBuild:
    """The state of one build, shared by its language builds."""

    inputs: Inputs
    env: jinja2.Environment
    compiled: jinja2.BytecodeCache
    facts: SiteFacts  # the same for every page: worked out once
    events: dict[str, Event]  # the generated event pages: source path -> its event
    pages: dict[str, list[str]] = field(default_factory=dict)  # lang -> page paths below its prefix
    default_404: bytes | None = None
    default_index: bytes | None = None
    feeds: FeedJob | None = None

    @classmethod
    def of(cls, inputs: Inputs, compiled: jinja2.BytecodeCache | None = None) -> SiteBuild:
        compiled = compiled or CompiledTemplates()
        env = render.make_environment(inputs.templates)
        env.bytecode_cache = compiled
        events = {f"{lang}/{event_path(event.id).rstrip('/')}.md": event
                  for lang in inputs.site.languages for event in inputs.site.events}
        return cls(inputs, env, compiled, SiteFacts.of(inputs.site), events)

    def theme_environment(self, env: jinja2.Environment) -> None:
        """Let the theme's templates be compiled once per build (see CompiledTemplates)."""
        env.bytecode_cache = self.compiled

    @property
    def site(self) -> Site:
        return self.inputs.site

    # --- what each page needs --------------------------------------------------------

    def generated_page_uris(self, lang: str) -> list[str]:
        """Source paths of the event pages of the language being built. Only its own: every
        language build would otherwise sort and pair the pages of all six (a fifth of its
        time at 1,000 events); `page_chrome` links the languages instead."""
        return [uri for uri in self.events if uri.startswith(f"{lang}/")]

    def generated_page_source(self, src_uri: str) -> str | None:
        """Markdown of a generated page (nothing: the event's page is all data, rendered by
        `page_html`), or None for a page written by hand. No data text goes into Markdown,
        where `{: onclick=...}` or a control character could change its meaning."""
        return "" if src_uri in self.events else None

    def site_identity(self, lang: str) -> tuple[Markup, str]:
        """The site's name (escaped for HTML: Material prints it as it is) and description
        (plain text: overrides/layout.html escapes it) in a language."""
        return Markup(escaping.html(self.site.site.title.get(lang))), self.site.site.description.get(lang)

    def page_meta(self, meta: MutableMapping[str, Any], src_uri: str, lang: str) -> None:
        """A generated page's title and description, escaped for HTML: Material prints both
        as they are (in <title> and the header)."""
        event = self.events.get(src_uri)
        if event is not None:
            meta["title"] = Markup(escaping.html(event.title.get(lang)))
            meta["description"] = Markup(escaping.html(event.summary.get(lang)))

    def context(self, lang: str, page_path: str) -> PageContext:
        return PageContext(self.site, lang, site_today(self.inputs.now), self.inputs.site_url, page_path, self.facts,
                           self.card_image(lang))

    def card_image(self, lang: str) -> str | None:
        return self.inputs.cards.get(lang)

    def page_html(self, html: str, src_uri: str, meta: Mapping[str, Any], lang: str, page_path: str) -> str:
        """A page's HTML with its data part: all of a generated event page; after the text
        of a page written by hand with `eventsite: <kind>` in its front matter."""
        event = self.events.get(src_uri)
        if event is not None:
            return str(render.event_body(event, self.context(lang, page_path), self.env))
        kind = meta.get("eventsite")
        if isinstance(kind, str) and kind:
            return html + str(render.page_body(kind, self.context(lang, page_path), self.env))
        return html

    def chrome(self, page_path: str, lang: str, src_uri: str, page_title: str | None) -> Chrome:
        """What the theme shows around a page: language bar, alternates, footer, titles.
        `page_title` is the title MkDocs found in a page written by hand (HTML)."""
        footer = render.footer(self.context(lang, page_path), self.env)
        event = self.events.get(src_uri)
        title = event.title.get(lang) if event else Markup(page_title or "").striptags() or None
        description = event.summary.get(lang) if event else self.site.site.description.get(lang)
        languages = self.site.languages
        return page_chrome(lang, below_prefix(page_path, lang, languages), page_path, self.inputs.site_url, footer,
                           languages, self.site.site.title.get(lang), title, description, self.card_image(lang))

    def not_found_chrome(self, lang: str) -> Chrome:
        return not_found_chrome(lang, self.inputs.site_url, self.site.languages, self.site.site.title.get(lang),
                                self.site.site.description.get(lang), self.card_image(lang))

    def record_page(self, page_url: str, lang: str) -> None:
        """Remember a page for the sitemap."""
        self.pages.setdefault(lang, []).append(below_prefix(page_url, lang, self.site.languages))

    # --- after each language and at the end -----------------------------------------

    def keep_language_outputs(self, site_dir: Path, lang: str) -> None:
        """After a language build: its 404 page and search index, which every language build
        writes at the site root, go to the language's folder (the default language's are
        kept until the end: the later language builds would overwrite them)."""
        not_found = site_dir / "404.html"
        languages = self.site.languages
        index = search.read_language_index(site_dir, lang, languages)
        if lang == languages.default:
            self.default_404 = not_found.read_bytes() if not_found.exists() else None
            self.default_index = index
            return
        if not_found.exists():
            (site_dir / lang).mkdir(exist_ok=True)
            not_found.replace(site_dir / lang / "404.html")
        if index is not None:
            write(site_dir / search.index_path(lang, languages), index)

    def write_default_outputs(self, site_dir: Path) -> None:
        """The default language's 404 page and search index, at the site root."""
        if self.default_404 is not None:
            write(site_dir / "404.html", self.default_404)
        if self.default_index is not None:
            languages = self.site.languages
            write(site_dir / search.index_path(languages.default, languages), self.default_index)

    def write_site_outputs(self, site_dir: Path, pages_by_lang: Mapping[str, Sequence[str]]) -> None:
        """What belongs to no single language: the sitemap and the calendar feeds."""
        write_sitemap(site_dir, sitemap(self.site, self.inputs.site_url, pages_by_lang), self.inputs.now)
        if self.feeds is not None:
            self.feeds.move_into(site_dir)


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_feeds(inputs: Inputs, lang: str, folder: Path) -> list[str]:
    """Write a language's feeds into `folder` (in a worker process); their relative paths."""
    feeds = calendars.feeds(inputs.site, lang, site_url=inputs.site_url, stamp=inputs.now)
    for path, data in feeds.items():
        write(folder / path, data)
    return list(feeds)


def spawn_pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """Worker processes started with "spawn": forking a process that runs threads (the
    server and file watcher of `mkdocs serve`) is unsafe."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer)


class FeedJob:
    """The calendar feeds of every language, computed by a pool's processes into a staging
    folder and moved into the site at the end (the site folder is cleaned meanwhile)."""

    def __init__(self, pool: Executor, inputs: Inputs, own_pool: bool = False) -> None:
        self.pool, self.own_pool = pool, own_pool
        self.folder = Path(tempfile.mkdtemp(prefix="eventsite-feeds-"))
        self.parts: list[Future[list[str]]] = [pool.submit(write_feeds, inputs, lang, self.folder)
                                               for lang in inputs.site.languages]

    def move_into(self, site_dir: Path) -> None:
        try:
            for part in self.parts:
                for path in part.result():
                    (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(self.folder / path, site_dir / path)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the pool if the job owns it, and remove the staging folder."""
        if self.own_pool:
            self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)
