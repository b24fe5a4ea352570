"""schema.org data for search engines: an Event item per event page (JSON-LD), given only
where the data has what Google's Event rich result requires (a name, a start known to the
day, a place with an address); every other field only where the data has it.

A pure function of the site, the event, the language and the absolute addresses it needs;
the page places it in a <script> through `escaping.script_json`.
"""

from __future__ import annotations

from typing import Any

from eventsite import dates
from eventsite.model import Attendance, Event, Site, Status, in_feeds

SCHEMA_ORG = "https://schema.org/"
EVENT_STATUS = {Status.CONFIRMED: "EventScheduled", Status.TENTATIVE: "EventScheduled",
                Status.CANCELLED: "EventCancelled"}
ATTENDANCE_MODE = {Attendance.IN_PERSON: "OfflineEventAttendanceMode", Attendance.ONLINE: "OnlineEventAttendanceMode",
                   Attendance.HYBRID: "MixedEventAttendanceMode"}


def event_item(site: Site, event: Event, lang: str, *, page_url: str, image_url: str | None) -> dict[str, Any] | None:
    """The schema.org Event of an event's page in `lang`, or None when the data lacks what
    Google requires: a start known to the day, and a venue with its city and country (an
    event known only to the month, or without a venue, gets no item rather than a wrong one).

    `page_url` is the page's absolute address, `image_url` the sharing card's (or None)."""
    place = location(site, event, lang)
    if place is None or not in_feeds(event):
        return None
    item: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title.get(lang),
        "description": event.summary.get(lang),
        "startDate": dates.iso(event.start),
        "endDate": dates.iso(event.end),
        "eventStatus": SCHEMA_ORG + EVENT_STATUS[event.status],
        "location": place,
        "inLanguage": lang,
        "url": page_url,
    }
    if event.attendance:
        item["eventAttendanceMode"] = SCHEMA_ORG + ATTENDANCE_MODE[event.attendance]
    if image_url:
        item["image"] = [image_url]
    organisers = [site.organisation(id) for id in event.organisers]
    if organisers:
        item["organizer"] = [{"@type": "Organization", "name": org.name.get(lang)} for org in organisers]
    return item


def location(site: Site, event: Event, lang: str) -> dict[str, Any] | None:
    """The event's venue as a Place with a PostalAddress of its city and country code, or
    None without a venue or without both (the data gives no street: none is made up)."""
    if not event.venue:
        return None
    venue = site.venue(event.venue)
    if venue.locality is None or venue.country is None:
        return None
    return {"@type": "Place", "name": venue.name.get(lang),
            "address": {"@type": "PostalAddress", "addressLocality": venue.locality.get(lang),
                        "addressCountry": venue.country}}
