"""The schema of data/events.yaml, declared once and used twice: to check the file and
build the model (`SITE.convert`), and to export JSON Schema for editors' YAML tools
(data/events.schema.json)."""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from eventsite import model
from eventsite.languages import UN_LANGUAGES, LanguageError, Languages
from eventsite.problems import describe
from eventsite.yamltypes import (
    EMAIL,
    HOST_PATTERN,
    INVALID,
    SCHEMA_LANGUAGES,
    TEXT,
    TIMEZONE,
    URL,
    Country,
    Enum,
    Field,
    Id,
    Int,
    LanguageCode,
    LocalText,
    Record,
    Ref,
    Str,
    Type,
    Walk,
    When,
    found_node,
    schema_languages,
    tuple_of,
    unique_pairs,
)

__all__ = ["INVALID", "SITE", "Walk", "json_schema"]

TEXTS = LocalText()
STATUS = Enum(kind=model.Status)


def language_pairs(node: yaml.MappingNode, path: str, walk: Walk) -> list[tuple[str, str, yaml.Node]]:
    """(language, path, value node) for each key of a mapping keyed by language code; an
    unknown code is a problem (and is left out)."""
    pairs = []
    for key_node, value_node in unique_pairs(node, path, walk):
        lang_path = f"{path}.{key_node.value}"
        walk.at(value_node, lang_path)
        if key_node.value not in walk.languages:
            walk.error(key_node, lang_path, "unknown language code", "one of " + ", ".join(walk.languages),
                       describe(key_node.value))
            continue
        pairs.append((key_node.value, lang_path, value_node))
    return pairs


class SpelledName(Type):
    """A name in the languages where its spelling is known, and only those: `{ar: ...}` when a
    letter gives it in Arabic script only and no official text spells it in another language
    (no other language falls back to it; data/terminology.yaml records each spelling's source)."""

    expected = "a name in the languages the document spells it in, like {ar: ...} or {en: ..., fr: ...}"

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return walk.error(node, path, "wrong type", self.expected, found_node(node))
        values: dict[str, str] = {}
        for lang, lang_path, value_node in language_pairs(node, path, walk):
            text = TEXT.convert(value_node, lang_path, walk)
            if text is not INVALID:
                values[lang] = text
        if not values and not walk_has_error_at(walk, path):
            return walk.error(node, path, "empty name: give it in the script the document uses, or remove the key",
                              self.expected, "no language")
        return model.Name(values) if values else INVALID

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": {lang: {"type": "string", "minLength": 1} for lang in SCHEMA_LANGUAGES.get()},
        }


class PageAddresses(Type):
    """A document's official web page in each language that has one: `{en: https://..., fr: ...}`.
    Give only addresses verified on the publisher's own pages (data/document-links.yaml)."""

    expected = "the document's web page in each language that has one, like {en: https://..., fr: https://...}"

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return walk.error(node, path, "wrong type", self.expected, found_node(node))
        values: dict[str, str] = {}
        for lang, lang_path, value_node in language_pairs(node, path, walk):
            address = URL.convert(value_node, lang_path, walk)
            if address is INVALID:
                continue
            if address.startswith("mailto:"):
                walk.error(value_node, lang_path, "a document's page is a web address, not an e-mail address",
                           "a link starting with https:// or http://", describe(address))
                continue
            values[lang] = address
        if not values and not walk_has_error_at(walk, path):
            return walk.error(node, path, "no address: give the page in at least one language, or remove the key",
                              self.expected, "no language")
        languages = walk.languages
        return model.PageLinks(values, (languages.default, *languages)) if values else INVALID

    def json_schema(self) -> dict[str, Any]:
        web = {**URL.json_schema(), "pattern": r'^https?://[A-Za-z0-9.-]+(:[0-9]+)?([/?#][^\s<>"{}|^`\\]*)?$'}
        return {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": dict.fromkeys(SCHEMA_LANGUAGES.get(), web),
        }


def walk_has_error_at(walk: Walk, path: str) -> bool:
    return any(problem.path.startswith(path) for problem in walk.problems)


SOURCES = Field(tuple_of(Ref(kind=model.Document)), required=False,
                description="ids of the documents these facts come from (shown as 'Source: ...')")

PERSON = Record(model.Person, {
    "role": Field(TEXTS, description="the office, as the document gives it, in every language of the site"),
    "name": Field(SpelledName(), required=False,
                  description="only in the languages whose spelling a document or an official page gives "
                  "(data/terminology.yaml, people): never transliterate"),
})

ORGANISATION = Record(model.Organisation, {
    "id": Field(Id(kind=model.Organisation)),
    "name": Field(TEXTS),
    "abbreviation": Field(TEXTS, required=False),
})

