"""An event's page, ordered for a delegate: when, where and its state; what to do; what
it is; its programme; who may take part; contacts; documents and sources; calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Literal
from urllib.parse import quote

from markupsafe import Markup

from eventsite import escaping, structured_data, typography
from eventsite.calendar_links import add_to_calendar_links
from eventsite.model import Contact, Event, Link, LinkKind, Role, RoleKind, Text, Venue, in_feeds
from eventsite.paths import event_path
from eventsite.views.context import PageContext, PageView
from eventsite.views.items import (
    Action,
    Badge,
    DeadlineItem,
    DocumentItem,
    PersonLine,
    SessionItem,
    Window,
    other_language,
    sources_line,
    speaking_until,
    speaking_window,
)

ROLE_LABELS: dict[RoleKind, str] = {
    RoleKind.ORGANISER: "content.role.organiser",
    RoleKind.HOST: "content.role.host",
    RoleKind.CO_HOST: "content.role.co-host",
    RoleKind.CO_ORGANISER: "content.role.co-organiser",
    RoleKind.CO_CONVENER: "content.role.co-convener",
    RoleKind.JOINT_SECRETARIAT: "content.role.joint-secretariat",
    RoleKind.CO_FACILITATOR: "content.role.co-facilitator",
    RoleKind.CO_CHAIR: "content.role.co-chair",
    RoleKind.PARTNER: "content.role.partner",
}


@dataclass(frozen=True)
class RoleView:
    label: str  # UI string key
    organisations: tuple[Text, ...]
    note: Text | None
    sources: str

    @classmethod
    def of(cls, role: Role, ctx: PageContext) -> RoleView:
        names = tuple(ctx.site.organisation(id).name for id in role.organisations)
        return cls(ROLE_LABELS[role.role], names, role.note, sources_line(ctx.site, role.sources, ctx.lang))


@dataclass(frozen=True)
class ContactView:
    name: str  # only where a document spells it in the page's language
    role: Text | None
    email: str | None
    phone: str | None  # as shown, with no-break spaces
    phone_href: str | None
    sources: str

    @classmethod
    def of(cls, contact: Contact, ctx: PageContext) -> ContactView:
        phone = contact.phone
        return cls(contact.name.get(ctx.lang) if contact.name else "", contact.role, contact.email,
                   phone.replace(" ", "\u00a0") if phone else None,
                   "tel:" + phone.replace(" ", "") if phone else None,
                   sources_line(ctx.site, contact.sources, ctx.lang))


@dataclass(frozen=True)
class LinkView:
    link: Link
    address: str  # shown beside the label, without its scheme
    in_language: str  # the name of the language of the page it opens, where not the reader's ("" otherwise)

    @classmethod
    def of(cls, link: Link, lang: str) -> LinkView:
        return cls(link, link.url.replace("https://", "").replace("mailto:", ""), other_language(link.language, lang))


@dataclass(frozen=True)
class Notice:
    """A line on the event's state that holds on some days only ("Registration is open.")."""

    label: str  # UI string key
    state: Literal["open", "past"]
    window: Window


@dataclass(frozen=True)
class EventView(PageView):
    template: ClassVar[str] = "event.html"

    event: Event
    badge: Badge
    exact: bool  # known to the day (in the calendar feeds)
    venue: Venue | None
    map_href: str | None
    times_note: bool  # some session has a time of day: say in which zone
    notices: tuple[Notice, ...]
    actions: tuple[Action, ...]  # while it has not ended nor been cancelled
    actions_window: Window  # the actions hold until the event's last day
    roles: tuple[RoleView, ...]
    people: tuple[PersonLine, ...]
    sessions: tuple[SessionItem, ...]
    deadlines: tuple[DeadlineItem, ...]
    take_part: bool  # the page says who may take part, how to register or to speak
    registration: Text | None  # how to register, while that can still be done
    registration_link: LinkView | None
    speaking: Text | None  # how to request to speak, while the event is to come
    speaking_window: Window  # while requests to speak are taken
    speaking_closed: Window  # from the day after the deadline for requests to speak
    contacts: tuple[ContactView, ...]
    documents: tuple[DocumentItem, ...]
    sources: str
    links: tuple[LinkView, ...]
    calendar: dict[str, str]  # see calendar_links.add_to_calendar_links
    json_ld: Markup | None  # the schema.org Event for search engines, where the data has what they need


