"""The typed model of data/events.yaml: what the validator produces and everything else reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

from eventsite.languages import UN_LANGUAGES, Languages


@dataclass(frozen=True)
class Text:
    """A text in several languages; `get` falls back to the site's default language
    (`fallback`) where a translation is missing."""

    values: dict[str, str]
    fallback: str

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values.get(self.fallback, "")

    def lang_of(self, lang: str) -> str:
        """The language `get(lang)` actually returns (differs when it fell back)."""
        return lang if self.values.get(lang) else self.fallback


@dataclass(frozen=True)
class Name:
    """A name in the scripts a document spells it in: shown only in those languages, never
    transliterated and never replaced by another language's spelling."""

    values: dict[str, str]

    def get(self, lang: str) -> str:
        return self.values.get(lang, "")

    def lang_of(self, lang: str) -> str:
        return lang


@dataclass(frozen=True)
class PageLinks:
    """The address of a document's official page in each language where one exists and was
    verified (data/document-links.yaml records the evidence)."""

    values: dict[str, str]
    order: tuple[str, ...]  # the site's default language, then its languages in order

    def get(self, lang: str) -> tuple[str, str] | None:
        """(address, language of that page): the page in `lang`, else the default language's,
        else the first in the site's language order; None when there is none."""
        for candidate in (lang, *self.order):
            if candidate in self.values:
                return self.values[candidate], candidate
        return None


@dataclass(frozen=True, order=True)
class Month:
    """A date known only to the month ("March 2026"): never shown or used as an exact day."""

    year: int
    month: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


# A day, a month only, or (for sessions) an aware date-time.
Day = dt.date | Month
Moment = dt.date | dt.datetime
T = TypeVar("T")



class Status(StrEnum):
    """What the organisers say of an event, a session or a deadline."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class Timing(StrEnum):
    """Where something stands on a given day."""

    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    PAST = "past"


class EventKind(StrEnum):
    FORUM = "forum"
    SUMMIT = "summit"
    DIALOGUE = "dialogue"
    HIGH_LEVEL_EVENT = "high-level-event"
    MEETING = "meeting"
    SESSION = "session"


class DocumentKind(StrEnum):
    RESOLUTION = "resolution"
    LETTER = "letter"
    REPORT = "report"
    OUTCOME = "outcome"


class LinkKind(StrEnum):
    """What a link lets a visitor do, the most important first (the order of the actions)."""

    REGISTRATION = "registration"
    SPEAKING_REQUEST = "speaking-request"
    CONTRIBUTION = "contribution"
    INFORMATION = "information"


class RoleKind(StrEnum):
    """How an organisation stands to an event, as the documents word it."""

    ORGANISER = "organiser"
    HOST = "host"
    CO_HOST = "co-host"
    CO_ORGANISER = "co-organiser"
    CO_CONVENER = "co-convener"
    JOINT_SECRETARIAT = "joint-secretariat"
    CO_FACILITATOR = "co-facilitator"
    CO_CHAIR = "co-chair"
    PARTNER = "partner"


class Attendance(StrEnum):
    """How people take part, where the documents say it (schema.org eventAttendanceMode)."""

    IN_PERSON = "in-person"
    ONLINE = "online"
    HYBRID = "hybrid"


# The combined calendar feeds (calendar/all.ics, calendar/deadlines.ics): no event may
# take one of their names as its id, or its own feed would overwrite them.
ALL_FEED = "all"
DEADLINES_FEED = "deadlines"
FEED_NAMES = (ALL_FEED, DEADLINES_FEED)


def first_day(day: Day | Moment) -> dt.date:
    """The earliest calendar day a value may stand for."""
    if isinstance(day, Month):
        return day.first_day()
    if isinstance(day, dt.datetime):
        return day.date()
    return day


def last_day(day: Day | Moment) -> dt.date:
    """The latest calendar day a value may stand for."""
    if isinstance(day, Month):
        return day.last_day()
    if isinstance(day, dt.datetime):
        return day.date()
    return day


def is_exact(day: Day | Moment) -> bool:
    """True for a real day or date-time, False for a month-only value."""
    return not isinstance(day, Month)


def in_feeds(item: Event | Session | Deadline) -> bool:
    """Exact enough for a calendar: False for items known only to the month, which a feed
    would have to show on a made-up day."""
    first, last = span(item)
    return is_exact(first) and is_exact(last)


def span(item: Event | Session | Deadline) -> tuple[Day | Moment, Day | Moment]:
    """The first and last day (or moment) of an event, a session or a deadline."""
    if isinstance(item, Deadline):
        return item.date, item.date
    if isinstance(item, Session):
        return item.start, item.last
    return item.start, item.end


def timing(start: Day | Moment, end: Day | Moment, today: dt.date) -> Timing:
    """Where a span stands on `today` (a month-only value counts as the whole month)."""
    if today < first_day(start):
        return Timing.UPCOMING
    if today > last_day(end):
        return Timing.PAST
    return Timing.ONGOING


@dataclass(frozen=True)
class Organisation:
    id: str
    name: Text
    abbreviation: Text | None = None


@dataclass(frozen=True)
class Venue:
    id: str
    name: Text
    timezone: str
    address: Text | None = None  # as the documents write it, for pages and calendars
    locality: Text | None = None  # the city alone (schema.org addressLocality)
    country: str | None = None  # ISO 3166-1 alpha-2 code (schema.org addressCountry)


@dataclass(frozen=True)
class Person:
    """Someone a document names by office, with the name only where the document spells it."""

    role: Text
    name: Name | None = None


@dataclass(frozen=True)
class Document:
    id: str
    kind: DocumentKind
    title: Text
    date: Day | None = None  # None: the document is undated
    symbol: str | None = None
    issuer: str | None = None
    urls: PageLinks | None = None  # official pages by language, where verified
    signatories: tuple[Person, ...] = ()


@dataclass(frozen=True)
class Session:
    id: str
    title: Text
    start: Moment
    end: Moment | None = None
    timezone: str | None = None
    description: Text | None = None
    status: Status | None = None
    sources: tuple[str, ...] = ()
    events: tuple[str, ...] = ()  # for an item shared by several events: their ids

    @property
    def shared(self) -> bool:
        return len(self.events) > 1

    @property
    def last(self) -> Moment:
        return self.end if self.end is not None else self.start


@dataclass(frozen=True)
class Deadline:
    id: str
    date: Day
    title: Text
    description: Text | None = None
    status: Status | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    name: Name | None = None
    role: Text | None = None
    email: str | None = None
    phone: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    """Organisations in one role towards an event ("co-organiser": UNESCO, UNDP, UNCTAD)."""

    role: RoleKind
    organisations: tuple[str, ...]
    note: Text | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    url: str
    label: Text
    language: str | None = None  # the language of the page it opens, where the data says (e.g. "en")


@dataclass(frozen=True)
class Event:
    id: str
    kind: EventKind
    status: Status
    revision: int
    updated: dt.date
    start: Day
    end: Day
    title: Text
    summary: Text
    venue: str | None = None
    description: Text | None = None
    participation: Text | None = None  # who may take part
    registration: Text | None = None  # how to register
    speaking: Text | None = None  # how to request to speak
    speaking_deadline: str | None = None  # the id of the deadline for requests to speak
    attendance: Attendance | None = None  # where the documents say how people take part
    roles: tuple[Role, ...] = ()
    people: tuple[Person, ...] = ()  # chairs, vice-chairs and the like
    sessions: tuple[Session, ...] = ()  # after validation: also the shared items naming this event
    deadlines: tuple[Deadline, ...] = ()
    documents: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    links: tuple[Link, ...] = ()
    sources: tuple[str, ...] = ()

    def status_of(self, item: Session | Deadline) -> Status:
        """What subscribers and readers are told of a session or deadline: its own status,
        else its event's."""
        return item.status or self.status

    def with_role(self, *roles: RoleKind) -> tuple[str, ...]:
        """Ids of the organisations in any of `roles`, in data order, each once."""
        ids = [id for role in self.roles if role.role in roles for id in role.organisations]
        return tuple(dict.fromkeys(ids))

    @property
    def organisers(self) -> tuple[str, ...]:
        """Who organises or hosts the event (schema.org `organizer`)."""
        return self.with_role(RoleKind.ORGANISER, RoleKind.HOST, RoleKind.CO_HOST, RoleKind.CO_ORGANISER)

    def deadline(self, id: str) -> Deadline:
        return next(deadline for deadline in self.deadlines if deadline.id == id)

    def link(self, kind: LinkKind) -> Link | None:
        return next((link for link in self.links if link.kind == kind), None)


