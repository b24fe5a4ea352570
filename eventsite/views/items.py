"""The small views several pages share: a status badge, an action button, an event's
card, a deadline, a session, a document, a person. Each is decided here, once, from the
model and the page's day; the templates only lay them out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from babel import Locale
from babel.dates import format_timedelta

from eventsite import dates, typography
from eventsite.calendar_links import feed_links
from eventsite.model import (
    Day,
    Deadline,
    Document,
    DocumentKind,
    Event,
    LinkKind,
    Moment,
    Person,
    Session,
    Site,
    Status,
    Text,
    Timing,
    first_day,
    is_exact,
    last_day,
    timing,
)
from eventsite.ui import t
from eventsite.views.context import PageContext

# What a badge can say: where an item stands on the page's day, or that it is cancelled.
State = Literal["upcoming", "ongoing", "past", "cancelled"]

STATE_LABELS: dict[str, str] = {
    Timing.UPCOMING: "site.status.upcoming",
    Timing.ONGOING: "site.status.ongoing",
    Timing.PAST: "site.status.past",
    Status.CANCELLED: "site.status.cancelled",
}
DOCUMENT_KIND_LABELS: dict[DocumentKind, str] = {
    DocumentKind.RESOLUTION: "site.document.kind.resolution",
    DocumentKind.LETTER: "site.document.kind.letter",
    DocumentKind.REPORT: "site.document.kind.report",
    DocumentKind.OUTCOME: "site.document.kind.outcome",
}
# A link's action for one of several events, as a whole phrase with the event's name in it.
ACTION_LABELS: dict[LinkKind, str] = {
    LinkKind.REGISTRATION: "visitor.action_for.registration",
    LinkKind.SPEAKING_REQUEST: "visitor.action_for.speaking-request",
    LinkKind.CONTRIBUTION: "visitor.action_for.contribution",
    LinkKind.INFORMATION: "visitor.action_for.information",
}


def state_of(start: Day | Moment, end: Day | Moment, status: Status, today: dt.date) -> State:
    """Cancelled, else where the span stands on `today`."""
    return "cancelled" if status == Status.CANCELLED else timing(start, end, today).value


def relative_days(day: Day, today: dt.date, lang: str) -> str:
    """"in 3 days", "today", "3 days ago" in the page language (refreshed in the browser)."""
    delta = (first_day(day) - today).days
    if delta == 0:
        return t("site.today", lang)
    return format_timedelta(dt.timedelta(days=delta), granularity="day", threshold=400,
                            add_direction=True, locale=dates.babel_locale(lang))


@dataclass(frozen=True)
class Window:
    """The days a part of a page holds true ("Registration is open" until the event's last
    day): the page is built on one day and read on others, so the browser script shows the
    part only within its window (`data-es-from`, `data-es-until`); `hidden`: out of it on
    the build's day."""

    first: dt.date | None
    last: dt.date | None
    hidden: bool

    @classmethod
    def of(cls, first: dt.date | None, last: dt.date | None, today: dt.date) -> Window:
        return cls(first, last, (first is not None and today < first) or (last is not None and today > last))

    @classmethod
    def until(cls, day: Day, today: dt.date) -> Window:
        return cls.of(None, last_day(day), today)

    @classmethod
    def after(cls, day: Day, today: dt.date) -> Window:
        return cls.of(last_day(day) + dt.timedelta(days=1), None, today)


@dataclass(frozen=True)
class Badge:
    """A status label; `start`/`end` let the browser script keep it true after the build."""

    state: State
    label: str  # UI string key
    start: Day | Moment | None = None
    end: Day | Moment | None = None
    tentative: bool = False

    @classmethod
    def of(cls, start: Day | Moment, end: Day | Moment, status: Status, today: dt.date) -> Badge:
        state = state_of(start, end, status, today)
        if state == "cancelled":
            return cls(state, STATE_LABELS[Status.CANCELLED])
        return cls(state, STATE_LABELS[state], start, end, status == Status.TENTATIVE)


@dataclass(frozen=True)
class Action:
    """A button: where it leads and what it says (a UI string key, or a text of the data)."""

    href: str
    label: str
    primary: bool = False
    download: bool = False  # a calendar file
    external: bool = False
    hreflang: str | None = None  # the language of the page it opens, where the data says
    event_title: Text | None = None  # the event an action of several events is for
    window: Window | None = None  # the days it holds, where fewer than its block's
    in_language: str = ""  # the name of the language of the page it opens, where not the reader's


def speaking_until(event: Event) -> Day:
    """The last day requests to speak at an event are taken: its deadline for them, else
    the event's end."""
    deadline = event.deadline(event.speaking_deadline) if event.speaking_deadline else None
    return deadline.date if deadline else event.end


def speaking_window(event: Event, today: dt.date) -> Window:
    """The days requests to speak at an event are taken."""
    return Window.until(speaking_until(event), today)


@dataclass(frozen=True)
class EventCard:
    event: Event
    href: str
    badge: Badge
    venue: Text | None

    @classmethod
    def of(cls, event: Event, ctx: PageContext) -> EventCard:
        venue = ctx.site.venue(event.venue).name if event.venue else None
        return cls(event, ctx.event_url(event.id), Badge.of(event.start, event.end, event.status, ctx.today), venue)


