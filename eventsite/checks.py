"""Rules that span several fields: unique ids, references, date order, time zones, roles,
contacts, and items shared by several events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import zoneinfo

from eventsite.model import Deadline, Event, Moment, Session, Site, first_day, in_feeds, last_day
from eventsite.problems import Problem, describe
from eventsite.programme import week_groups
from eventsite.yamltypes import Walk


def with_session_zones(site: Site) -> Site:
    """The site with each session's time zone filled in (its own, else its venue's) and its
    times of day made aware in that zone; a time with no zone to be had stays as it is
    (`check_site` reports it). Items shared by several events take the zone of the first
    event's venue, and are put among the sessions of each event they name."""
    events = []
    for event in site.events:
        sessions = tuple(zoned(site, event, session) for session in event.sessions)
        events.append(dataclasses.replace(event, sessions=sessions))
    shared = []
    for session in site.sessions:
        first = next((site.event(id) for id in session.events if isinstance(site.index.get(id), Event)), None)
        shared.append(zoned(site, first, session))
    events = [attach_shared(event, tuple(shared)) for event in events]
    return dataclasses.replace(site, events=tuple(events), sessions=tuple(shared))


def zoned(site: Site, event: Event | None, session: Session) -> Session:
    venue = site.index.get(event.venue) if event is not None and event.venue else None
    zone_name = session.timezone or getattr(venue, "timezone", None)
    zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None
    end = None if session.end is None else in_zone(session.end, zone)
    return dataclasses.replace(session, timezone=zone_name, start=in_zone(session.start, zone), end=end)


def attach_shared(event: Event, shared: tuple[Session, ...]) -> Event:
    """The event with the shared items that name it placed among its sessions by start day;
    its own sessions keep their order (and their numbers in the file)."""
    merged = list(event.sessions)
    for item in (item for item in shared if event.id in item.events):
        place = next((number for number, session in enumerate(merged)
                      if first_day(session.start) > first_day(item.start)), len(merged))
        merged.insert(place, item)
    return dataclasses.replace(event, sessions=tuple(merged))


