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

from eventsite import calendars, escaping, pages
from eventsite.clock import site_today
from eventsite.languages import DEFAULT_LANGUAGE, LANGUAGES, url_prefix
from eventsite.model import Site
from eventsite.pages import Footer
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
    event_ids: frozenset[str]
    compiled: jinja2.BytecodeCache
    pages: dict[str, list[str]] = field(default_factory=dict)  # lang -> page paths below its prefix
    default_404: bytes | None = None
    default_index: bytes | None = None
    feeds: FeedJob | None = None
    footer: Footer | None = None  # the same on every page: worked out once

    @classmethod
    def of(cls, inputs: Inputs, compiled: jinja2.BytecodeCache | None = None) -> SiteBuild:
        compiled = compiled or CompiledTemplates()
        env = pages.make_environment(inputs.templates)
        env.bytecode_cache = compiled
        return cls(inputs, env, frozenset(e.id for e in inputs.site.events), compiled,
                   footer=pages.site_footer(inputs.site))

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
        time at 1,000 events); `event_page_switcher` links the languages instead."""
        return [f"{lang}/events/{event.id}.md" for event in self.site.events]

    def is_event_page(self, page_url: str, lang: str) -> bool:
        path = below_prefix(page_url, lang)
        return path.startswith("events/") and path[len("events/"):].rstrip("/") in self.event_ids

    def generated_page_source(self, src_uri: str) -> str | None:
        """Markdown of a generated page, or None for a page written by hand."""
        lang, _, name = src_uri.partition("/events/")
        event_id = name.removesuffix(".md")
        if lang not in LANGUAGES or not name.endswith(".md") or event_id not in self.event_ids:
            return None
        return pages.event_source(self.site.event(event_id))

    def site_identity(self, lang: str) -> tuple[Markup, str]:
        """The site's name (escaped for HTML: Material prints it as it is) and description
        (plain text: overrides/layout.html escapes it) in a language."""
        return Markup(escaping.html(self.site.site.title.get(lang))), self.site.site.description.get(lang)

    def page_meta(self, meta: MutableMapping[str, Any], lang: str) -> None:
        """A generated page's title and description, escaped for HTML: Material prints both
        as they are (in <title>, the header and the <h1>)."""
        event_id = meta.get("event")
        if meta.get("eventsite") == "event" and isinstance(event_id, str) and event_id in self.event_ids:
            for key, text in pages.page_meta(self.site.event(event_id), lang).items():
                meta[key] = Markup(escaping.html(text))

    def page_html(self, html: str, meta: MutableMapping[str, Any], lang: str, page_path: str) -> str:
        """A page's HTML with its data part added (pages with `eventsite:` in their front matter)."""
        kind = meta.get("eventsite")
        if not isinstance(kind, str) or not kind:
            return html
        context = pages.PageContext(self.site, lang, site_today(self.inputs.now), self.inputs.site_url, page_path,
                                    self.footer)
        event_id = meta.get("event")
        return html + pages.render_page(kind, context, self.env, event_id if isinstance(event_id, str) else None)

    def alternates(self, page_url: str, lang: str) -> list[tuple[str, str]]:
        """(hreflang, absolute URL) of a page in every language, plus x-default."""
        path = below_prefix(page_url, lang)
        links = [(other, f"{self.inputs.site_url}{url_prefix(other)}{path}") for other in LANGUAGES]
        return [*links, ("x-default", f"{self.inputs.site_url}{path}")]

    def record_page(self, page_url: str, lang: str) -> None:
        """Remember a page for the sitemap."""
        self.pages.setdefault(lang, []).append(below_prefix(page_url, lang))

    # --- after each language and at the end -----------------------------------------

    def keep_language_outputs(self, site_dir: Path, lang: str) -> None:
        """After a language build: its 404 page and search index, which every language build
        writes at the site root, go to the language's folder (the default language's are
        kept until the end: the later language builds would overwrite them)."""
        not_found = site_dir / "404.html"
        index = search.read_language_index(site_dir, lang)
        if lang == DEFAULT_LANGUAGE:
            self.default_404 = not_found.read_bytes() if not_found.exists() else None
            self.default_index = index
            return
        if not_found.exists():
            (site_dir / lang).mkdir(exist_ok=True)
            not_found.replace(site_dir / lang / "404.html")
        if index is not None:
            write(site_dir / search.index_path(lang), index)

    def write_default_outputs(self, site_dir: Path) -> None:
        """The default language's 404 page and search index, at the site root."""
        if self.default_404 is not None:
            write(site_dir / "404.html", self.default_404)
        if self.default_index is not None:
            write(site_dir / search.index_path(DEFAULT_LANGUAGE), self.default_index)

    def write_site_outputs(self, site_dir: Path, pages_by_lang: Mapping[str, Sequence[str]]) -> None:
        """What belongs to no single language: the sitemap and the calendar feeds."""
        write_sitemap(site_dir, sitemap(self.site, self.inputs.site_url, pages_by_lang), self.inputs.now)
        if self.feeds is not None:
            self.feeds.move_into(site_dir)


def below_prefix(page_url: str, lang: str) -> str:
    """A page's path below its language's prefix ("fr/events/x/" -> "events/x/")."""
    prefix = url_prefix(lang)
    return page_url[len(prefix):] if prefix and page_url.startswith(prefix) else page_url


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
                                               for lang in LANGUAGES]

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
