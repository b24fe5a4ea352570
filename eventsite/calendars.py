"""Calendar feeds (.ics) of one language: all events, all deadlines, and one per event.

Pure functions of the site, the language, the public site URL and the build time, so
that the same data gives the same bytes: UIDs come from the data's ids, DTSTAMP from
the build time (SOURCE_DATE_EPOCH), and nothing is random or read from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from icalendar import Calendar, Timezone, vText
from icalendar import Event as VEvent
from icalendar.prop import vDDDTypes

from eventsite import typography
from eventsite.calendar_links import (
    all_day_span,
    event_url,
    feed_name,
    home_url,
    site_host,
    site_root,
    venue_text,
)
from eventsite.dates import format_date_range
from eventsite.model import (
    ALL_FEED,
    DEADLINES_FEED,
    FEED_NAMES,
    Day,
    Deadline,
    Event,
    EventKind,
    Moment,
    Session,
    Site,
    in_feeds,
)
from eventsite.paths import feed_path, week_feed
from eventsite.programme import Week, build_programme
from eventsite.ui import t

PRODID = "-//eventsite//Calendar feeds 1.0//EN"
REFRESH_INTERVAL = dt.timedelta(hours=12)
PUBLISHED_TTL = "PT12H"

# RFC 5545 allows no control characters in TEXT except HTAB (line breaks are escaped).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FeedContext:
    """What every entry of a feed needs besides its own data."""

    site: Site
    lang: str
    site_url: str
    stamp: dt.datetime

    def home_url(self, lang: str) -> str:
        return home_url(lang, site_url=self.site_url, languages=self.site.languages)

    def event_url(self, event_id: str, lang: str) -> str:
        return event_url(event_id, lang, site_url=self.site_url, languages=self.site.languages)


class PlainText(vText):
    """A TEXT value whose backslashes are all literal.

    icalendar's vText reads a typed `\\N` as a line break; data text has no such escapes.
    """

    __slots__ = ()

    def to_ical(self) -> bytes:
        return escape_text(self).encode("utf-8")


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, `;`, `,` and line breaks; control characters dropped."""
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


# --- Feeds --------------------------------------------------------------------------


def feeds(site: Site, lang: str, *, site_url: str, stamp: dt.datetime) -> dict[str, bytes]:
    """Every feed of a language: relative path -> .ics bytes."""
    site_host(site_url)  # fail early on a URL without a host
    if stamp.tzinfo is None:
        raise ValueError("stamp must be an aware date-time (see eventsite.clock.build_time)")
    context = FeedContext(site, lang, site_root(site_url), stamp)
    clashing = sorted({event.id for event in site.events} & set(FEED_NAMES))
    if clashing:
        raise ValueError(f"event ids {clashing} would overwrite a feed of the same name")
    entries = feed_entries(context)  # each entry is built once and shared by the feeds it is in
    result = {
        feed_path(lang, ALL_FEED, site.languages): all_events_calendar(entries, context),
        feed_path(lang, DEADLINES_FEED, site.languages): deadlines_calendar(entries, context),
    }
    for event in sorted(site.events, key=lambda event: event.id):
        if in_feeds(event):
            result[feed_path(lang, event.id, site.languages)] = event_calendar(event, entries, context)
    for week in build_programme(site).weeks:
        result[feed_path(lang, week_feed(week.start), site.languages)] = week_calendar(week, entries, context)
    return result


@dataclass(frozen=True)
class Entry:
    """One VEVENT of a language, serialised once, with what feeds need to place it."""

    ics: bytes
    order: tuple[str, str, str]
    zones: tuple[tuple[str, dt.date], ...]  # (TZID, day) of each of its times


def entry(component: VEvent) -> Entry:
    zones = []
    for name in ("DTSTART", "DTEND"):
        value = component.get(name)
        if isinstance(value, vDDDTypes) and "TZID" in value.params and isinstance(value.dt, dt.datetime):
            zones.append((str(value.params["TZID"]), value.dt.date()))
    return Entry(serialise(component), entry_order(component), tuple(zones))


def serialise(component: VEvent) -> bytes:
    """The component as icalendar writes it (`to_ical`), lines folded by `fold`."""
    return b"".join(fold(line).encode("utf-8") + b"\r\n" for line in component.content_lines() if line)


FOLD_AT = 75  # octets, RFC 5545 3.1; a line is cut before the character that would reach it