@dataclass(frozen=True)
class DeadlineItem:
    event: Event
    deadline: Deadline
    href: str  # the event's page
    timing: Timing
    cancelled: bool
    countdown: str  # "in 3 days" while open
    exact: bool  # a day, not a month only
    sources: str  # "Source: ..." ("" without)

    @classmethod
    def of(cls, event: Event, deadline: Deadline, ctx: PageContext) -> DeadlineItem:
        return cls(event, deadline, ctx.event_url(event.id), timing(deadline.date, deadline.date, ctx.today),
                   event.status_of(deadline) == Status.CANCELLED, relative_days(deadline.date, ctx.today, ctx.lang),
                   is_exact(deadline.date), sources_line(ctx.site, deadline.sources, ctx.lang))


def deadline_items(pairs: list[tuple[Event, Deadline]] | tuple[tuple[Event, Deadline], ...],
                   ctx: PageContext) -> list[DeadlineItem]:
    return [DeadlineItem.of(event, deadline, ctx) for event, deadline in pairs]


@dataclass(frozen=True)
class SessionItem:
    session: Session
    timed: bool  # at a time of day, not all day
    span: bool  # over more than one day or time
    cancelled: bool
    shared_with: tuple[tuple[Text, str], ...]  # the other events that hold it: (title, href)
    sources: str

    @classmethod
    def of(cls, event: Event, session: Session, ctx: PageContext) -> SessionItem:
        others = tuple((ctx.site.event(id).title, ctx.event_url(id)) for id in session.events if id != event.id)
        return cls(session, isinstance(session.start, dt.datetime),
                   session.end is not None and session.end != session.start,
                   event.status_of(session) == Status.CANCELLED, others,
                   sources_line(ctx.site, session.sources, ctx.lang))


@dataclass(frozen=True)
class PersonLine:
    """Someone a document names: the name where it is spelled in the page's language, the office."""

    name: str
    role: Text

    @classmethod
    def of(cls, person: Person, lang: str) -> PersonLine:
        return cls(person.name.get(lang) if person.name else "", person.role)


@dataclass(frozen=True)
class DocumentItem:
    document: Document
    kind_label: str
    href: str | None  # its official page, where one is verified
    hreflang: str | None  # the language of that page
    in_language: str  # that language's name, where it is not the page's ("" otherwise)
    issuer: Text | None
    signatories: tuple[PersonLine, ...]

    @property
    def signed_by(self) -> str:
        """"Signed by" for one signatory or several (by the count itself: CLDR's Russian
        `one` also covers 21)."""
        return "content.signed_by.one" if len(self.signatories) == 1 else "content.signed_by.other"

    @classmethod
    def of(cls, document: Document, ctx: PageContext) -> DocumentItem:
        href, hreflang = document_link(document, ctx.lang) or (None, None)
        issuer = ctx.site.organisation(document.issuer).name if document.issuer else None
        return cls(document, DOCUMENT_KIND_LABELS[document.kind], href, hreflang,
                   other_language(hreflang, ctx.lang), issuer,
                   tuple(PersonLine.of(person, ctx.lang) for person in document.signatories))


# Symbols of documents of the United Nations' principal organs and Secretariat, which the
# UN's own resolver serves in each official language.
UN_SYMBOL = re.compile(r"^(A|S|E|T|ST)/[A-Z0-9./-]+$")


def document_link(document: Document, lang: str) -> tuple[str, str] | None:
    """(address, language of what it opens) of a document's official page, or None when it
    has no verified address: a UN symbol opens in the reader's language on undocs.org;
    otherwise the page the data gives in the reader's language, else in English, else in
    another language."""
    if document.symbol and UN_SYMBOL.match(document.symbol):
        return f"https://undocs.org/{lang}/{document.symbol}", lang
    return document.urls.get(lang) if document.urls else None


def language_name(code: str, lang: str) -> str:
    """The name of language `code` as written in `lang` ("anglais" for en in French)."""
    name: str = Locale.parse(dates.babel_locale(lang)).languages.get(code, code)
    return name


def other_language(code: str | None, lang: str) -> str:
    """The name of the language a link opens in, where it is not the reader's ("" otherwise)."""
    return language_name(code, lang) if code and code != lang else ""


def sources_line(site: Site, ids: tuple[str, ...], lang: str) -> str:
    """"Source: CL-26/17, 17 March 2026" ("" without sources)."""
    return typography.sources_text(site.sources_of(ids), lang)


@dataclass(frozen=True)
class FeedLinks:
    """The all-events and deadlines feeds: each with its download, webcal and web-calendar links."""

    events: dict[str, str]
    deadlines: dict[str, str]

    @property
    def titled(self) -> tuple[tuple[str, dict[str, str]], ...]:
        """Both, each with the key of its title."""
        return (("visitor.subscribe.events", self.events), ("visitor.subscribe.deadlines", self.deadlines))

    @classmethod
    def of(cls, ctx: PageContext) -> FeedLinks:
        links = feed_links(ctx.lang, site_url=ctx.site_url, site=ctx.site)
        return cls(links["events"], links["deadlines"])

