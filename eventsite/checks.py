"""Rules that span several fields: unique ids, references, date order, time zones."""

from __future__ import annotations

import dataclasses
import difflib
import datetime as dt
import zoneinfo

from eventsite.model import Event, Moment, Session, Site, first_day, last_day
from eventsite.problems import Problem, describe
from eventsite.yamltypes import Walk


def with_session_zones(site: Site) -> Site:
    """The site with each session's time zone filled in (its own, else its venue's) and its
    times of day made aware in that zone; a time with no zone to be had stays as it is
    (`check_site` reports it)."""
    events = []
    for event in site.events:
        venue = site.index.get(event.venue) if event.venue else None
        sessions = []
        for session in event.sessions:
            zone_name = session.timezone or getattr(venue, "timezone", None)
            zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None
            end = None if session.end is None else in_zone(session.end, zone)
            sessions.append(dataclasses.replace(session, timezone=zone_name, start=in_zone(session.start, zone),
                                                end=end))
        events.append(dataclasses.replace(event, sessions=tuple(sessions)))
    return dataclasses.replace(site, events=tuple(events))


def in_zone(moment: Moment, zone: zoneinfo.ZoneInfo | None) -> Moment:
    """A time of day without a zone, placed in `zone`; anything else as it is."""
    if zone and isinstance(moment, dt.datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment


def check_site(site: Site, walk: Walk) -> None:
    """Record the problems across fields in `walk` (session times already given their zones)."""
    check_unique_ids(walk)
    check_references(walk)
    for index, event in enumerate(site.events):
        path = f"events[{index}]"
        check_event_dates(event, path, walk)
        for number, session in enumerate(event.sessions):
            check_session(event, session, f"{path}.sessions[{number}]", walk)


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


def check_session(event: Event, session: Session, path: str, walk: Walk) -> None:
    for key in ("start", "end"):
        value = getattr(session, key)
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            problem(walk, f"{path}.{key}", "a time of day needs a time zone: add timezone: "
                    "(e.g. Europe/Zurich) to the session or a venue to the event",
                    "a time zone", "a time without one")
    if first_day(session.last) < first_day(session.start) or (
        isinstance(session.start, dt.datetime) and isinstance(session.last, dt.datetime)
        and session.start.tzinfo and session.last.tzinfo and session.last < session.start
    ):
        problem(walk, f"{path}.end", f"{session.last.isoformat()} is before start {session.start.isoformat()}",
                "an end on or after the start", describe(session.last.isoformat()))
    if first_day(session.start) < first_day(event.start) or last_day(session.last) > last_day(event.end):
        problem(walk, f"{path}.start", "the session is outside its event "
                f"({event.start.isoformat()} to {event.end.isoformat()})",
                "dates within the event", describe(f"{session.start.isoformat()} to {session.last.isoformat()}"))
    if isinstance(session.start, dt.datetime) != isinstance(session.last, dt.datetime):
        problem(walk, f"{path}.end", "start and end must both be days or both be times",
                "the same form as start", describe(session.last.isoformat()))