def fold(line: str) -> str:
    """A content line folded as icalendar folds it (between characters, never right after
    a backslash or caret escape, each part under 75 octets with the leading space), but
    without looking at each character of the many lines that need no folding, or of
    ASCII text: serialising is most of the feeds' time."""
    if len(line) < FOLD_AT and (line.isascii() or len(line.encode("utf-8")) < FOLD_AT):
        return line
    parts: list[str] = []
    start = count = 0
    for index, char in enumerate(line):
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if index > start and count + size >= FOLD_AT:
            cut = index - 1 if index - start > 1 and line[index - 1] in "\\^" else index
            parts.append(line[start:cut])
            start, count = cut, len(line[cut:index].encode("utf-8"))
        count += size
    parts.append(line[start:])
    return "\r\n ".join(parts)


def feed_entries(context: FeedContext) -> dict[str, Entry]:
    """Every event, session and deadline with exact dates, by id."""
    entries: dict[str, Entry] = {}
    for event in context.site.events:
        if in_feeds(event):
            entries[event.id] = entry(event_component(event, context))
        for session in event.sessions:
            if in_feeds(session) and session.id not in entries:
                # A shared item is built once, from the first event it names (one UID, one entry).
                home = context.site.event(session.events[0]) if session.shared else event
                entries[session.id] = entry(session_component(home, session, context))
        for deadline in event.deadlines:
            if in_feeds(deadline):
                entries[deadline.id] = entry(deadline_component(event, deadline, context))
    return entries


def all_events_calendar(entries: dict[str, Entry], context: FeedContext) -> bytes:
    """Every event with an exact date, and every session with one, as separate entries."""
    ids = [event.id for event in context.site.events] + \
          [session.id for event in context.site.events for session in event.sessions]
    ids = list(dict.fromkeys(ids))  # an item shared by several events is listed once
    return build_calendar([entries[id] for id in ids if id in entries],
                          name=feed_name(ALL_FEED, context.lang, context.site),
                          description=t("calendar.feed.all.description", context.lang),
                          url=context.home_url(context.lang))


def deadlines_calendar(entries: dict[str, Entry], context: FeedContext) -> bytes:
    """Every deadline with an exact date."""
    ids = [deadline.id for _event, deadline in context.site.all_deadlines()]
    return build_calendar([entries[id] for id in ids if id in entries],
                          name=feed_name(DEADLINES_FEED, context.lang, context.site),
                          description=t("calendar.feed.deadlines.description", context.lang),
                          url=context.home_url(context.lang))


def event_calendar(event: Event, entries: dict[str, Entry], context: FeedContext) -> bytes:
    """One event with its sessions and deadlines (those with exact dates)."""
    ids = [event.id] + [session.id for session in event.sessions] + [deadline.id for deadline in event.deadlines]
    return build_calendar([entries[id] for id in ids if id in entries],
                          name=event.title.get(context.lang), description=event.summary.get(context.lang),
                          url=context.event_url(event.id, context.lang))


def week_calendar(week: Week, entries: dict[str, Entry], context: FeedContext) -> bytes:
    """A week of meetings (the home page adds the week it shows): its events and sessions."""
    ids = [event.id for event in week.events] + [session.id for event in week.events for session in event.sessions]
    lang = context.lang
    return build_calendar([entries[id] for id in dict.fromkeys(ids) if id in entries],
                          name=t("calendar.feed.week.name", lang, site=context.site.site.title.get(lang),
                                 dates=format_date_range(week.start, week.end, lang)),
                          description=t("calendar.feed.week.description", lang),
                          url=context.home_url(lang))


CALENDAR_END = b"END:VCALENDAR\r\n"
# RFC 5545 (3.6) wants at least one component in a calendar. A feed with nothing in it yet
# (no deadline known to the day) carries one VTIMEZONE that no entry refers to, which every
# client ignores, so that its address keeps working for those who subscribed.
PLACEHOLDER_ZONE = ("Etc/UTC", 1970)


