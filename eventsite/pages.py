"""The site's pages as HTML fragments, one language at a time.

Layout lives in Jinja templates (overrides/eventsite/*.html, rendered here with
autoescaping so that any text from the data shows as text); this module decides what
each page shows: which events are upcoming, which deadlines are next, how dates read.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from babel import Locale
from babel.dates import format_timedelta
from markupsafe import Markup

from eventsite import calendars, dates, escaping, typography
from eventsite.languages import LANGUAGES, NATIVE_NAMES, direction, url_prefix
from eventsite.model import (
    Day,
    Deadline,
    Document,
    Event,
    Link,
    Organisation,
    Site,
    Text,
    first_day,
    in_feeds,
    is_exact,
    last_day,
)
from eventsite.programme import build_programme, headline_week
from eventsite.ui import t


@dataclass(frozen=True)
class PageContext:
    """What every page of one language build needs to know."""

    site: Site
    lang: str
    today: dt.date
    site_url: str  # absolute, ending with "/"
    page_path: str = ""  # the page being rendered, from the site root ("fr/events/x/")
    footer: Footer | None = None  # `site_footer(site)`, worked out once per build by the caller

    def url(self, path: str, lang: str | None = None) -> str:
        """A link from this page to a site path in a language, relative so that the site
        also works where it is previewed ("events/x/" from "fr/" -> "events/x/")."""
        return relative_url(f"{url_prefix(lang or self.lang)}{path}", self.page_path)

    def absolute_url(self, path: str, lang: str | None = None) -> str:
        """The published address of a site path in a language (for feeds and search engines)."""
        return f"{self.site_url}{url_prefix(lang or self.lang)}{path}"


def relative_url(target: str, page: str) -> str:
    """The link from a directory-style page to a directory-style target, both from the root."""
    page_dir = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    link = posixpath.relpath("/" + target, "/" + page_dir)
    return "./" if link == "." else link + ("/" if target.endswith("/") or not target else "")


def make_environment(templates_dir: str | Path) -> jinja2.Environment:
    """A Jinja environment for the eventsite templates; escapes everything by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(t=t, iso=dates.iso, is_exact=is_exact, LANGUAGES=LANGUAGES,
                       NATIVE_NAMES=NATIVE_NAMES, direction=direction, typography=typography,
                       language_name=language_name)
    env.filters.update(date_range=lambda pair, lang: dates.format_date_range(pair[0], pair[1], lang),
                       day=dates.format_day, moment=dates.format_moment)
    return env


def event_path(event: Event) -> str:
    """Site path of an event's page, below the language prefix."""
    return f"events/{event.id}/"


def event_source(event: Event) -> str:
    """Markdown source of a generated event page: front matter naming the event, nothing
    else. No data text goes into Markdown (where `{: onclick=...}` or a control character
    could change its meaning): the hook fills the body, and `page_meta` gives the title."""
    return f"---\neventsite: event\nevent: {event.id}\n---\n"


def page_meta(event: Event, lang: str) -> dict[str, str]:
    """The title and description of an event's page, as plain text (the theme prints them:
    the caller escapes them for HTML)."""
    return {"title": event.title.get(lang), "description": event.summary.get(lang)}


def timing(start: Day, end: Day, today: dt.date) -> str:
    """`upcoming`, `ongoing` or `past` on `today` (month-only values count as the whole month)."""
    if today < first_day(start):
        return "upcoming"
    if today > last_day(end):
        return "past"
    return "ongoing"


def days_until(day: Day, today: dt.date) -> int:
    return (first_day(day) - today).days


def text_in(text: Text | None, lang: str) -> Markup:
    """A text in the page language, marked with its own language where it fell back to English."""
    if text is None:
        return Markup("")
    value = text.get(lang)
    used = text.lang_of(lang)
    if used == lang:
        return typography.html(value, lang)
    return Markup('<span lang="{}" dir="{}">{}</span>').format(used, direction(used), typography.html(value, used))


