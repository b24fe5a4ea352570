"""The schema.org Event of an event page (eventsite/structured_data.py), as a pure function."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import ROOT

from eventsite.loader import load_site, parse_site
from eventsite.model import Month, Site
from eventsite.structured_data import event_item
from eventsite.yamltypes import country_names

PAGE = "https://example.org/events/fr/events/wsis-forum-2026/"
CARD = "https://example.org/events/assets/cards/en.png"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT / "data" / "events.example.yaml")


def with_event(site: Site, **changes: object) -> Site:
    event = dataclasses.replace(site.events[0], **changes)
    return dataclasses.replace(site, events=(event, *site.events[1:]))


def test_an_event_with_its_day_and_a_venue_with_city_and_country_gets_an_item(site: Site) -> None:
    item = event_item(site, site.events[0], "fr", page_url=PAGE, image_url=CARD)
    assert item is not None
    assert (item["name"], item["startDate"], item["endDate"]) == ("Forum du SMSI 2026", "2026-07-06", "2026-07-10")
    assert item["location"]["address"] == {"@type": "PostalAddress", "addressLocality": "Genève",
                                           "addressCountry": "CH"}
    assert item["image"] == [CARD] and item["url"] == PAGE and item["inLanguage"] == "fr"


@pytest.mark.parametrize("changes", [{"start": Month(2026, 7), "end": Month(2026, 7)}, {"venue": None}])
def test_without_a_start_known_to_the_day_or_without_a_venue_there_is_no_item(site: Site, changes: dict) -> None:
    changed = with_event(site, **changes)
    assert event_item(changed, changed.events[0], "en", page_url=PAGE, image_url=CARD) is None


def test_a_venue_without_its_city_and_country_gives_no_made_up_address(site: Site) -> None:
    venue = dataclasses.replace(site.venues[0], locality=None)
    changed = dataclasses.replace(site, venues=(venue,))
    assert event_item(changed, changed.events[0], "en", page_url=PAGE, image_url=CARD) is None


@pytest.mark.parametrize("attendance, mode", [(None, None), ("in-person", "OfflineEventAttendanceMode"),
                                              ("online", "OnlineEventAttendanceMode"),
                                              ("hybrid", "MixedEventAttendanceMode")])
def test_the_attendance_mode_is_given_only_where_the_data_says_it(site: Site, attendance: str | None,
                                                                  mode: str | None) -> None:
    changed = with_event(site, attendance=attendance)
    item = event_item(changed, changed.events[0], "en", page_url=PAGE, image_url=None)
    assert item is not None
    assert item.get("eventAttendanceMode") == (f"https://schema.org/{mode}" if mode else None)
    assert "image" not in item  # no sharing card configured: no image


def test_a_cancelled_event_says_so(site: Site) -> None:
    changed = with_event(site, status="cancelled")
    item = event_item(changed, changed.events[0], "en", page_url=PAGE, image_url=CARD)
    assert item is not None and item["eventStatus"] == "https://schema.org/EventCancelled"


@pytest.mark.parametrize("written, message", [
    ("Switzerland", "venues[0].country: not allowed here; did you mean 'CH'? (expected an ISO 3166-1 alpha-2 country "
                    "code in capitals, like CH, found 'Switzerland')"),
    ("ch", "venues[0].country: not allowed here; did you mean 'CH'? (expected an ISO 3166-1 alpha-2 country code in "
           "capitals, like CH, found 'ch')"),
    ("XK", "venues[0].country: not allowed here (expected an ISO 3166-1 alpha-2 country code in capitals, like CH, "
           "found 'XK')"),
])
def test_a_country_that_is_no_iso_code_is_refused_with_a_located_message(written: str, message: str) -> None:
    text = (ROOT / "data" / "events.example.yaml").read_text(encoding="utf-8")
    assert "    country: CH " in text
    _site, problems = parse_site(text.replace("    country: CH ", f"    country: {written} ", 1).encode("utf-8"),
                                 "data/events.example.yaml")
    line = text[:text.index("    country: CH ")].count("\n") + 1
    assert [str(problem) for problem in problems] == [f"data/events.example.yaml:{line}:14: {message}"]


def test_the_schema_lists_the_249_iso_country_codes_for_editors() -> None:
    codes = country_names()
    assert len(codes) == 249 and {"CH", "KE", "US", "FR"} <= set(codes) and not {"EU", "XK", "UN"} & set(codes)