@dataclass(frozen=True)
class SiteInfo:
    title: Text
    description: Text
    uid_domain: str
    publisher: str | None = None  # the organisation that publishes the site, where the data says
    contact: str | None = None  # the site's own contact address, where the data gives one
    languages: tuple[str, ...] = UN_LANGUAGES.codes  # CLDR codes, in the language bar's order
    default_language: str = UN_LANGUAGES.default  # built at the site root (the first language if
    # the data names languages but not this one: schema.SITE_INFO)

    @property
    def language_set(self) -> Languages:
        return Languages(self.languages, self.default_language)


@dataclass(frozen=True)
class Site:
    """Everything in data/events.yaml, validated and cross-referenced."""

    site: SiteInfo
    organisations: tuple[Organisation, ...] = ()
    venues: tuple[Venue, ...] = ()
    documents: tuple[Document, ...] = ()
    events: tuple[Event, ...] = ()
    sessions: tuple[Session, ...] = ()  # items shared by several events

    @property
    def languages(self) -> Languages:
        """The site's languages (`site.languages` in the data file)."""
        return self.site.language_set

    @cached_property
    def index(self) -> dict[str, object]:
        """Every organisation, venue, document, event and shared item by id (the first, if one
        repeats). Derived, so that a site made with dataclasses.replace never keeps a stale one."""
        found: dict[str, object] = {}
        for group in (self.organisations, self.venues, self.documents, self.events, self.sessions):
            for item in group:
                found.setdefault(item.id, item)
        return found

    def organisation(self, id: str) -> Organisation:
        return self._get(id, Organisation)

    def venue(self, id: str) -> Venue:
        return self._get(id, Venue)

    def document(self, id: str) -> Document:
        return self._get(id, Document)

    def event(self, id: str) -> Event:
        return self._get(id, Event)

    def sources_of(self, ids: tuple[str, ...]) -> list[Document]:
        return [self.document(id) for id in ids]

    def _get(self, id: str, kind: type[T]) -> T:
        item = self.index[id]
        if not isinstance(item, kind):
            raise KeyError(f"{id} is a {type(item).__name__}, not a {kind.__name__}")
        return item

    def all_deadlines(self) -> list[tuple[Event, Deadline]]:
        """Every deadline with its event, earliest first."""
        pairs = [(event, deadline) for event in self.events for deadline in event.deadlines]
        return sorted(pairs, key=lambda pair: (first_day(pair[1].date), pair[1].id))
