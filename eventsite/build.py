"""One site build: what the MkDocs hooks call, in the order they call it.

`start` loads and validates the data once and sets the calendar feeds going in a second
process; the other functions are called once per language build (mkdocs-static-i18n
builds the default language at the site root, then each other language under /<lang>/),
and `finish` once at the very end, when the feeds are written.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import multiprocessing
import re
import shutil
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from markupsafe import Markup

from eventsite import calendars, escaping, pages, search
from eventsite.clock import build_time, site_today
from eventsite.languages import DEFAULT_LANGUAGE, LANGUAGES, url_prefix
from eventsite.loader import load_site
from eventsite.model import Site
from eventsite.ui import t

GENERATED_PAGE = re.compile(r"^(?P<lang>[a-z]{2})/events/(?P<id>[a-z0-9-]+)\.md$")


@dataclass
class BuildState:
    """Everything one build shares between its language builds."""

    site: Site
    env: jinja2.Environment
    now: dt.datetime
    site_url: str
    feeds: list[Future[list[str]]] = field(default_factory=list)  # paths written, one per language
    feed_folder: Path | None = None  # where the feed process writes them
    default_404: bytes | None = None

    def context(self, lang: str, page_path: str = "") -> pages.PageContext:
        return pages.PageContext(self.site, lang, site_today(self.now), self.site_url, page_path)


_current: BuildState | None = None
_feed_worker: ProcessPoolExecutor | None = None


def start(data: Path, templates: Path, site_url: str | None) -> BuildState:
    """Load and validate the data (raises DataError) and begin a build; the calendar feeds
    are computed meanwhile in a second process, on the other core (see `finish`)."""
    global _current
    _current = BuildState(
        site=load_site(data),
        env=pages.make_environment(templates),
        now=build_time(),
        site_url=(site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
    )
    _current.feed_folder = Path(tempfile.mkdtemp(prefix="eventsite-feeds-"))
    worker = feed_worker()
    _current.feeds = [worker.submit(write_feeds, _current.site, lang, _current.site_url, _current.now,
                                    _current.feed_folder) for lang in LANGUAGES]
    return _current


def write_feeds(site: Site, lang: str, site_url: str, stamp: dt.datetime, folder: Path) -> list[str]:
    """Write a language's feeds into `folder` (in the feed process); their relative paths."""
    feeds = calendars.feeds(site, lang, site_url=site_url, stamp=stamp)
    for path, data in feeds.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return list(feeds)


def feed_worker() -> ProcessPoolExecutor:
    """One process for the feeds, kept for the next build of `mkdocs serve`. Started with
    "spawn": forking a process that runs threads (the server, the file watcher) is unsafe."""
    global _feed_worker
    if _feed_worker is None:
        _feed_worker = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _feed_worker


def current() -> BuildState:
    if _current is None:
        raise RuntimeError("eventsite: build.start() was not called (is hooks/eventsite_hooks.py listed first?)")
    return _current


def language(config: Any) -> str:
    """The language mkdocs-static-i18n is building now."""
    return config.plugins["i18n"].current_language or DEFAULT_LANGUAGE


def translate(key: str, lang: str, **values: object) -> str:
    """UI strings for the theme templates (overrides/*.html)."""
    return t(key, lang, **values)


def generated_page_uris(state: BuildState) -> list[str]:
    """Source paths of the event pages, in every language (the i18n plugin pairs them up)."""
    return [f"{lang}/events/{event.id}.md" for lang in LANGUAGES for event in state.site.events]


def generated_page_source(state: BuildState, src_uri: str) -> str | None:
    """Markdown of a generated page, or None for a page written by hand."""
    match = GENERATED_PAGE.match(src_uri)
    if not match or match["id"] not in state.site.index:
        return None
    return pages.event_source(state.site.event(match["id"]))


def page_meta(state: BuildState, meta: dict[str, Any], lang: str) -> None:
    """Give a generated page its title and description from the data, escaped for HTML:
    Material prints both as they are (in <title>, the header and the <h1>)."""
    if meta.get("eventsite") == "event" and meta.get("event") in state.site.index:
        for key, text in pages.page_meta(state.site.event(meta["event"]), lang).items():
            meta[key] = Markup(escaping.html(text))


def page_html(state: BuildState, html: str, meta: dict[str, Any], lang: str, page_path: str) -> str:
    """A page's HTML with its data part added (pages with `eventsite:` in their front matter)."""
    kind = meta.get("eventsite")
    if not kind:
        return html
    return html + pages.render_page(kind, state.context(lang, page_path), state.env, meta.get("event"))


def reset_language_switcher(config: Any) -> None:
    """Point the language menu at each language's home page. mkdocs-static-i18n sets it per
    page; the 404 page, rendered after the pages, would otherwise get the last page's."""
    config.extra.alternate = copy.deepcopy(config.plugins["i18n"].extra_alternate)


def alternates(state: BuildState, page_url: str, lang: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of a page in every language, plus x-default (English)."""
    prefix = url_prefix(lang)
    path = page_url[len(prefix):] if prefix and page_url.startswith(prefix) else page_url
    links = [(other, f"{state.site_url}{url_prefix(other)}{path}") for other in LANGUAGES]
    return links + [("x-default", f"{state.site_url}{path}")]


def write_language_outputs(state: BuildState, site_dir: Path, lang: str) -> None:
    """Keep this language's 404 page: every language build writes 404.html at the root."""
    not_found = site_dir / "404.html"
    if not_found.exists():
        if lang == DEFAULT_LANGUAGE:
            state.default_404 = not_found.read_bytes()
        else:
            (site_dir / lang).mkdir(exist_ok=True)
            not_found.replace(site_dir / lang / "404.html")


def site_identity(state: BuildState, lang: str) -> tuple[Markup, str]:
    """The site's name (escaped for HTML: Material prints it as it is) and description
    (plain text: overrides/layout.html escapes it) in a language, from the data."""
    return Markup(escaping.html(state.site.site.title.get(lang))), state.site.site.description.get(lang)


def finish(state: BuildState, site_dir: Path) -> None:
    """After the last language: the calendar feeds (computed meanwhile), the root 404 page
    (the default language's), and a search index of its own pages for each language."""
    assert state.feed_folder is not None
    for future in state.feeds:
        for path in future.result():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(state.feed_folder / path, target)
    shutil.rmtree(state.feed_folder)
    if state.default_404 is not None:
        (site_dir / "404.html").write_bytes(state.default_404)
    index_path = site_dir / "search" / "search_index.json"
    if index_path.exists():
        combined = json.loads(index_path.read_text(encoding="utf-8"))
        for lang, index in search.split_index(combined).items():
            target = site_dir / url_prefix(lang) / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
