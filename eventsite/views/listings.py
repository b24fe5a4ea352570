"""The pages that list one kind of thing: deadlines, venues, documents, calendar feeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from eventsite.model import Event, Text, Venue, first_day, last_day
from eventsite.views.context import PageContext, PageView
from eventsite.views.event import map_link
from eventsite.views.items import DeadlineItem, DocumentItem, FeedLinks, deadline_items


@dataclass(frozen=True)
class DeadlinesView(PageView):
    template: ClassVar[str] = "deadlines.html"

    open: tuple[DeadlineItem, ...]  # soonest first
    closed: tuple[DeadlineItem, ...]  # the most recent first
    feeds: FeedLinks


def deadlines_view(ctx: PageContext) -> DeadlinesView:
    pairs = ctx.site.all_deadlines()
    open_ = [pair for pair in pairs if last_day(pair[1].date) >= ctx.today]
    closed = [pair for pair in reversed(pairs) if last_day(pair[1].date) < ctx.today]
    return DeadlinesView(ctx, tuple(deadline_items(open_, ctx)), tuple(deadline_items(closed, ctx)),
                         FeedLinks.of(ctx))


@dataclass(frozen=True)
class VenueItem:
    venue: Venue
    map_href: str | None
    events: tuple[tuple[Text, str], ...]  # the events held there: (title, href)
    times_note: bool  # a session held there has a time of day: say in which zone


@dataclass(frozen=True)
class VenuesView(PageView):
    template: ClassVar[str] = "venue.html"

    venues: tuple[VenueItem, ...]


def venues_view(ctx: PageContext) -> VenuesView:
    held: dict[str, list[Event]] = {}
    for event in ctx.site.events:
        if event.venue:
            held.setdefault(event.venue, []).append(event)
    return VenuesView(ctx, tuple(
        VenueItem(venue, map_link(venue) if venue.address else None,
                  tuple((event.title, ctx.event_url(event.id)) for event in held.get(venue.id, [])),
                  any(isinstance(session.start, dt.datetime) for event in held.get(venue.id, [])
                      for session in event.sessions))
        for venue in ctx.site.venues))


@dataclass(frozen=True)
class DocumentsView(PageView):
    template: ClassVar[str] = "documents.html"

    documents: tuple[DocumentItem, ...]  # the newest first, undated ones last


def documents_view(ctx: PageContext) -> DocumentsView:
    ordered = sorted(ctx.site.documents, reverse=True,
                     key=lambda doc: (first_day(doc.date) if doc.date else dt.date.min, doc.id))
    return DocumentsView(ctx, tuple(DocumentItem.of(document, ctx) for document in ordered))


@dataclass(frozen=True)
class CalendarsView(PageView):
    template: ClassVar[str] = "calendars.html"

    feeds: FeedLinks


def calendars_view(ctx: PageContext) -> CalendarsView:
    return CalendarsView(ctx, FeedLinks.of(ctx))
