"""Where the calendar feeds live, what they hold, and the links pages show to add them.

Every link is an absolute URL ready for an `href` (HTML-escape it like any attribute).
The feeds themselves are rendered by `eventsite.calendars`, which re-exports the
functions pages need.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode, urlsplit

from eventsite import typography
from eventsite.languages import UN_LANGUAGES, Languages
from eventsite.model import ALL_FEED, DEADLINES_FEED, Day, Deadline, Event, Session, Site, first_day, in_feeds, last_day
from eventsite.paths import event_path, feed_path
from eventsite.ui import t

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
# Outlook on the web has one host per kind of account: a link to the wrong one fails to sign in.
OUTLOOK_HOSTS = {"personal": "https://outlook.live.com", "work": "https://outlook.office.com"}
OUTLOOK_ADD_FROM_WEB = "/calendar/0/addfromweb"
# Outlook's "new event" form has no documentation from Microsoft. What the add-to-calendar
# libraries found (README, "Calendar feeds"): on a computer, /calendar/0/action/compose takes
# an all-day `enddt` as exclusive, like RFC 5545; phones are routed to another form, reached
# by /calendar/0/deeplink/compose, which reads it as the last day itself (inclusive).
OUTLOOK_COMPOSE = "/calendar/0/action/compose"
OUTLOOK_PHONE_COMPOSE = "/calendar/0/deeplink/compose"

Item = Event | Session | Deadline


# --- What the feeds hold -------------------------------------------------------------




def venue_text(site: Site, event: Event, lang: str) -> str:
    """The venue's name and address on one line, or '' for an event without a venue."""
    if not event.venue:
        return ""
    venue = site.venue(event.venue)
    address = venue.address.get(lang) if venue.address else ""
    return typography.comma(lang).join(part for part in (venue.name.get(lang), address) if part)


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


def feed_url(lang: str, name: str, *, site_url: str, languages: Languages) -> str:
    """Absolute https URL of a feed."""
    return site_root(site_url) + feed_path(lang, name, languages)


def home_url(lang: str, *, site_url: str, languages: Languages) -> str:
    """The home page of a language."""
    return site_root(site_url) + languages.url_prefix(lang)


def event_url(event_id: str, lang: str, *, site_url: str, languages: Languages) -> str:
    """The page of an event in a language."""
    return home_url(lang, site_url=site_url, languages=languages) + event_path(event_id)


def languages_of(site: Site | None) -> Languages:
    """The site's languages; the UN set for links made without a site (tests of single links)."""
    return site.languages if site is not None else UN_LANGUAGES


def webcal_url(url: str) -> str:
    """The same feed address with the webcal:// scheme, which opens a calendar application."""
    return "webcal://" + url.split("://", 1)[1]


# --- Links for pages -------------------------------------------------------------------


def feed_name(name: str, lang: str, site: Site | None) -> str:
    """The display name of the all-events or deadlines feed (as in its NAME property)."""
    label, named = FEED_TITLES[name]
    if site is None:  # without the site title, the plain "All events" / "All deadlines"
        return t(label, lang)
    return t(named, lang, site=site.site.title.get(lang))


# Each combined feed's name: alone, and with the site's title.
FEED_TITLES = {ALL_FEED: ("calendar.feed.all.label", "calendar.feed.all.name"),
               DEADLINES_FEED: ("calendar.feed.deadlines.label", "calendar.feed.deadlines.name")}


def subscribe_links(url: str, name: str) -> dict[str, str]:
    """`download`, `subscribe`, `google_subscribe`, `outlook_subscribe` (personal Microsoft
    accounts, outlook.live.com) and `outlook_work_subscribe` (work or school accounts,
    Microsoft 365, outlook.office.com) for the feed at `url`."""
    webcal = webcal_url(url)
    outlook = encode({"url": url, "name": name})
    return {
        "download": url,
        "subscribe": webcal,
        # Google accepts cid=webcal://..., not cid=https://...
        "google_subscribe": f"{GOOGLE_CALENDAR}?{encode({'cid': webcal})}",
        "outlook_subscribe": f"{OUTLOOK_HOSTS['personal']}{OUTLOOK_ADD_FROM_WEB}?{outlook}",
        "outlook_work_subscribe": f"{OUTLOOK_HOSTS['work']}{OUTLOOK_ADD_FROM_WEB}?{outlook}",
    }


