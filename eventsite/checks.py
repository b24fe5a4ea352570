"""Rules that span several fields: unique ids, references, date order, time zones, roles,
contacts, and items shared by several events."""

from __future__ import annotations

import dataclasses
import difflib
import datetime as dt
import zoneinfo

from eventsite.model import Deadline, Event, Session, Site, first_day, last_day
from eventsite.problems import Problem, describe
from eventsite.yamltypes import Walk


def check_site(site: Site, walk: Walk) -> Site:
    """Record cross-field problems in `walk`; return the site with session times made aware."""
    check_unique_ids(walk)
    check_references(walk)
    events = []
    for index, event in enumerate(site.events):
        path = f"events[{index}]"
        check_event_dates(event, path, walk)
        check_roles(event, path, walk)
        check_contacts(event, path, walk)
        check_speaking_deadline(event, path, walk)
        sessions = tuple(
            check_session(site, event, session, f"{path}.sessions[{number}]", walk)
            for number, session in enumerate(event.sessions)
        )
        events.append(dataclasses.replace(event, sessions=sessions))
    shared = tuple(check_shared_session(site, session, f"sessions[{number}]", walk)
                   for number, session in enumerate(site.sessions))
    events = [attach_shared(event, shared) for event in events]
    return dataclasses.replace(site, events=tuple(events), sessions=shared, index={})


def attach_shared(event: Event, shared: tuple[Session, ...]) -> Event:
    """The event with the shared items that name it among its sessions, all by start day."""
    mine = [session for session in shared if event.id in session.events]
    if not mine:
        return event
    sessions = sorted(event.sessions + tuple(mine), key=lambda session: first_day(session.start))
    return dataclasses.replace(event, sessions=tuple(sessions))


def check_shared_session(site: Site, session: Session, path: str, walk: Walk) -> Session:
    """An item shared by several events: at least two events, each once, and within each."""
    events = [site.index.get(id) for id in session.events]
    named = [event for event in events if isinstance(event, Event)]
    if len(session.events) < 2:
        problem(walk, f"{path}.events", "a shared item names at least two events; put an item of one event "
                "under that event's sessions:", "two or more event ids", f"{len(session.events)}")
    seen: set[str] = set()
    for number, id in enumerate(session.events):
        if id in seen:
            problem(walk, f"{path}.events[{number}]", "this event is already named for this item",
                    "each event once", describe(id))
        seen.add(id)
    if not named:
        return session
    checked = session
    for event in named:
        checked = check_session(site, event, checked, path, walk)
    return checked


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
                problem(walk, f"{role_path}.organisations[{index}]", "this organisation is already listed in this role",
                        "each organisation once", describe(id))
            seen.add(id)


def check_speaking_deadline(event: Event, path: str, walk: Walk) -> None:
    """The deadline for requests to speak is one of the event's own deadlines."""
    declared = {value for value, _path, kind in walk.ids if kind is Deadline}  # an unknown id is reported once, as such
    if event.speaking_deadline in declared and event.speaking_deadline not in {deadline.id for deadline in event.deadlines}:
        problem(walk, f"{path}.speaking_deadline", "this deadline is not one of this event's deadlines",
                "the id of a deadline under this event's deadlines:", describe(event.speaking_deadline))


def check_contacts(event: Event, path: str, walk: Walk) -> None:
    """A contact is reachable: an e-mail address or a phone number."""
    for number, contact in enumerate(event.contacts):
        if not contact.email and not contact.phone:
            problem(walk, f"{path}.contacts[{number}]", "a contact needs an email or a phone, as the document gives it",
                    "email: or phone:", "neither")


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


def check_session(site: Site, event: Event, session: Session, path: str, walk: Walk) -> Session:
    venue = site.index.get(event.venue) if event.venue else None
    zone_name = session.timezone or getattr(venue, "timezone", None)
    resolved = {}
    for key in ("start", "end"):
        value = getattr(session, key)
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            if zone_name is None:
                problem(walk, f"{path}.{key}", "a time of day needs a time zone: add timezone: "
                        "(e.g. Europe/Zurich) to the session or a venue to the event",
                        "a time zone", "a time without one")
                continue
            resolved[key] = value.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
    session = dataclasses.replace(session, timezone=zone_name, **resolved)
    if first_day(session.last) < first_day(session.start) or (
        isinstance(session.start, dt.datetime) and isinstance(session.last, dt.datetime)
        and session.start.tzinfo and session.last.tzinfo and session.last < session.start
    ):
        problem(walk, f"{path}.end", f"{session.last.isoformat()} is before start {session.start.isoformat()}",
                "an end on or after the start", describe(session.last.isoformat()))
    if first_day(session.start) < first_day(event.start) or last_day(session.last) > last_day(event.end):
        which = f"event '{event.id}'" if session.events else "its event"
        problem(walk, f"{path}.start", f"the session is outside {which} "
                f"({event.start.isoformat()} to {event.end.isoformat()})",
                "dates within the event", describe(f"{session.start.isoformat()} to {session.last.isoformat()}"))
    if isinstance(session.start, dt.datetime) != isinstance(session.last, dt.datetime):
        problem(walk, f"{path}.end", "start and end must both be days or both be times",
                "the same form as start", describe(session.last.isoformat()))
    return session
