"""The programme page: the weeks of meetings still to come, then the earlier ones (latest
first), each day by day; events known only to the month apart. The home page shows one
week the same way (`WeekView`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from eventsite.model import Event, Session, Status, Text
from eventsite.programme import DayPlan, Week
from eventsite.views.context import PageContext, PageView
from eventsite.views.items import DeadlineItem, EventCard, deadline_items


@dataclass(frozen=True)
class SessionLine:
    session: Session
    timed: bool  # at a time of day
    cancelled: bool


@dataclass(frozen=True)
class DayEvent:
    event: Event
    href: str
    cancelled: bool
    sessions: tuple[SessionLine, ...]  # held that day


def day_anchor(day: dt.date) -> str:
    """The id of a day of the programme on a page ("day-2026-07-08")."""
    return f"day-{day.isoformat()}"


@dataclass(frozen=True)
class DayView:
    day: dt.date
    events: tuple[DayEvent, ...]
    is_today: bool  # the build's day (the browser script marks the reader's)

    @property
    def anchor(self) -> str:
        return day_anchor(self.day)

    @classmethod
    def of(cls, plan: DayPlan, ctx: PageContext) -> DayView:
        def sessions(event: Event) -> tuple[SessionLine, ...]:
            return tuple(SessionLine(session, isinstance(session.start, dt.datetime),
                                     event.status_of(session) == Status.CANCELLED)
                         for owner, session in plan.sessions if owner is event)

        return cls(plan.day, tuple(DayEvent(event, ctx.event_url(event.id), event.status == Status.CANCELLED,
                                            sessions(event)) for event in plan.events), plan.day == ctx.today)


@dataclass(frozen=True)
class WeekView:
    week: Week
    anchor: str
    venues: tuple[Text, ...]
    events: tuple[EventCard, ...]
    days: tuple[DayView, ...]
    deadlines: tuple[DeadlineItem, ...]

    @classmethod
    def of(cls, week: Week, ctx: PageContext) -> WeekView:
        return cls(week, f"week-{week.start.isoformat()}", tuple(ctx.site.venue(id).name for id in week.venues),
                   tuple(EventCard.of(event, ctx) for event in week.events),
                   tuple(DayView.of(plan, ctx) for plan in week.days), tuple(deadline_items(week.deadlines, ctx)))


@dataclass(frozen=True)
class WeekGroup:
    title: str  # UI string key
    anchor: str
    weeks: tuple[WeekView, ...]


@dataclass(frozen=True)
class ProgrammeView(PageView):
    template: ClassVar[str] = "programme.html"

    groups: tuple[WeekGroup, ...]  # coming weeks, then earlier ones (only those that have weeks)
    undated: tuple[EventCard, ...]  # events known only to the month


def programme_view(ctx: PageContext) -> ProgrammeView:
    programme = ctx.site_facts.programme
    coming = tuple(WeekView.of(week, ctx) for week in programme.weeks if week.end >= ctx.today)
    earlier = tuple(WeekView.of(week, ctx) for week in reversed(programme.weeks) if week.end < ctx.today)
    groups = [group for group in (WeekGroup("visitor.programme.coming", "coming", coming),
                                  WeekGroup("visitor.programme.earlier", "earlier", earlier)) if group.weeks]
    return ProgrammeView(ctx, tuple(groups), tuple(EventCard.of(event, ctx) for event in programme.undated))