def paragraphs(text: Text | None, lang: str) -> list[Markup]:
    """A multi-paragraph text split on blank lines, each escaped."""
    if text is None:
        return []
    value = text_in(text, lang)
    return [Markup(part.strip()) for part in str(value).split("\n\n") if part.strip()]


def map_link(address: str) -> str:
    """A link to the address on OpenStreetMap (a link only: the page loads nothing from it)."""
    return "https://www.openstreetmap.org/search?query=" + quote(address)


def json_ld(event: Event, ctx: PageContext) -> Markup:
    """schema.org Event for search engines, safe to place inside <script>."""
    site, lang = ctx.site, ctx.lang
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title.get(lang),
        "description": event.summary.get(lang),
        "startDate": dates.iso(event.start),
        "endDate": dates.iso(event.end),
        "eventStatus": "https://schema.org/" + {
            "confirmed": "EventScheduled", "tentative": "EventScheduled", "cancelled": "EventCancelled",
        }[event.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": lang,
        "url": ctx.absolute_url(event_path(event)),
    }
    if event.venue:
        venue = site.venue(event.venue)
        place: dict[str, Any] = {"@type": "Place", "name": venue.name.get(lang)}
        if venue.address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": venue.address.get(lang)}
        data["location"] = place
    organisers = [site.organisation(id) for id in event.with_role("organiser")]
    if organisers:
        data["organizer"] = [{"@type": "Organization", "name": org.name.get(lang)} for org in organisers]
    return Markup(escaping.script_json(data, indent=2, sort_keys=True))


def render_page(kind: str, ctx: PageContext, env: jinja2.Environment, event_id: str | None = None) -> str:
    """The HTML body of a data page (`home`, `programme`, `deadlines`, `venue`, `documents`,
    `calendars`, `about`) or of an event, followed by the site footer's part of it."""
    site, lang, today = ctx.site, ctx.lang, ctx.today
    values: dict[str, Any] = {
        "ctx": ctx, "site": site, "lang": lang, "today": today, "timing": timing, "days_until": days_until,
        "text_in": text_in, "paragraphs": paragraphs, "map_link": map_link, "event_path": event_path,
        "links": calendars.add_to_calendar_links, "feed_links": calendars.feed_links,
        "in_feeds": in_feeds, "relative_days": relative_days, "document_link": document_link,
        "link_language": link_language,
    }
    if kind == "event":
        assert event_id is not None
        event = site.event(event_id)
        values.update(event=event, json_ld=json_ld(event, ctx),
                      has_times=any(isinstance(session.start, dt.datetime) for session in event.sessions),
                      sources=lambda ids: typography.sources_html(site.sources_of(ids), lang))
    elif kind == "home":
        values.update(sections=home_sections(site, today))
    elif kind == "programme":
        values.update(programme=build_programme(site))
    elif kind == "deadlines":
        values.update(deadlines=ordered_deadlines(site, today))
    elif kind == "documents":
        values.update(documents=sorted(site.documents, reverse=True,
                                       key=lambda doc: (first_day(doc.date) if doc.date else dt.date.min, doc.id)))
    body = env.get_template(f"{kind}.html").render(values) if kind != "about" else ""
    return body + FOOTER_MARK + env.get_template("footer.html").render(values, footer=ctx.footer or site_footer(site))


# The layout (overrides/partials/content.html and footer.html) shows what follows this
# mark in the page footer, not in the article.
FOOTER_MARK = "<!--eventsite:footer-->"


@dataclass(frozen=True)
class Footer:
    """What the footer says about the site, derived from the data."""

    organisers: tuple[Organisation, ...]
    contact: str | None  # the e-mail address the events give most often
    updated: dt.date | None  # the newest `updated` of the events


