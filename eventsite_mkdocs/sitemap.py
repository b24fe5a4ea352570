"""sitemap.xml for the whole site: every page in every language, with all its alternates,
x-default (the default language) and `lastmod` from the data, never from the build clock.

MkDocs and mkdocs-static-i18n would write one per language build, each dated by the
build; overrides/sitemap.xml is empty so that they write none, and this module writes it
once from the page lists of all language builds.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Mapping, Sequence
from pathlib import Path

from eventsite import escaping
from eventsite.model import Site
from eventsite.paths import event_path


def last_modified(site: Site) -> dict[str, dt.date]:
    """Page path (below the language prefix) -> the day its data last changed: an event's
    page its event's `updated`, every other page the newest `updated` of all ("" key)."""
    dates = {event_path(event.id): event.updated for event in site.events}
    if dates:
        dates[""] = max(dates.values())
    return dates


def sitemap(site: Site, site_url: str, pages: Mapping[str, Sequence[str]]) -> str:
    """The sitemap of the pages built per language (paths below each language's prefix)."""
    dates = last_modified(site)
    url_prefix, default = site.languages.url_prefix, site.languages.default
    languages = [lang for lang in site.languages if lang in pages]
    having = {lang: set(pages[lang]) for lang in languages}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in languages:
        for path in sorted(having[lang]):
            lines += ["  <url>", f"    <loc>{escaping.html(site_url + url_prefix(lang) + path)}</loc>"]
            day = dates.get(path, dates.get(""))
            if day is not None:
                lines.append(f"    <lastmod>{day.isoformat()}</lastmod>")
            alternates = [(other, site_url + url_prefix(other) + path) for other in languages if path in having[other]]
            if default in having and path in having[default]:
                alternates.append(("x-default", site_url + path))
            for hreflang, href in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href="{escaping.html(href)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, text: str, stamp: dt.datetime) -> None:
    """sitemap.xml and its gzipped copy (dated `stamp`, so that the bytes are reproducible)."""
    data = text.encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=int(stamp.timestamp())))