def build_calendar(entries: Iterable[Entry], *, name: str, description: str, url: str) -> bytes:
    """A published calendar of `entries` (sorted), with the VTIMEZONEs their times need:
    UTF-8, CRLF, lines folded at 75 octets between characters.

    No METHOD: a feed is a snapshot of calendar data, not an iTIP scheduling message (RFC
    5545 3.7.2: without METHOD "a scheduling transaction MUST NOT be assumed"). METHOD:PUBLISH
    would make it one, whose every VEVENT then needs an ORGANIZER (RFC 5546 3.2.1), which the
    data has for few events and which RFC 5545 3.8.4.3 reserves for group-scheduled entries."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.calendar_name = PlainText(name)  # NAME and X-WR-CALNAME
    calendar.description = PlainText(description)  # DESCRIPTION and X-WR-CALDESC
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", PUBLISHED_TTL)
    calendar.add("URL", url)
    head: bytes = calendar.to_ical()  # properties only; the components follow them, as to_ical would put them
    assert head.endswith(CALENDAR_END)
    entries = sorted(entries, key=lambda item: item.order)
    zones = b"".join(timezone_ics(tzid, first, last) for tzid, (first, last) in zone_spans(entries))
    if not entries:
        zones = timezone_ics(PLACEHOLDER_ZONE[0], PLACEHOLDER_ZONE[1], PLACEHOLDER_ZONE[1])
    return head[: -len(CALENDAR_END)] + zones + b"".join(item.ics for item in entries) + CALENDAR_END


def zone_spans(entries: Iterable[Entry]) -> list[tuple[str, tuple[int, int]]]:
    """The years each TZID is used in, by TZID."""
    days: dict[str, list[dt.date]] = {}
    for item in entries:
        for tzid, day in item.zones:
            days.setdefault(tzid, []).append(day)
    return [(tzid, (min(used).year, max(used).year)) for tzid, used in sorted(days.items())]


@lru_cache(maxsize=256)
def timezone_ics(tzid: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE covering whole years (both the standard and the daylight rule, which some
    clients expect, without the decades icalendar would add by default). Cached: building
    one is slow, and every feed with a time in the zone needs it."""
    zone = Timezone.from_tzid(tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1))
    zone.pop("COMMENT", None)  # icalendar's note on the years covered: RFC 5545 gives VTIMEZONE no COMMENT
    ics: bytes = zone.to_ical()
    return ics


def entry_order(entry: VEvent) -> tuple[str, str, str]:
    """Sort key: by day, all-day entries first, then by UTC start time, then by UID."""
    start = entry.start
    if isinstance(start, dt.datetime):
        return start.date().isoformat(), start.astimezone(dt.UTC).isoformat(), str(entry["UID"])
    return start.isoformat(), "", str(entry["UID"])


# --- Entries -----------------------------------------------------------------------


def uid(item_id: str, domain: str) -> str:
    """The UID of an event, session or deadline: the same in every language and build, and
    wherever the site is deployed (the domain is the data's `site.uid_domain`)."""
    return f"{item_id}@{domain}"


def event_component(event: Event, context: FeedContext) -> VEvent:
    """An event as an all-day VEVENT from its first to its last day."""
    lang = context.lang
    location = venue_text(context.site, event, lang)
    description = paragraphs(
        event.summary.get(lang),
        event.description.get(lang) if event.description else None,
        t("calendar.description.venue", lang, venue=location) if location else None,
        sources_line(event.sources, context),
        t("calendar.description.more", lang, url=context.event_url(event.id, lang)),
    )
    entry = base_component(event.id, event, event.status, event.title.get(lang), description, context)
    add_days(entry, event.start, event.end)
    if location:
        entry.add("LOCATION", feed_text(location, context))
    return entry


def session_component(event: Event, session: Session, context: FeedContext) -> VEvent:
    """A session: all-day, or timed with a TZID and its time zone's VTIMEZONE."""
    lang = context.lang
    location = venue_text(context.site, event, lang)
    status = event.status_of(session)
    summary = t("calendar.summary.session", lang, event=event.title.get(lang), session=session.title.get(lang))
    events = [context.site.event(id) for id in session.events] if session.shared else [event]
    if session.shared:  # its own title names the events that share it
        summary = session.title.get(lang)
    description = paragraphs(
        session.description.get(lang) if session.description else None,
        *(t("calendar.description.event", lang, event=item.title.get(lang)) for item in events),
        t("calendar.description.venue", lang, venue=location) if location else None,
        sources_line(session.sources, context),
        t("calendar.description.more", lang, url=context.event_url(event.id, lang)),
    )
    entry = base_component(session.id, event, status, summary, description, context)
    if isinstance(session.start, dt.datetime):
        add_times(entry, session.start, session.end, session.timezone)
    else:
        add_days(entry, session.start, session.last)
    if location:
        entry.add("LOCATION", feed_text(location, context))
    return entry