def site_footer(site: Site) -> Footer:
    """The organisers of the events (most events first), the most-given contact, the last update."""
    counts: dict[str, int] = {}
    emails: dict[str, int] = {}
    for event in site.events:
        for id in event.with_role("organiser", "host", "co-host"):
            counts[id] = counts.get(id, 0) + 1
        for person in event.contacts:
            if person.email:
                emails[person.email] = emails.get(person.email, 0) + 1
    organisers = tuple(site.organisation(id) for id in sorted(counts, key=lambda id: -counts[id]))
    email = max(emails, key=lambda address: emails[address]) if emails else None
    updated = max((event.updated for event in site.events), default=None)
    return Footer(organisers[:2], email, updated)


def home_sections(site: Site, today: dt.date) -> dict[str, Any]:
    """Events split into happening now, upcoming (soonest first) and past (latest first);
    the week to show first (`headline`), the actions it offers, and the open deadlines."""
    ordered = sorted(site.events, key=lambda event: (first_day(event.start), event.id))
    ongoing = [event for event in ordered if timing(event.start, event.end, today) == "ongoing"]
    upcoming = [event for event in ordered if timing(event.start, event.end, today) == "upcoming"]
    past = [event for event in reversed(ordered) if timing(event.start, event.end, today) == "past"]
    open_deadlines = [pair for pair in site.all_deadlines()
                      if last_day(pair[1].date) >= today and pair[0].status_of(pair[1]) != "cancelled"]
    week = headline_week(build_programme(site), today)
    actions: list[tuple[Event, Link]] = []
    if week is not None and week.timing(today) != "past":
        actions = [(event, link) for event in week.events for link in event.links
                   if link.kind in ACTION_KINDS and event.status != "cancelled"]
        actions.sort(key=lambda pair: ACTION_KINDS.index(pair[1].kind))
    return {"ongoing": ongoing, "upcoming": upcoming, "past": past, "deadlines": open_deadlines[:5],
            "headline": week, "actions": actions}


# The links a visitor can act on, most important first.
ACTION_KINDS = ("registration", "speaking-request", "contribution", "information")


def ordered_deadlines(site: Site, today: dt.date) -> dict[str, list[tuple[Event, Deadline]]]:
    """`open` deadlines soonest first, then `closed` ones newest first."""
    pairs = site.all_deadlines()
    open_ = [pair for pair in pairs if last_day(pair[1].date) >= today]
    closed = [pair for pair in reversed(pairs) if last_day(pair[1].date) < today]
    return {"open": open_, "closed": closed}


# Symbols of documents of the United Nations' principal organs and Secretariat, which the
# UN's own resolver serves in each official language.
UN_SYMBOL = re.compile(r"^(A|S|E|T|ST)/[A-Z0-9./-]+$")


def document_link(document: Document, lang: str) -> tuple[str, str | None] | None:
    """(address, language of what it opens, None if unknown) for a document, or None:
    a UN symbol opens in the reader's language on undocs.org; otherwise the data's URL."""
    if document.symbol and UN_SYMBOL.match(document.symbol):
        return f"https://undocs.org/{lang}/{document.symbol}", lang
    if document.url:
        return document.url, None
    return None


def language_name(code: str, lang: str) -> str:
    """The name of language `code` as written in `lang` ("anglais" for en in French)."""
    name: str = Locale.parse(dates.babel_locale(lang)).languages.get(code, code)
    return name


def link_language(link: Link) -> str | None:
    """The language of the page a link opens, where the data says (None: unknown)."""
    return getattr(link, "language", None)


def relative_days(day: Day, today: dt.date, lang: str) -> str:
    """"in 3 days", "today", "3 days ago" in the page language (refreshed in the browser)."""
    delta = days_until(day, today)
    if delta == 0:
        return t("site.today", lang)
    return format_timedelta(dt.timedelta(days=delta), granularity="day", threshold=400,
                            add_direction=True, locale=dates.babel_locale(lang))