def feed_links(lang: str, *, site_url: str, site: Site | None = None) -> dict[str, dict[str, str]]:
    """For the home page: `events` (all events) and `deadlines`, each with the links of
    `subscribe_links`. With `site`, Outlook names the calendar after the site."""
    languages = languages_of(site)
    return {
        "events": subscribe_links(feed_url(lang, ALL_FEED, site_url=site_url, languages=languages),
                                  feed_name(ALL_FEED, lang, site)),
        "deadlines": subscribe_links(feed_url(lang, DEADLINES_FEED, site_url=site_url, languages=languages),
                                     feed_name(DEADLINES_FEED, lang, site)),
    }


def add_to_calendar_links(event: Event, lang: str, *, site_url: str, site: Site | None = None) -> dict[str, str]:
    """For an event page: `download` (the event's .ics), the subscribe links of the
    language's all-events feed (see `subscribe_links`), and the one-off copies
    `google_event`, `outlook_event` (personal) and `outlook_work_event` (Microsoft 365),
    with the Outlook forms for phones as `outlook_event_phone` and `outlook_work_event_phone`.

    An event known only to the month is in no feed: it gets the subscribe links only.
    With `site`, the one-off copies carry the venue as their location.
    """
    links = feed_links(lang, site_url=site_url, site=site)["events"]
    del links["download"]
    if not in_feeds(event):
        return links
    outlook = {f"outlook{kind}_event{device}": outlook_event_link(event, lang, account, site_url=site_url, site=site,
                                                                  phone=bool(device))
               for kind, account in (("", "personal"), ("_work", "work")) for device in ("", "_phone")}
    return {"download": feed_url(lang, event.id, site_url=site_url, languages=languages_of(site)), **links,
            "google_event": google_event_link(event, lang, site_url=site_url, site=site), **outlook}


def all_day_span(first: Day, last: Day) -> tuple[dt.date, dt.date]:
    """The first day and the EXCLUSIVE end (the day after the last day), as all-day
    calendar entries count them (RFC 5545 DTEND, Google, Outlook): 6-10 July ends on 11 July."""
    return first_day(first), last_day(last) + dt.timedelta(days=1)


def event_copy(event: Event, lang: str, *, site_url: str, site: Site | None) -> tuple[str, str, str]:
    """Title, description and location of a one-off copy of an event.

    The copy never learns of later changes, so a cancelled event says so in its title.
    """
    title = event.title.get(lang)
    if event.status == "cancelled":
        title = t("calendar.summary.cancelled", lang, summary=title)
    page = event_url(event.id, lang, site_url=site_url, languages=languages_of(site))
    description = f"{event.summary.get(lang)}\n\n{page}"
    return title, description, venue_text(site, event, lang) if site else ""


def google_event_link(event: Event, lang: str, *, site_url: str, site: Site | None = None) -> str:
    """Google Calendar's "add event" link for an all-day event (`dates` with an exclusive end)."""
    title, description, location = event_copy(event, lang, site_url=site_url, site=site)
    start, end = all_day_span(event.start, event.end)
    details = {"details": description}
    if location:
        details["location"] = location
    head = encode({"action": "TEMPLATE", "text": title})
    return f"{GOOGLE_CALENDAR}?{head}&dates={start:%Y%m%d}/{end:%Y%m%d}&{encode(details)}"


def outlook_event_link(event: Event, lang: str, account: str, *, site_url: str, site: Site | None = None,
                       phone: bool = False) -> str:
    """Outlook on the web's "new event" form filled in with an all-day event, for a
    `personal` (outlook.live.com) or `work` (outlook.office.com) account.

    On a computer `enddt` is exclusive, as in the feeds and in Google's link (a 6-10 July
    event ends on 11 July); the `phone` form takes the last day itself (10 July). Pages
    link the computer's form; their script switches to the phone's on Android and iOS.
    """
    title, description, location = event_copy(event, lang, site_url=site_url, site=site)
    start, end = all_day_span(event.start, event.end)
    if phone:
        end = last_day(event.end)
    route = {"path": "/calendar/action/compose"} if phone else {}
    params = {**route, "rru": "addevent", "subject": title, "startdt": start.isoformat(), "enddt": end.isoformat(),
              "allday": "true", "body": description}
    if location:
        params["location"] = location
    return f"{OUTLOOK_HOSTS[account]}{OUTLOOK_PHONE_COMPOSE if phone else OUTLOOK_COMPOSE}?{encode(params)}"


def encode(params: dict[str, str]) -> str:
    """A query string with every reserved character percent-encoded (spaces as %20)."""
    return urlencode(params, quote_via=quote, safe="")
