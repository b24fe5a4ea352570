"""What every page view of one language build starts from: the site, the language, the
day, where the page lives; and the facts about the whole site, worked out once per build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from eventsite import typography
from eventsite.languages import direction
from eventsite.model import Organisation, Site
from eventsite.paths import event_path, relative_url
from eventsite.programme import Programme, build_programme
from eventsite.ui import t


@dataclass(frozen=True)
class SiteFacts:
    """What does not depend on the language or the page: worked out once per build."""

    programme: Programme
    publisher: Organisation | None  # who publishes the site, where the data says
    contact: str | None  # the site's own address, where the data gives one
    updated: dt.date | None  # the newest `updated` of the events

    @classmethod
    def of(cls, site: Site) -> SiteFacts:
        info = site.site
        return cls(build_programme(site), site.organisation(info.publisher) if info.publisher else None,
                   info.contact, max((event.updated for event in site.events), default=None))


@dataclass(frozen=True)
class Punctuation:
    """The page language's punctuation, for templates that put data between its marks."""

    lang: str

    @property
    def colon(self) -> str:
        return typography.colon(self.lang)

    @property
    def comma(self) -> str:
        return typography.comma(self.lang)

    @property
    def semicolon(self) -> str:
        return typography.semicolon(self.lang)

    @property
    def open_paren(self) -> str:
        return typography.open_paren(self.lang)

    @property
    def spaced_open_paren(self) -> str:
        return typography.open_paren_after_word(self.lang)

    @property
    def close_paren(self) -> str:
        return typography.close_paren(self.lang)


@dataclass(frozen=True)
class PageContext:
    """One page of one language build: the site, the language, the day it is built for,
    the published address and the page's own path from the site root ("fr/events/x/")."""

    site: Site
    lang: str
    today: dt.date
    site_url: str  # absolute, ending with "/"
    page_path: str = ""
    facts: SiteFacts | None = None  # given by a build that renders many pages; else worked out here
    card_image: str | None = None  # the sharing card's absolute address

    @cached_property
    def site_facts(self) -> SiteFacts:
        return self.facts or SiteFacts.of(self.site)

    @property
    def direction(self) -> str:
        return direction(self.lang)

    def url(self, path: str, lang: str | None = None) -> str:
        """A link from this page to a site path in a language, relative so that the site
        also works where it is previewed ("events/x/" from "fr/" -> "events/x/")."""
        return relative_url(f"{self.site.languages.url_prefix(lang or self.lang)}{path}", self.page_path)

    def event_url(self, event_id: str) -> str:
        return self.url(event_path(event_id))

    def absolute_url(self, path: str, lang: str | None = None) -> str:
        """The published address of a site path in a language (for feeds and search engines)."""
        return f"{self.site_url}{self.site.languages.url_prefix(lang or self.lang)}{path}"


@dataclass(frozen=True)
class PageView:
    """What every page's view has; a template receives its view as `page`."""

    template: ClassVar[str]

    ctx: PageContext

    @property
    def lang(self) -> str:
        return self.ctx.lang

    @property
    def punctuation(self) -> Punctuation:
        return Punctuation(self.ctx.lang)

    def href(self, path: str) -> str:
        """The link from this page to another page of its language ("deadlines/")."""
        return self.ctx.url(path)

    @property
    def labels(self) -> dict[str, str]:
        """What the browser script may relabel the page with, in its language."""
        return {name: t(key, self.ctx.lang) for name, key in BROWSER_LABELS.items()}


BROWSER_LABELS = {"upcoming": "site.status.upcoming", "ongoing": "site.status.ongoing", "past": "site.status.past",
                  "closed": "site.deadline.closed", "today": "site.today", "ended": "visitor.ended",
                  "hero_upcoming": "visitor.hero.upcoming", "hero_ongoing": "visitor.hero.ongoing",
                  "hero_past": "visitor.hero.past"}
