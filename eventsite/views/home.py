"""The home page: on the first screen, the week a visitor wants (under way, else the next,
else the latest) with its dates, venue, countdown, actions and next deadline; then the
week day by day, the events happening now, upcoming and past, and the feeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from eventsite import paths
from eventsite.calendar_links import feed_url
from eventsite.model import Event, Link, LinkKind, Status, Text, Timing, first_day, last_day, timing
from eventsite.programme import Week, headline_week
from eventsite.ui import t
from eventsite.views.context import PageContext, PageView
from eventsite.views.items import (
    ACTION_LABELS,
    Action,
    DeadlineItem,
    DocumentItem,
    EventCard,
    FeedLinks,
    Window,
    deadline_items,
    other_language,
    relative_days,
    speaking_window,
)
from eventsite.views.programme import WeekView, day_anchor

HERO_TITLES: dict[Timing, str] = {
    Timing.UPCOMING: "visitor.hero.upcoming",
    Timing.ONGOING: "visitor.hero.ongoing",
    Timing.PAST: "visitor.hero.past",
}
# The links a visitor can act on, the most important first.
ACTION_KINDS = tuple(LinkKind)


@dataclass(frozen=True)
class HeroEvent:
    event: Event
    href: str
    cancelled: bool


@dataclass(frozen=True)
class HeroDeadline:
    """One of the open deadlines: the next one on the day it is shown (its window starts the
    day after the one before it), so the browser script can move on to the next."""

    item: DeadlineItem
    window: Window


@dataclass(frozen=True)
class Hero:
    """The first screen: the week a visitor wants first."""

    week: Week
    state: Timing
    title: str  # UI string key
    countdown: str
    venues: tuple[tuple[Text, Text | None], ...]  # (name, address)
    events: tuple[HeroEvent, ...]
    actions: tuple[Action, ...]  # what to do while the week is to come or under way
    actions_window: Window
    today_window: Window  # while the week is under way: a link to today's day
    today_href: str  # to the build's day (the browser script follows the days)
    deadlines: tuple[HeroDeadline, ...]
    documents: tuple[DocumentItem, ...]  # once the week is over: what it produced and was based on
    follow: str | None  # once it is over: the subscription that tells of the next meetings


@dataclass(frozen=True)
class HomeView(PageView):
    template: ClassVar[str] = "home.html"

    hero: Hero | None
    days: WeekView | None  # the hero's week, day by day
    ongoing: tuple[EventCard, ...]
    upcoming: tuple[EventCard, ...]  # soonest first
    past: tuple[EventCard, ...]  # latest first
    deadlines: tuple[DeadlineItem, ...]  # the next open ones
    feeds: FeedLinks


def home_view(ctx: PageContext) -> HomeView:
    site, today = ctx.site, ctx.today
    ordered = sorted(site.events, key=lambda event: (first_day(event.start), event.id))
    by_timing: dict[Timing, list[Event]] = {state: [] for state in Timing}
    for event in ordered:
        by_timing[timing(event.start, event.end, today)].append(event)
    open_deadlines = [(event, deadline) for event, deadline in site.all_deadlines()
                      if last_day(deadline.date) >= today and event.status_of(deadline) != Status.CANCELLED]
    deadlines = deadline_items(open_deadlines[:5], ctx)
    week = headline_week(ctx.site_facts.programme, today)
    feeds = FeedLinks.of(ctx)

    def cards(events: list[Event]) -> tuple[EventCard, ...]:
        return tuple(EventCard.of(event, ctx) for event in events)

    return HomeView(
        ctx=ctx,
        hero=hero(week, ctx, feeds, deadlines) if week else None,
        days=WeekView.of(week, ctx) if week else None,
        ongoing=cards(by_timing[Timing.ONGOING]),
        upcoming=cards(by_timing[Timing.UPCOMING]),
        past=cards(list(reversed(by_timing[Timing.PAST]))),
        deadlines=tuple(deadlines),
        feeds=feeds,
    )


def hero(week: Week, ctx: PageContext, feeds: FeedLinks, deadlines: list[DeadlineItem]) -> Hero:
    lang, today = ctx.lang, ctx.today
    state = week.timing(today)
    countdown = {Timing.UPCOMING: relative_days(week.start, today, lang),
                 Timing.ONGOING: t("site.status.ongoing", lang),
                 Timing.PAST: t("visitor.ended", lang)}[state]
    venues = tuple((venue.name, venue.address) for venue in map(ctx.site.venue, week.venues))
    events = tuple(HeroEvent(event, ctx.event_url(event.id), event.status == Status.CANCELLED)
                   for event in week.events)
    actions: list[Action] = []
    if state != Timing.PAST:
        links: list[tuple[Event, Link]] = [(event, link) for event in week.events for link in event.links
                                           if event.status != Status.CANCELLED]
        links.sort(key=lambda pair: ACTION_KINDS.index(pair[1].kind))
        for event, link in links:
            window = speaking_window(event, today) if link.kind == LinkKind.SPEAKING_REQUEST else None
            if window is None or not window.hidden:  # a request to speak only while they are taken
                actions.append(Action(link.url, ACTION_LABELS[link.kind], external=True, hreflang=link.language,
                                      event_title=event.title, window=window,
                                      in_language=other_language(link.language, lang)))
        week_feed = feed_url(lang, paths.week_feed(week.start), site_url=ctx.site_url, languages=ctx.site.languages)
        actions.append(Action(week_feed, "visitor.add_week", download=True))
    windows, previous = [], None
    for item in deadlines:
        windows.append(HeroDeadline(item, Window.of(last_day(previous) + dt.timedelta(days=1) if previous else None,
                                                    last_day(item.deadline.date), today)))
        previous = item.deadline.date
    documents: dict[str, DocumentItem] = {}
    if state == Timing.PAST:
        for event in week.events:
            for id in event.documents:
                documents.setdefault(id, DocumentItem.of(ctx.site.document(id), ctx))
    shown_day = min(max(today, week.start), week.end)
    return Hero(week, state, HERO_TITLES[state], countdown, venues, events, tuple(actions),
                Window.until(week.end, today), Window.of(week.start, week.end, today), f"#{day_anchor(shown_day)}",
                tuple(windows),
                tuple(documents.values()), feeds.events["subscribe"] if state == Timing.PAST else None)
