"""Where the calendar feeds live, what they hold, and the links pages show to add them.

Every link is an absolute URL ready for an `href` (HTML-escape it like any attribute).
The feeds themselves are rendered by `eventsite.calendars`, which re-exports the
functions pages need.
"""

from __future__ import annotations

import datetime as dt
from typing import Union
from urllib.parse import quote, urlencode, urlsplit

from eventsite.languages import url_prefix
from eventsite.model import ALL_FEED, DEADLINES_FEED, Deadline, Event, Session, Site, first_day, in_feeds, last_day
from eventsite.ui import t

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_ADD_FROM_WEB = "https://outlook.live.com/calendar/0/addfromweb"

# How a venue's name and address are joined, where it is not ", ".
LIST_SEPARATORS = {"ar": "، ", "zh": "，"}

Item = Union[Event, Session, Deadline]


# --- What the feeds hold -------------------------------------------------------------




def venue_text(site: Site, event: Event, lang: str) -> str:
    """The venue's name and address on one line, or '' for an event without a venue."""
    if not event.venue:
        return ""
    venue = site.venue(event.venue)
    address = venue.address.get(lang) if venue.address else ""
    separator = LIST_SEPARATORS.get(lang, ", ")
    return separator.join(part for part in (venue.name.get(lang), address) if part)


# --- Addresses -----------------------------------------------------------------------


def site_root(site_url: str) -> str:
    """The public site URL with exactly one trailing slash."""
    return site_url.rstrip("/") + "/"


def site_host(site_url: str) -> str:
    """The host name of the site, used in every UID."""
    host = urlsplit(site_url).hostname
    if not host:
        raise ValueError(f"site_url needs a scheme and a host, like https://example.org/: {site_url!r}")
    return host


def feed_path(lang: str, name: str) -> str:
    """Path of a feed below the site root: `calendar/all.ics`, `fr/calendar/<event id>.ics`."""
    return f"{url_prefix(lang)}calendar/{name}.ics"


def feed_url(lang: str, name: str, *, site_url: str) -> str:
    """Absolute https URL of a feed."""
    return site_root(site_url) + feed_path(lang, name)


def home_url(lang: str, *, site_url: str) -> str:
    """The home page of a language."""
    return site_root(site_url) + url_prefix(lang)


def event_url(event_id: str, lang: str, *, site_url: str) -> str:
    """The page of an event in a language."""
    return f"{home_url(lang, site_url=site_url)}events/{event_id}/"


def webcal_url(url: str) -> str:
    """The same feed address with the webcal:// scheme, which opens a calendar application."""
    return "webcal://" + url.split("://", 1)[1]


# --- Links for pages -------------------------------------------------------------------


def feed_name(name: str, lang: str, site: Site | None) -> str:
    """The display name of the all-events or deadlines feed (as in its NAME property)."""
    if site is None:  # without the site title, the plain "All events" / "All deadlines"
        return t(f"calendar.feed.{name}.label", lang)
    return t(f"calendar.feed.{name}.name", lang, site=site.site.title.get(lang))


def subscribe_links(url: str, name: str) -> dict[str, str]:
    """`download`, `subscribe`, `google_subscribe`, `outlook_subscribe` for the feed at `url`."""
    webcal = webcal_url(url)
    return {
        "download": url,
        "subscribe": webcal,
        # Google accepts cid=webcal://..., not cid=https://...
        "google_subscribe": f"{GOOGLE_CALENDAR}?{encode({'cid': webcal})}",
        "outlook_subscribe": f"{OUTLOOK_ADD_FROM_WEB}?{encode({'url': url, 'name': name})}",
    }


def feed_links(lang: str, *, site_url: str, site: Site | None = None) -> dict[str, dict[str, str]]:
    """For the home page: `events` (all events) and `deadlines`, each with the four links
    of `subscribe_links`. With `site`, Outlook names the calendar after the site."""
    return {
        "events": subscribe_links(feed_url(lang, ALL_FEED, site_url=site_url), feed_name(ALL_FEED, lang, site)),
        "deadlines": subscribe_links(feed_url(lang, DEADLINES_FEED, site_url=site_url),
                                     feed_name(DEADLINES_FEED, lang, site)),
    }


def add_to_calendar_links(event: Event, lang: str, *, site_url: str, site: Site | None = None) -> dict[str, str]:
    """For an event page: `download` (the event's .ics), `subscribe`, `google_subscribe`,
    `outlook_subscribe` (the language's all-events feed) and `google_event`.

    An event known only to the month is in no feed: it gets the subscribe links only.
    With `site`, `google_event` carries the venue as its location.
    """
    links = feed_links(lang, site_url=site_url, site=site)["events"]
    del links["download"]
    if not in_feeds(event):
        return links
    return {"download": feed_url(lang, event.id, site_url=site_url), **links,
            "google_event": google_event_link(event, lang, site_url=site_url, site=site)}


def google_event_link(event: Event, lang: str, *, site_url: str, site: Site | None = None) -> str:
    """Google Calendar's "add event" link for an all-day event (the end date is exclusive).

    The copy it adds never learns of later changes, so a cancelled event says so in its title.
    """
    title = event.title.get(lang)
    if event.status == "cancelled":
        title = t("calendar.summary.cancelled", lang, summary=title)
    start = first_day(event.start)
    end = last_day(event.end) + dt.timedelta(days=1)
    details = {"details": f"{event.summary.get(lang)}\n\n{event_url(event.id, lang, site_url=site_url)}"}
    location = venue_text(site, event, lang) if site else ""
    if location:
        details["location"] = location
    head = encode({"action": "TEMPLATE", "text": title})
    return f"{GOOGLE_CALENDAR}?{head}&dates={start:%Y%m%d}/{end:%Y%m%d}&{encode(details)}"


def encode(params: dict[str, str]) -> str:
    """A query string with every reserved character percent-encoded (spaces as %20)."""
    return urlencode(params, quote_via=quote, safe="")
