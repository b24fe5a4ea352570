"""What search engines and sharing services read: Open Graph and Twitter cards in each
page's language, schema.org Event data (parsed with extruct, as a crawler does), robots.txt."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import extruct
import pytest
from sitebuild import ROOT, SITE_URL

from eventsite.languages import LANGUAGES, url_prefix
from eventsite.loader import load_site
from eventsite.model import in_feeds

DATA = load_site(ROOT / "data" / "events.yaml")
OG_LOCALES = {"ar": "ar_AR", "zh": "zh_CN", "en": "en_GB", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES"}


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


def metadata(site: Path, path: str) -> dict:
    html = (site / path).read_text(encoding="utf-8")
    url = SITE_URL + path.removesuffix("index.html")
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"])


def og(data: dict) -> dict[str, list[str]]:
    """Open Graph properties, each with all its values (og:locale:alternate repeats)."""
    found: dict[str, list[str]] = {}
    for item in data["opengraph"]:
        for key, value in item["properties"]:
            found.setdefault(key, []).append(value)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["index.html", "programme/index.html", "events/wsis-forum-2026/index.html"])
def test_every_page_has_a_sharing_card_in_its_language(site, lang, page):
    card = og(metadata(site, url_prefix(lang) + page))
    assert card["og:locale"] == [OG_LOCALES[lang]]
    assert sorted(card["og:locale:alternate"]) == sorted(OG_LOCALES[other] for other in LANGUAGES if other != lang)
    assert card["og:site_name"] == [DATA.site.title.get(lang)]
    assert card["og:url"] == [SITE_URL + url_prefix(lang) + page.removesuffix("index.html")]
    assert card["og:image"] == [SITE_URL + f"assets/cards/{lang}.png"]
    assert (site / "assets" / "cards" / f"{lang}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if page.startswith("events/"):
        assert card["og:title"] == [DATA.event("wsis-forum-2026").title.get(lang)]
        assert card["og:description"] == [DATA.event("wsis-forum-2026").summary.get(lang)]
    html = (site / url_prefix(lang) / page).read_text(encoding="utf-8")
    assert '<meta name="twitter:card" content="summary_large_image">' in html


# Google's Event rich result, as its documentation lists the properties: Google Search
# Central, "Event (Event) structured data",
# https://developers.google.com/search/docs/appearance/structured-data/event
# (required: name, startDate, location, and for a place its address; the rest recommended).
SCHEMA_ORG = "https://schema.org/"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$")
GOOGLE_EVENT: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "name": ("required", lambda value: isinstance(value, str) and bool(value.strip())),
    "startDate": ("required", lambda value: bool(ISO_DATE.match(value))),  # a day at least: no month alone
    "location": ("required", lambda value: value.get("@type") == "Place" or value.get("@type") == "VirtualLocation"),
    "location.address": ("required", lambda value: value.get("@type") == "PostalAddress"),  # for a Place
    "description": ("recommended", lambda value: isinstance(value, str) and bool(value.strip())),
    "endDate": ("recommended", lambda value: bool(ISO_DATE.match(value))),
    "eventAttendanceMode": ("recommended", lambda value: value in {
        SCHEMA_ORG + mode for mode in ("OfflineEventAttendanceMode", "OnlineEventAttendanceMode",
                                       "MixedEventAttendanceMode")}),
    "eventStatus": ("recommended", lambda value: value in {
        SCHEMA_ORG + status for status in ("EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled",
                                           "EventMovedOnline")}),
    "image": ("recommended", lambda value: all(url.startswith("https://") for url in value)),
    "location.name": ("recommended", lambda value: isinstance(value, str) and bool(value.strip())),
    "offers": ("recommended", lambda value: True),
    "organizer": ("recommended", lambda value: all(org["@type"] == "Organization" and org["name"] for org in value)),
    "performer": ("recommended", lambda value: True),
    "previousStartDate": ("recommended", lambda value: bool(ISO_DATE.match(value))),
}
# What the item has beyond Google's list: schema.org's own keys, the page and its language.
OTHER_KEYS = {"@context", "@type", "url", "inLanguage"}
# Recommended fields the data has none of, for any event: prices, performers, former dates.
NOT_IN_THE_DATA = {"offers", "performer", "previousStartDate"}


def field(item: dict, name: str) -> Any:
    value: Any = item
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def eligible(event) -> bool:
    """What Google requires, from the data: a start known to the day and a venue with its
    city and country (the address)."""
    venue = DATA.venue(event.venue) if event.venue else None
    return in_feeds(event) and venue is not None and venue.locality is not None and venue.country is not None


def event_items(site: Path, lang: str, event) -> list[dict]:
    return [item for item in metadata(site, f"{url_prefix(lang)}events/{event.id}/index.html")["json-ld"]
            if item.get("@type") == "Event"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_event_item_has_what_google_requires_and_the_recommended_fields_the_data_has(site, lang):
    found = 0
    for event in DATA.events:
        items = event_items(site, lang, event)
        if not eligible(event):  # no item rather than one Google would refuse
            assert items == [], event.id
            continue
        [item] = items
        found += 1
        for name, (level, valid) in GOOGLE_EVENT.items():
            value = field(item, name)
            if level == "required":
                assert value is not None and valid(value), (event.id, name, value)
            elif value is not None:
                assert valid(value), (event.id, name, value)
        assert set(item) <= {name for name in GOOGLE_EVENT if "." not in name} | OTHER_KEYS, event.id
        recommended = {name for name, (level, _valid) in GOOGLE_EVENT.items()
                       if level == "recommended" and field(item, name) is not None}
        expected = {"description", "endDate", "eventStatus", "image", "location.name"}
        expected |= {"eventAttendanceMode"} if event.attendance else set()
        expected |= {"organizer"} if event.organisers else set()
        assert recommended == expected, event.id
        assert not recommended & NOT_IN_THE_DATA
        venue = DATA.venue(event.venue)
        assert item["location"] == {"@type": "Place", "name": venue.name.get(lang), "address": {
            "@type": "PostalAddress", "addressLocality": venue.locality.get(lang), "addressCountry": venue.country}}
        assert item["name"] == event.title.get(lang)
        assert item["startDate"] == event.start.isoformat() and item["endDate"] == event.end.isoformat()
        assert item["url"] == f"{SITE_URL}{url_prefix(lang)}events/{event.id}/"
        assert item["image"] == [SITE_URL + f"assets/cards/{lang}.png"]  # the sharing card (mkdocs.yml)
        assert [org["name"] for org in item.get("organizer", [])] == [
            DATA.organisation(id).name.get(lang) for id in event.organisers]
    assert found == sum(map(eligible, DATA.events)) >= 5


def test_attendance_is_said_only_where_the_data_says_it(site):
    modes = {event.id: event_items(site, "en", event)[0].get("eventAttendanceMode")
             for event in DATA.events if eligible(event)}
    assert modes["wsis-20-forum-high-level-event-2024"] == SCHEMA_ORG + "MixedEventAttendanceMode"
    assert modes["wsis-forum-2026"] is None  # CL-26/17 says where, not how people take part
    assert {event.id for event in DATA.events if event.attendance} == {
        "wsis-20-forum-high-level-event-2024", "cwg-wsis-sdg-43", "cwg-wsis-sdg-44"}


def test_an_event_known_only_to_the_month_or_without_a_venue_gets_no_event_item(site):
    for event_id in ("unga-wsis-20-review-high-level-meeting", "cstd-28", "cwg-wsis-sdg-43"):
        event = DATA.event(event_id)
        assert not eligible(event)
        html = (site / "events" / event_id / "index.html").read_text(encoding="utf-8")
        assert 'type="application/ld+json"' not in html


def test_robots_txt_points_at_the_sitemap(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert "Disallow: /" not in lines
    assert (site / "sitemap.xml").is_file()



def png_texts(png: bytes) -> dict[str, str]:
    """The iTXt chunks of a PNG (keyword: text), read chunk by chunk."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    texts, at = {}, 8
    while at < len(png):
        length = int.from_bytes(png[at:at + 4], "big")
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        if kind == b"iTXt":
            keyword, _, rest = data.partition(b"\0")
            texts[keyword.decode()] = rest[2:].split(b"\0", 2)[2].decode("utf-8")  # no compression
        at += 12 + length
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_languages_sharing_card_shows_the_sites_name_in_that_language(lang):
    """A card drawn before site.title changed would show the old name: `make cards` again."""
    png = (ROOT / "overrides" / "assets" / "cards" / f"{lang}.png").read_bytes()
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1200, 630)
    assert png_texts(png)["eventsite:title"] == DATA.site.title.get(lang)