def deadline_component(event: Event, deadline: Deadline, context: FeedContext) -> VEvent:
    """A deadline as an all-day VEVENT on its day (free time, as every all-day entry)."""
    lang = context.lang
    summary = t("calendar.summary.deadline", lang, deadline=deadline.title.get(lang), event=event.title.get(lang))
    description = paragraphs(
        deadline.description.get(lang) if deadline.description else None,
        t("calendar.description.event", lang, event=event.title.get(lang)),
        sources_line(deadline.sources, context),
        t("calendar.description.more", lang, url=context.event_url(event.id, lang)),
    )
    entry = base_component(deadline.id, event, event.status_of(deadline), summary, description, context,
                           category=t("calendar.category.deadline", lang))
    add_days(entry, deadline.date, deadline.date)
    return entry


def base_component(item_id: str, event: Event, status: str, summary: str, description: str,
                   context: FeedContext, *, category: str | None = None) -> VEvent:
    """The properties every entry has; dates are added by the caller."""
    if status == "cancelled":
        summary = t("calendar.summary.cancelled", context.lang, summary=summary)
    entry = VEvent()
    entry.add("UID", uid(item_id, context.site.site.uid_domain))
    entry.add("DTSTAMP", context.stamp.astimezone(dt.UTC))
    entry.add("SEQUENCE", event.revision)
    entry.add("LAST-MODIFIED", dt.datetime.combine(event.updated, dt.time(), tzinfo=dt.UTC))
    entry.add("STATUS", status.upper())
    entry.add("SUMMARY", feed_text(summary, context))
    entry.add("DESCRIPTION", feed_text(description, context))
    entry.add("CATEGORIES", [category or t(KIND_CATEGORIES[event.kind], context.lang)])
    entry.add("URL", context.event_url(event.id, context.lang))
    return entry


# The category of an event's entries, by the kind of event.
KIND_CATEGORIES: dict[EventKind, str] = {
    EventKind.FORUM: "calendar.kind.forum",
    EventKind.SUMMIT: "calendar.kind.summit",
    EventKind.DIALOGUE: "calendar.kind.dialogue",
    EventKind.HIGH_LEVEL_EVENT: "calendar.kind.high-level-event",
    EventKind.MEETING: "calendar.kind.meeting",
    EventKind.SESSION: "calendar.kind.session",
}

# Busy or free time (RFC 5545 TRANSP; without it an entry counts as busy). An all-day
# entry (an event, an all-day session, a deadline) says what happens on those days, not
# that the subscriber is busy: a five-day conference must not block a week of their
# calendar. A session at a time of day is a slot its participants attend: busy.
ALL_DAY_TRANSP = "TRANSPARENT"
TIMED_TRANSP = "OPAQUE"


def add_days(entry: VEvent, first: Day, last: Day) -> None:
    """All-day DTSTART and DTEND (DTEND is the day AFTER the last day, RFC 5545), free time."""
    start, end = all_day_span(first, last)
    entry.add("DTSTART", start)
    entry.add("DTEND", end)
    entry.add("TRANSP", ALL_DAY_TRANSP)


def add_times(entry: VEvent, start: dt.datetime, end: Moment | None, zone: str | None) -> None:
    """Timed DTSTART and DTEND, with TZID when zoned; busy time. The validator refuses a time
    of day without an end (checks.check_session_end): clients disagree on what it would mean."""
    if not isinstance(end, dt.datetime):
        raise ValueError(f"the session at {start.isoformat()} has no end time")
    entry.add("DTSTART", in_zone(start, zone))
    entry.add("DTEND", in_zone(end, zone))
    entry.add("TRANSP", TIMED_TRANSP)


def in_zone(moment: dt.datetime, zone: str | None) -> dt.datetime:
    """The same instant in the item's IANA time zone (written with TZID), else in UTC."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    if isinstance(moment.tzinfo, zoneinfo.ZoneInfo) and (zone is None or moment.tzinfo.key == zone):
        return moment
    return moment.astimezone(zoneinfo.ZoneInfo(zone) if zone else dt.UTC)


def sources_line(ids: tuple[str, ...], context: FeedContext) -> str:
    """"Source: CL-26/17, 17 March 2026" in the feed's language ("" without sources)."""
    return typography.sources_text(context.site.sources_of(ids), context.lang)


def feed_text(text: str, context: FeedContext) -> PlainText:
    """A text of an entry in the feed's language's typography, as the page shows it (numbers
    kept together, French spacing; in right-to-left languages, Latin runs, addresses and
    numbers isolated so that "11 000" and "CWG-WSIS&SDG" keep their order)."""
    return PlainText(typography.plain(text, context.lang))


def paragraphs(*parts: str | None) -> str:
    """The non-empty parts, separated by blank lines."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())
