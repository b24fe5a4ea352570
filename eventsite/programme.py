"""The programme by day: the site's events grouped into weeks of co-located meetings.

Events whose dates overlap (or touch) form one `Week`; each day of a week lists the
events that run that day and the sessions held on it. Events known only to the month
cannot be laid out by day: they are listed apart (`undated`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventsite.model import Deadline, Event, Session, Site, Timing, first_day, in_feeds, last_day, timing


@dataclass(frozen=True)
class DayPlan:
    """One day: the events running and the sessions held (a multi-day session on each of its days)."""

    day: dt.date
    events: tuple[Event, ...]
    sessions: tuple[tuple[Event, Session], ...]


@dataclass(frozen=True)
class Week:
    """Events that overlap in time, with every day from the first start to the last end."""

    start: dt.date
    end: dt.date
    events: tuple[Event, ...]
    days: tuple[DayPlan, ...]
    deadlines: tuple[tuple[Event, Deadline], ...]  # of these events, earliest first

    @property
    def venues(self) -> tuple[str, ...]:
        """The venues of the week's events, in order of first appearance."""
        return tuple(dict.fromkeys(event.venue for event in self.events if event.venue))

    def timing(self, today: dt.date) -> Timing:
        """Where the week stands on `today`."""
        return timing(self.start, self.end, today)


@dataclass(frozen=True)
class Programme:
    weeks: tuple[Week, ...]  # earliest first
    undated: tuple[Event, ...]  # events known only to the month


def build_programme(site: Site) -> Programme:
    """Every exact-dated event laid out day by day, in weeks of overlapping events."""
    undated = tuple(event for event in site.events if not in_feeds(event))
    return Programme(weeks=tuple(make_week(group) for group in week_groups(site.events)), undated=undated)


def week_groups(events: tuple[Event, ...]) -> list[list[Event]]:
    """The exact-dated events in groups whose dates overlap or touch, earliest first (each
    group is a `Week`, laid out day by day from its first day to its last)."""
    dated = sorted((event for event in events if in_feeds(event)),
                   key=lambda event: (first_day(event.start), last_day(event.end), event.id))
    groups: list[list[Event]] = []
    group_end = dt.date.min
    for event in dated:
        if groups and first_day(event.start) <= group_end + dt.timedelta(days=1):
            groups[-1].append(event)
        else:
            groups.append([event])
            group_end = dt.date.min
        group_end = max(group_end, last_day(event.end))
    return groups


def make_week(events: list[Event]) -> Week:
    start = min(first_day(event.start) for event in events)
    end = max(last_day(event.end) for event in events)
    # Each event put on its own days (not every event looked at on every day): the work
    # grows with the events' lengths, which checks.py bounds, not with the week's.
    running_on: dict[dt.date, list[Event]] = {}
    for event in events:
        day = first_day(event.start)
        while day <= last_day(event.end):
            running_on.setdefault(day, []).append(event)
            day += dt.timedelta(days=1)
    days = []
    day = start
    while day <= end:
        running = tuple(running_on.get(day, ()))
        held = [(event, session) for event in running for session in event.sessions
                if first_day(session.start) <= day <= last_day(session.last)]
        # A session shared by several events (the joint opening) is listed once, under the first.
        sessions = tuple({session.id: (event, session) for event, session in reversed(held)}.values())[::-1]
        days.append(DayPlan(day, running, sessions))
        day += dt.timedelta(days=1)
    deadlines = sorted(((event, deadline) for event in events for deadline in event.deadlines),
                       key=lambda pair: (first_day(pair[1].date), pair[1].id))
    return Week(start, end, tuple(events), tuple(days), tuple(deadlines))


def headline_week(programme: Programme, today: dt.date) -> Week | None:
    """The week a visitor wants first: the one under way, else the next, else the latest past."""
    if not programme.weeks:
        return None
    for week in programme.weeks:
        if week.timing(today) != Timing.PAST:
            return week
    return programme.weeks[-1]
