"""One site build: what the MkDocs hooks call, in the order they call it.

`start` loads and validates the data once; the other functions are called once per
language build (mkdocs-static-i18n builds the default language at the site root, then
each other language under /<lang>/), and `finish` once at the very end.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from eventsite import calendars, pages, search
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
    default_404: bytes | None = None

    def context(self, lang: str, page_path: str = "") -> pages.PageContext:
        return pages.PageContext(self.site, lang, site_today(self.now), self.site_url, page_path)


_current: BuildState | None = None


def start(data: Path, templates: Path, site_url: str | None) -> BuildState:
    """Load and validate the data (raises DataError) and begin a build."""
    global _current
    _current = BuildState(
        site=load_site(data),
        env=pages.make_environment(templates),
        now=build_time(),
        site_url=(site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
    )
    return _current


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
    return pages.event_source(state.site.event(match["id"]), match["lang"])


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
    """Write this language's calendar feeds and keep its 404 page."""
    for path, data in calendars.feeds(state.site, lang, site_url=state.site_url, stamp=state.now).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    # Every language build writes 404.html at the root; keep each under its own folder.
    not_found = site_dir / "404.html"
    if not_found.exists():
        if lang == DEFAULT_LANGUAGE:
            state.default_404 = not_found.read_bytes()
        else:
            (site_dir / lang).mkdir(exist_ok=True)
            not_found.replace(site_dir / lang / "404.html")


def site_identity(state: BuildState, lang: str) -> tuple[str, str]:
    """The site's name and description in a language, from the data."""
    return state.site.site.title.get(lang), state.site.site.description.get(lang)


def finish(state: BuildState, site_dir: Path) -> None:
    """After the last language: the root 404 page is the default language's, and each
    language gets a search index of its own pages only."""
    if state.default_404 is not None:
        (site_dir / "404.html").write_bytes(state.default_404)
    index_path = site_dir / "search" / "search_index.json"
    if index_path.exists():
        combined = json.loads(index_path.read_text(encoding="utf-8"))
        for lang, index in search.split_index(combined).items():
            target = site_dir / url_prefix(lang) / "search" / "search_index.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