VENUE = Record(model.Venue, {
    "id": Field(Id(kind=model.Venue)),
    "name": Field(TEXTS),
    "address": Field(TEXTS, required=False, description="as the documents write it; shown on pages and in calendars"),
    "locality": Field(TEXTS, required=False, description="the city alone, e.g. Geneva (for search engines)"),
    "country": Field(Country(), required=False, description="ISO 3166-1 alpha-2 code, e.g. CH (for search engines)"),
    "timezone": Field(TIMEZONE, description="IANA time zone of the venue, e.g. Europe/Zurich"),
})

DOCUMENT = Record(model.Document, {
    "id": Field(Id(kind=model.Document)),
    "kind": Field(Enum(kind=model.DocumentKind)),
    "date": Field(When(months=True), required=False, description="leave out for an undated document"),
    "title": Field(TEXTS),
    "symbol": Field(Str(expected="a document symbol like A/RES/79/325"), required=False),
    "issuer": Field(Ref(kind=model.Organisation), required=False),
    "urls": Field(PageAddresses(), required=False,
                  description="the document's official page by language, only where verified "
                  "(UN symbols need none: they open on undocs.org)"),
    "signatories": Field(tuple_of(PERSON), required=False),
})

# A session at a time of day states its end (checks.check_session_end).
SESSION_END_RULE = {"if": {"properties": {"start": {"pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]"}},
                           "required": ["start"]},
                    "then": {"required": ["end"]}}

SESSION = Record(model.Session, {
    "id": Field(Id(kind=model.Session)),
    "title": Field(TEXTS),
    "start": Field(When(times=True)),
    "end": Field(When(times=True), required=False,
                 description="the last day (defaults to start); required with a time of day"),
    "timezone": Field(TIMEZONE, required=False,
                      description="time zone of a start or end with a time of day; defaults to the venue's"),
    "description": Field(TEXTS, required=False),
    "status": Field(STATUS, required=False, description="defaults to the event's status"),
    "sources": SOURCES,
}, json_rule=SESSION_END_RULE)

# An item shared by several events (a joint opening ceremony): one entry, one calendar UID,
# shown on the page of each event it names.
SHARED_SESSION = Record(model.Session, {
    **SESSION.fields,
    "events": Field(tuple_of(Ref(kind=model.Event)), description="the ids of the events that share it"),
}, json_rule=SESSION_END_RULE)

DEADLINE = Record(model.Deadline, {
    "id": Field(Id(kind=model.Deadline)),
    "date": Field(When(months=True)),
    "title": Field(TEXTS),
    "description": Field(TEXTS, required=False),
    "status": Field(STATUS, required=False, description="defaults to the event's status"),
    "sources": SOURCES,
})

CONTACT = Record(model.Contact, {
    "name": Field(SpelledName(), required=False,
                  description="only in the languages whose spelling a document or an official page gives "
                  "(data/terminology.yaml, people): never transliterate"),
    "role": Field(TEXTS, required=False),
    "email": Field(EMAIL, required=False),
    "phone": Field(Str(pattern=r"^\+?[0-9 ()-]{6,}$", expected='a phone number in quotes, like "+41 22 730 6240"'),
                   required=False),
    "sources": SOURCES,
})

ROLE = Record(model.Role, {
    "role": Field(Enum(kind=model.RoleKind)),
    "organisations": Field(tuple_of(Ref(kind=model.Organisation))),
    "note": Field(TEXTS, required=False, description="what the document says of this role, e.g. who the co-chairs are"),
    "sources": SOURCES,
})

LINK = Record(model.Link, {
    "kind": Field(Enum(kind=model.LinkKind)),
    "url": Field(URL),
    "label": Field(TEXTS),
    "language": Field(Str(pattern=r"^[a-z]{2,3}$", expected='a language code like "en"', max_length=3),
                      required=False,
                      description="the language of the page it opens, when it is in one language only (e.g. en): "
                      "the page says so to readers of the others"),
})