def event_view(event: Event, ctx: PageContext) -> EventView:
    """Every decision of an event's page, on the page's day, with the window of days each
    date-dependent part holds (the browser script keeps them true on later days)."""
    site, lang, today = ctx.site, ctx.lang, ctx.today
    venue = site.venue(event.venue) if event.venue else None
    badge = Badge.of(event.start, event.end, event.status, today)
    active = badge.state not in ("past", "cancelled")
    registration = event.link(LinkKind.REGISTRATION)
    speaking = speaking_window(event, today)
    notices: list[Notice] = []
    if active and registration:
        notices.append(Notice("content.registration_open", "open", Window.until(event.end, today)))
    if badge.state != "cancelled":
        notices.append(Notice("content.ended", "past", Window.after(event.end, today)))
    take_part = bool(event.participation or event.registration or event.speaking)
    return EventView(
        ctx=ctx, event=event, badge=badge, exact=in_feeds(event), venue=venue,
        map_href=map_link(venue) if venue and venue.address else None,
        times_note=venue is not None and any(isinstance(session.start, dt.datetime) for session in event.sessions),
        notices=tuple(notices),
        actions=event_actions(event, ctx, take_part, speaking) if active else (),
        actions_window=Window.until(event.end, today),
        roles=tuple(RoleView.of(role, ctx) for role in event.roles),
        people=tuple(PersonLine.of(person, lang) for person in event.people),
        sessions=tuple(SessionItem.of(event, session, ctx) for session in event.sessions),
        deadlines=tuple(DeadlineItem.of(event, deadline, ctx) for deadline in event.deadlines),
        take_part=take_part,
        registration=event.registration if active else None,
        registration_link=LinkView.of(registration, lang) if active and registration and event.registration else None,
        speaking=event.speaking if active else None,
        speaking_window=speaking,
        speaking_closed=Window.after(speaking_until(event), today),
        contacts=tuple(ContactView.of(contact, ctx) for contact in event.contacts),
        documents=tuple(DocumentItem.of(site.document(id), ctx) for id in event.documents),
        sources=sources_line(site, event.sources, lang),
        links=tuple(LinkView.of(link, lang) for link in event.links),
        calendar=add_to_calendar_links(event, lang, site_url=ctx.site_url, site=site),
        json_ld=json_ld(event, ctx),
    )


def event_actions(event: Event, ctx: PageContext, take_part: bool, speaking: Window) -> tuple[Action, ...]:
    """What a visitor can do about an event still to come, the most important first; the
    first link to the organisers' own channel (registration, else a request to speak) is
    the primary one."""
    actions = []
    if take_part:
        actions.append(Action("#participation", "content.action.take_part"))
    registration = event.link(LinkKind.REGISTRATION)
    if registration:
        actions.append(Action(registration.url, "content.action.register", primary=True, external=True,
                              hreflang=registration.language,
                              in_language=other_language(registration.language, ctx.lang)))
    speaking_link = event.link(LinkKind.SPEAKING_REQUEST)
    if event.speaking and not speaking.hidden:
        if speaking_link:
            actions.append(Action(speaking_link.url, "content.action.speak", primary=not registration, external=True,
                                  hreflang=speaking_link.language, window=speaking,
                                  in_language=other_language(speaking_link.language, ctx.lang)))
        else:
            actions.append(Action("#speaking", "content.action.speak", window=speaking))
    contribution = event.link(LinkKind.CONTRIBUTION)
    if contribution:
        actions.append(Action(contribution.url, "content.action.contribute", external=True,
                              hreflang=contribution.language,
                              in_language=other_language(contribution.language, ctx.lang)))
    if in_feeds(event):
        calendar = add_to_calendar_links(event, ctx.lang, site_url=ctx.site_url, site=ctx.site)
        actions.append(Action(calendar["download"], "content.action.calendar", download=True))
    return tuple(actions)


def map_link(venue: Venue) -> str:
    """A link to the venue on OpenStreetMap, by its name and address (a link only: the page
    loads nothing from it)."""
    place = typography.comma("en").join(part for part in (venue.name.get("en"),
                                                          venue.address.get("en") if venue.address else "") if part)
    return "https://www.openstreetmap.org/search?query=" + quote(place)


def json_ld(event: Event, ctx: PageContext) -> Markup | None:
    """The page's schema.org Event, ready for its <script> (None: the data lacks what Google requires)."""
    item = structured_data.event_item(ctx.site, event, ctx.lang, page_url=ctx.absolute_url(event_path(event.id)),
                                      image_url=ctx.card_image)
    return Markup(escaping.script_json(item, indent=2, sort_keys=True)) if item else None
