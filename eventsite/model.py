"""The typed model of data/events.yaml: what the validator produces and everything else reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

from eventsite.languages import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Text:
    """A text in several languages; `get` falls back to English where a translation is missing."""

    values: dict[str, str]

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values.get(DEFAULT_LANGUAGE, "")

    def lang_of(self, lang: str) -> str:
        """The language `get(lang)` actually returns (differs when it fell back)."""
        return lang if self.values.get(lang) else DEFAULT_LANGUAGE


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
Day = Union[dt.date, Month]
Moment = Union[dt.date, dt.datetime]

STATUSES = ("confirmed", "tentative", "cancelled")
EVENT_KINDS = ("forum", "summit", "dialogue", "high-level-event", "meeting", "session")
DOCUMENT_KINDS = ("resolution", "letter", "report", "outcome")
LINK_KINDS = ("registration", "information", "speaking-request", "contribution")


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
    address: Text | None = None


@dataclass(frozen=True)
class Document:
    id: str
    kind: str
    date: Day
    title: Text
    symbol: str | None = None
    issuer: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Session:
    id: str
    title: Text
    start: Moment
    end: Moment | None = None
    timezone: str | None = None
    description: Text | None = None
    status: str | None = None

    @property
    def last(self) -> Moment:
        return self.end if self.end is not None else self.start


@dataclass(frozen=True)
class Deadline:
    id: str
    date: Day
    title: Text
    description: Text | None = None
    status: str | None = None


@dataclass(frozen=True)
class Contact:
    name: Text | None = None
    role: Text | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Link:
    kind: str
    url: str
    label: Text


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    status: str
    revision: int
    updated: dt.date
    start: Day
    end: Day
    title: Text
    summary: Text
    venue: str | None = None
    description: Text | None = None
    participation: Text | None = None
    organisers: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    co_chairs: tuple[Text, ...] = ()
    sessions: tuple[Session, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    documents: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    links: tuple[Link, ...] = ()

    @property
    def is_exact(self) -> bool:
        return is_exact(self.start) and is_exact(self.end)


@dataclass(frozen=True)
class SiteInfo:
    title: Text
    description: Text
    uid_domain: str


@dataclass(frozen=True)
class Site:
    """Everything in data/events.yaml, validated and cross-referenced."""

    site: SiteInfo
    organisations: tuple[Organisation, ...] = ()
    venues: tuple[Venue, ...] = ()
    documents: tuple[Document, ...] = ()
    events: tuple[Event, ...] = ()
    index: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for group in (self.organisations, self.venues, self.documents, self.events):
            for item in group:
                self.index.setdefault(item.id, item)

    def organisation(self, id: str) -> Organisation:
        return self._get(id, Organisation)

    def venue(self, id: str) -> Venue:
        return self._get(id, Venue)

    def document(self, id: str) -> Document:
        return self._get(id, Document)

    def event(self, id: str) -> Event:
        return self._get(id, Event)

    def _get(self, id: str, kind: type) -> object:
        item = self.index[id]
        if not isinstance(item, kind):
            raise KeyError(f"{id} is a {type(item).__name__}, not a {kind.__name__}")
        return item

    def all_deadlines(self) -> list[tuple[Event, Deadline]]:
        """Every deadline with its event, earliest first."""
        pairs = [(event, deadline) for event in self.events for deadline in event.deadlines]
        return sorted(pairs, key=lambda pair: (first_day(pair[1].date), pair[1].id))