EVENT = Record(model.Event, {
    "id": Field(Id(kind=model.Event, reserved=model.FEED_NAMES),
                description="becomes the page URL and the calendar UID: never change it"),
    "kind": Field(Enum(kind=model.EventKind)),
    "status": Field(STATUS),
    "revision": Field(Int(), description="raise by one whenever a published event changes (calendar SEQUENCE)"),
    "updated": Field(When(), description="the day this event's data last changed (calendar LAST-MODIFIED)"),
    "start": Field(When(months=True)),
    "end": Field(When(months=True)),
    "title": Field(TEXTS),
    "summary": Field(TEXTS),
    "venue": Field(Ref(kind=model.Venue), required=False),
    "description": Field(TEXTS, required=False),
    "participation": Field(TEXTS, required=False, description="who may take part, as the documents say"),
    "registration": Field(TEXTS, required=False, description="how to register, as the documents say"),
    "speaking": Field(TEXTS, required=False, description="how to request to speak, as the documents say"),
    "speaking_deadline": Field(Ref(kind=model.Deadline), required=False,
                               description="the id of this event's deadline for requests to speak"),
    "attendance": Field(Enum(kind=model.Attendance), required=False,
                        description="how people take part, only where the documents say it"),
    "roles": Field(tuple_of(ROLE), required=False),
    "people": Field(tuple_of(PERSON), required=False, description="chairs, vice-chairs and the like"),
    "sessions": Field(tuple_of(SESSION), required=False),
    "deadlines": Field(tuple_of(DEADLINE), required=False),
    "documents": Field(tuple_of(Ref(kind=model.Document)), required=False),
    "contacts": Field(tuple_of(CONTACT), required=False),
    "links": Field(tuple_of(LINK), required=False),
    "sources": SOURCES,
})

class SiteInfoRecord(Record):
    """The `site:` block, whose `languages` and `default_language` are checked as a set."""

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        info = super().convert(node, path, walk)
        if info is INVALID or not isinstance(node, yaml.MappingNode):
            return info
        given = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
        if "languages" in given and "default_language" not in given:
            info = dataclasses.replace(info, default_language=info.languages[0])
        codes = info.languages
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            return walk.error(given["languages"], f"{path}.languages", "a language is given twice",
                              "each language once", ", ".join(repeated))
        if info.default_language not in codes:
            where = given.get("default_language", node)
            return walk.error(where, f"{path}.default_language", "not one of the site's languages",
                              "one of " + ", ".join(codes), describe(info.default_language))
        return info


SITE_INFO = SiteInfoRecord(model.SiteInfo, {
    "title": Field(TEXTS),
    "description": Field(TEXTS),
    "uid_domain": Field(Str(pattern=HOST_PATTERN, expected="a domain name like events.example.org", max_length=253),
                        description="the domain in every calendar entry's UID (id@domain); never change it "
                        "once published, or subscribers get every entry twice"),
    "publisher": Field(Ref(kind=model.Organisation), required=False,
                       description="the organisation that publishes this site (the footer names it); leave it out "
                       "unless a document or the owner says who it is"),
    "contact": Field(EMAIL, required=False, description="the site's own contact address (the footer gives it); "
                     "a meeting's contacts go under that event"),
    "languages": Field(tuple_of(LanguageCode()), required=False,
                       description="the site's languages as CLDR locale codes, in the order of the language bar "
                       "(default: ar, zh, en, fr, ru, es); every text needs each of them"),
    "default_language": Field(LanguageCode(), required=False,
                              description="the language at the site root, which texts fall back to "
                              "(default: the first of languages)"),
})

class SiteRecord(Record):
    """The whole file: its languages are read first, since every text is checked against them."""

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        walk.languages = declared_languages(node)
        return super().convert(node, path, walk)


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if getattr(name, "value", None) == key), None)


def declared_languages(root: yaml.Node) -> Languages:
    """The languages a data file names (`site.languages`, `site.default_language`); the UN
    set when it names none, or names them in a way SITE_INFO reports as a problem."""
    site = child(root, "site")
    codes, default = child(site, "languages"), child(site, "default_language")
    if not isinstance(codes, yaml.SequenceNode):
        return UN_LANGUAGES
    if not all(isinstance(item, yaml.ScalarNode) for item in codes.value):
        return UN_LANGUAGES
    try:
        return Languages.of([item.value for item in codes.value],
                            default.value if isinstance(default, yaml.ScalarNode) else None)
    except LanguageError:
        return UN_LANGUAGES


SITE = SiteRecord(model.Site, {
    "site": Field(SITE_INFO),
    "organisations": Field(tuple_of(ORGANISATION), required=False),
    "venues": Field(tuple_of(VENUE), required=False),
    "documents": Field(tuple_of(DOCUMENT), required=False),
    "events": Field(tuple_of(EVENT)),
    "sessions": Field(tuple_of(SHARED_SESSION), required=False,
                      description="items shared by several events, such as a joint opening ceremony"),
}, stand_ins={"site": model.SiteInfo(model.Text({}, UN_LANGUAGES.default), model.Text({}, UN_LANGUAGES.default), ""),
              "organisations": (),
              "venues": (), "documents": (), "events": (), "sessions": ()})


def json_schema(languages: Languages = UN_LANGUAGES) -> dict[str, Any]:
    """The schema of a site's data/events.yaml as JSON Schema (draft 2020-12), for editors'
    tools: its texts in the site's `languages`."""
    with schema_languages(languages):
        body = SITE.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Event data for the event site (data/events.yaml)",
        **body,
    }