def in_zone(moment: Moment, zone: zoneinfo.ZoneInfo | None) -> Moment:
    """A time of day without a zone, placed in `zone`; anything else as it is."""
    if zone and isinstance(moment, dt.datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment


# Spans no meeting has, which would make the programme lay out thousands of days: an event
# with exact days lasts at most 8 weeks (its sessions lie within it), and the programme, the
# events' days counted once from each week's first day to its last, holds at most ten years
# of days. The longest event of the real data lasts 5 days; 1,000 events, 700 days.
MAX_EVENT_DAYS = 56
MAX_PROGRAMME_DAYS = 3660


def check_site(site: Site, walk: Walk) -> None:
    """Record the problems across fields in `walk` (session times already given their zones)."""
    check_unique_ids(walk)
    check_references(walk)
    check_programme_length(site, walk)
    for index, event in enumerate(site.events):
        path = f"events[{index}]"
        check_event_dates(event, path, walk)
        check_roles(event, path, walk)
        check_contacts(event, path, walk)
        check_speaking_deadline(event, path, walk)
        own = [session for session in event.sessions if not session.events]
        for number, session in enumerate(own):
            check_session(event, session, f"{path}.sessions[{number}]", walk)
            check_session_end(session, f"{path}.sessions[{number}]", walk)
    for number, session in enumerate(site.sessions):
        check_shared_session(site, session, f"sessions[{number}]", walk)
        check_session_end(session, f"sessions[{number}]", walk)


def check_shared_session(site: Site, session: Session, path: str, walk: Walk) -> None:
    """An item shared by several events: at least two events, each once, and within each."""
    if len(session.events) < 2:
        problem(walk, f"{path}.events", "a shared item names at least two events; put an item of one event "
                "under that event's sessions:", "two or more event ids", f"{len(session.events)}")
    seen: set[str] = set()
    for number, id in enumerate(session.events):
        if id in seen:
            problem(walk, f"{path}.events[{number}]", "this event is already named for this item",
                    "each event once", describe(id))
        seen.add(id)
    named = [site.event(id) for id in dict.fromkeys(session.events) if isinstance(site.index.get(id), Event)]
    for number, event in enumerate(named):
        check_session(event, session, path, walk, which=f"event '{event.id}'", zones=number == 0)


def check_session_end(session: Session, path: str, walk: Walk) -> None:
    """A session at a time of day states its end: calendar programs read a missing end
    differently (RFC 5545 says zero minutes; many clients show an hour), and the data must
    not leave them to guess."""
    if isinstance(session.start, dt.datetime) and session.end is None:
        line, column = walk.positions.get(path, (1, 1))
        walk.problems.append(Problem(
            walk.file, line, column, f"{path}.end",
            "a session at a time of day needs its end time (calendar programs would show it as 0 minutes "
            "or as 1 hour); if the document gives none, write the day only", f'an end like "{end_example(session)}"',
            "no end"))


def end_example(session: Session) -> str:
    """An end an hour after the start, in the start's own form (only an example in a message)."""
    start = session.start
    assert isinstance(start, dt.datetime)
    return (start + dt.timedelta(hours=1)).replace(tzinfo=None).isoformat(timespec="minutes")


def check_roles(event: Event, path: str, walk: Walk) -> None:
    """Each role once per event, each organisation once per role."""
    first: dict[str, int] = {}
    for number, role in enumerate(event.roles):
        role_path = f"{path}.roles[{number}]"
        if role.role in first:
            problem(walk, f"{role_path}.role", f"this role is already given at {path}.roles[{first[role.role]}]; "
                    "add the organisations there", "each role once per event", describe(role.role))
        first.setdefault(role.role, number)
        seen: set[str] = set()
        for index, id in enumerate(role.organisations):
            if id in seen:
                problem(walk, f"{role_path}.organisations[{index}]",
                        "this organisation is already listed in this role", "each organisation once", describe(id))
            seen.add(id)


def check_speaking_deadline(event: Event, path: str, walk: Walk) -> None:
    """The deadline for requests to speak is one of the event's own deadlines."""
    declared = {value for value, _path, kind in walk.ids if kind is Deadline}  # else "no deadline has this id"
    own = {deadline.id for deadline in event.deadlines}
    if event.speaking_deadline in declared and event.speaking_deadline not in own:
        problem(walk, f"{path}.speaking_deadline", "this deadline is not one of this event's deadlines",
                "the id of a deadline under this event's deadlines:", describe(event.speaking_deadline))


def check_contacts(event: Event, path: str, walk: Walk) -> None:
    """A contact is reachable: an e-mail address or a phone number."""
    for number, contact in enumerate(event.contacts):
        if not contact.email and not contact.phone:
            problem(walk, f"{path}.contacts[{number}]",
                    "a contact needs an email or a phone, as the document gives it", "email: or phone:", "neither")


def article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def problem(walk: Walk, path: str, message: str, expected: str = "", found: str = "") -> None:
    line, column = walk.positions.get(path, (1, 1))
    walk.problems.append(Problem(walk.file, line, column, path, message, expected, found))


def check_unique_ids(walk: Walk) -> None:
    first_path: dict[str, str] = {}
    for value, path, _kind in walk.ids:
        if value in first_path:
            line = walk.positions.get(first_path[value], (0, 0))[0]
            problem(walk, path, f"duplicate id: already used at {first_path[value]} (line {line})",
                    "an id used once in the whole file", describe(value))
        else:
            first_path[value] = path


def check_references(walk: Walk) -> None:
    # Declared ids count even where the item itself has problems: those are reported there.
    declared = {value: kind for value, _path, kind in reversed(walk.ids)}
    for value, path, wanted in walk.references:
        kind = declared.get(value)
        name = wanted.__name__.lower()
        if kind is None:
            known = sorted(key for key, other in declared.items() if other is wanted)
            guess = difflib.get_close_matches(value, known, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else ""
            problem(walk, path, f"no {name} has this id{hint}",
                    f"one of: {', '.join(known)}" if known else f"the id of {article(name)}", describe(value))
        elif kind is not wanted:
            problem(walk, path, f"this id belongs to {article(kind.__name__.lower())}, not {article(name)}",
                    f"the id of {article(name)}", describe(value))


def check_event_dates(event: Event, path: str, walk: Walk) -> None:
    if last_day(event.end) < first_day(event.start):
        problem(walk, f"{path}.end", f"{event.end.isoformat()} is before start {event.start.isoformat()}",
                "an end on or after the start", describe(event.end.isoformat()))
    days = (last_day(event.end) - first_day(event.start)).days + 1
    if in_feeds(event) and days > MAX_EVENT_DAYS:
        problem(walk, f"{path}.end", f"the event would last {days:,} days, from {event.start.isoformat()} to "
                f"{event.end.isoformat()}: no meeting lasts more than 8 weeks; check the years and months of "
                "start and end", f"at most {MAX_EVENT_DAYS} days from start to end", f"{days:,} days")


def check_programme_length(site: Site, walk: Walk) -> None:
    """The programme lays out each day of each week; beyond MAX_PROGRAMME_DAYS, at the event
    that goes over (events longer than MAX_EVENT_DAYS have their own message)."""
    if any(in_feeds(event) and (last_day(event.end) - first_day(event.start)).days + 1 > MAX_EVENT_DAYS
           for event in site.events):
        return
    numbers = {id(event): number for number, event in enumerate(site.events)}
    total = 0
    for group in week_groups(site.events):
        last = max(group, key=lambda event: last_day(event.end))
        total += (last_day(last.end) - first_day(group[0].start)).days + 1
        if total > MAX_PROGRAMME_DAYS:
            problem(walk, f"events[{numbers[id(last)]}].end", "the programme would lay out more than "
                    f"{MAX_PROGRAMME_DAYS:,} days (each day of each week of meetings): a site for ten years of "
                    "daily meetings at most; check the dates, or split the site",
                    f"at most {MAX_PROGRAMME_DAYS:,} days of meetings", f"{total:,} days")
            return


def check_session(event: Event, session: Session, path: str, walk: Walk, which: str = "its event",
                  zones: bool = True) -> None:
    """A session's times and dates; `zones=False` checks only that it lies within `event` (for
    the second and later events of a shared item, whose other problems are already reported)."""
    for key in ("start", "end"):
        value = getattr(session, key)
        if zones and isinstance(value, dt.datetime) and value.tzinfo is None:
            problem(walk, f"{path}.{key}", "a time of day needs a time zone: add timezone: "
                    "(e.g. Europe/Zurich) to the session or a venue to the event",
                    "a time zone", "a time without one")
    if zones and (first_day(session.last) < first_day(session.start) or (
        isinstance(session.start, dt.datetime) and isinstance(session.last, dt.datetime)
        and session.start.tzinfo and session.last.tzinfo and session.last < session.start
    )):
        problem(walk, f"{path}.end", f"{session.last.isoformat()} is before start {session.start.isoformat()}",
                "an end on or after the start", describe(session.last.isoformat()))
    if first_day(session.start) < first_day(event.start) or last_day(session.last) > last_day(event.end):
        problem(walk, f"{path}.start", f"the session is outside {which} "
                f"({event.start.isoformat()} to {event.end.isoformat()})",
                "dates within the event", describe(f"{session.start.isoformat()} to {session.last.isoformat()}"))
    if zones and isinstance(session.start, dt.datetime) != isinstance(session.last, dt.datetime):
        problem(walk, f"{path}.end", "start and end must both be days or both be times",
                "the same form as start", describe(session.last.isoformat()))
