"""The schema of data/events.yaml, declared once and used twice: to check the file and
build the model (`SITE.convert`), and to export JSON Schema for editors' YAML tools
(data/events.schema.json)."""

from __future__ import annotations

from typing import Any

from eventsite import model
from eventsite.yamltypes import (
    HOST_PATTERN,
    EMAIL, INVALID, TIMEZONE, URL, Enum, Field, Id, Int, LocalText, Record, Ref, Str, Walk, When, tuple_of,
)

__all__ = ["INVALID", "SITE", "Walk", "json_schema"]

TEXTS = LocalText()
STATUS = Enum(values=model.STATUSES)

ORGANISATION = Record(model.Organisation, {
    "id": Field(Id(kind=model.Organisation)),
    "name": Field(TEXTS),
    "abbreviation": Field(TEXTS, required=False),
})

VENUE = Record(model.Venue, {
    "id": Field(Id(kind=model.Venue)),
    "name": Field(TEXTS),
    "address": Field(TEXTS, required=False),
    "timezone": Field(TIMEZONE, description="IANA time zone of the venue, e.g. Europe/Zurich"),
})

DOCUMENT = Record(model.Document, {
    "id": Field(Id(kind=model.Document)),
    "kind": Field(Enum(values=model.DOCUMENT_KINDS)),
    "date": Field(When(months=True)),
    "title": Field(TEXTS),
    "symbol": Field(Str(expected="a document symbol like A/RES/79/325"), required=False),
    "issuer": Field(Ref(kind=model.Organisation), required=False),
    "url": Field(URL, required=False),
})

SESSION = Record(model.Session, {
    "id": Field(Id(kind=model.Session)),
    "title": Field(TEXTS),
    "start": Field(When(times=True)),
    "end": Field(When(times=True), required=False, description="defaults to start"),
    "timezone": Field(TIMEZONE, required=False,
                      description="time zone of a start or end with a time of day; defaults to the venue's"),
    "description": Field(TEXTS, required=False),
    "status": Field(STATUS, required=False, description="defaults to the event's status"),
})

DEADLINE = Record(model.Deadline, {
    "id": Field(Id(kind=model.Deadline)),
    "date": Field(When(months=True)),
    "title": Field(TEXTS),
    "description": Field(TEXTS, required=False),
    "status": Field(STATUS, required=False, description="defaults to the event's status"),
})

CONTACT = Record(model.Contact, {
    "name": Field(TEXTS, required=False),
    "role": Field(TEXTS, required=False),
    "email": Field(EMAIL, required=False),
    "phone": Field(Str(pattern=r"^\+?[0-9 ()-]{6,}$", expected='a phone number in quotes, like "+41 22 730 6240"'),
                   required=False),
})

LINK = Record(model.Link, {
    "kind": Field(Enum(values=model.LINK_KINDS)),
    "url": Field(URL),
    "label": Field(TEXTS),
})

EVENT = Record(model.Event, {
    "id": Field(Id(kind=model.Event, reserved=model.FEED_NAMES),
                description="becomes the page URL and the calendar UID: never change it"),
    "kind": Field(Enum(values=model.EVENT_KINDS)),
    "status": Field(STATUS),
    "revision": Field(Int(), description="raise by one whenever a published event changes (calendar SEQUENCE)"),
    "updated": Field(When(), description="the day this event's data last changed (calendar LAST-MODIFIED)"),
    "start": Field(When(months=True)),
    "end": Field(When(months=True)),
    "title": Field(TEXTS),
    "summary": Field(TEXTS),
    "venue": Field(Ref(kind=model.Venue), required=False),
    "description": Field(TEXTS, required=False),
    "participation": Field(TEXTS, required=False),
    "organisers": Field(tuple_of(Ref(kind=model.Organisation)), required=False),
    "hosts": Field(tuple_of(Ref(kind=model.Organisation)), required=False),
    "partners": Field(tuple_of(Ref(kind=model.Organisation)), required=False),
    "co_chairs": Field(tuple_of(TEXTS), required=False),
    "sessions": Field(tuple_of(SESSION), required=False),
    "deadlines": Field(tuple_of(DEADLINE), required=False),
    "documents": Field(tuple_of(Ref(kind=model.Document)), required=False),
    "contacts": Field(tuple_of(CONTACT), required=False),
    "links": Field(tuple_of(LINK), required=False),
})

SITE_INFO = Record(model.SiteInfo, {
    "title": Field(TEXTS),
    "description": Field(TEXTS),
    "uid_domain": Field(Str(pattern=HOST_PATTERN, expected="a domain name like events.example.org", max_length=253),
                        description="the domain in every calendar entry's UID (id@domain); never change it "
                        "once published, or subscribers get every entry twice"),
})

SITE = Record(model.Site, {
    "site": Field(SITE_INFO),
    "organisations": Field(tuple_of(ORGANISATION), required=False),
    "venues": Field(tuple_of(VENUE), required=False),
    "documents": Field(tuple_of(DOCUMENT), required=False),
    "events": Field(tuple_of(EVENT)),
}, stand_ins={"site": model.SiteInfo(model.Text({}), model.Text({}), ""), "organisations": (),
              "venues": (), "documents": (), "events": ()})


def json_schema() -> dict[str, Any]:
    """The schema of data/events.yaml as JSON Schema (draft 2020-12), for editors' tools."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Event data for the event site (data/events.yaml)",
        **SITE.json_schema(),
    }
