"""Outlook links for personal and work accounts, and free/busy time (TRANSP) per kind of entry."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from conftest import ROOT
from icalendar import Calendar

from eventsite.calendar_links import (
    add_to_calendar_links,
    feed_links,
    feed_path,  # (imported before calendars: no import cycle)
)
from eventsite.calendars import feeds
from eventsite.languages import LANGUAGES, UN_LANGUAGES
from eventsite.loader import load_site
from eventsite.model import Site
from eventsite.ui import t

SITE_URL = "https://events.example.org/geneva/"
STAMP = dt.datetime(2026, 3, 20, 9, 46, 40, tzinfo=dt.UTC)


def fixture_site() -> Site:
    return load_site(ROOT / "tests" / "fixtures" / "calendar" / "site.yaml")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def test_outlook_subscribe_links_go_to_the_personal_and_the_work_host_with_the_same_feed() -> None:
    links = feed_links("fr", site_url=SITE_URL, site=fixture_site())["events"]
    personal, work = urlsplit(links["outlook_subscribe"]), urlsplit(links["outlook_work_subscribe"])
    assert (personal.scheme, personal.netloc, personal.path) == ("https", "outlook.live.com", "/calendar/0/addfromweb")
    assert (work.scheme, work.netloc, work.path) == ("https", "outlook.office.com", "/calendar/0/addfromweb")
    assert query(links["outlook_subscribe"]) == query(links["outlook_work_subscribe"]) == {
        "url": ["https://events.example.org/geneva/fr/calendar/all.ics"],
        "name": ["Réunions d'essai\u00a0: événements"],
    }


def test_outlook_event_link_fills_in_an_all_day_event_with_an_exclusive_end() -> None:
    site = fixture_site()
    links = add_to_calendar_links(site.event("hlpf-2026"), "en", site_url=SITE_URL, site=site)
    for key, host in (("outlook_event", "outlook.live.com"), ("outlook_work_event", "outlook.office.com")):
        url = urlsplit(links[key])
        assert (url.netloc, url.path) == (host, "/calendar/0/action/compose")
        assert query(links[key]) == {
            "rru": ["addevent"],
            "subject": ["High-level Political Forum 2026"],
            "startdt": ["2026-07-13"],
            "enddt": ["2026-07-18"],  # the event's last day is 17 July
            "allday": ["true"],
            "body": ["Follow-up of the 2030 Agenda.\n\nhttps://events.example.org/geneva/events/hlpf-2026/"],
            "location": ["United Nations Headquarters"],
        }


def test_outlooks_phone_form_gets_the_last_day_itself_as_its_end() -> None:
    # add-to-calendar-button (src/core/dates.ts, src/generators/outlook.ts) sends phones to the
    # deeplink form with an inclusive all-day end, computers to the compose form with an exclusive one.
    site = fixture_site()
    links = add_to_calendar_links(site.event("hlpf-2026"), "fr", site_url=SITE_URL, site=site)
    for kind, host in (("outlook", "outlook.live.com"), ("outlook_work", "outlook.office.com")):
        computer, phone = links[f"{kind}_event"], links[f"{kind}_event_phone"]
        assert (urlsplit(phone).netloc, urlsplit(phone).path) == (host, "/calendar/0/deeplink/compose")
        assert query(phone)["path"] == ["/calendar/action/compose"]
        assert (query(computer)["startdt"], query(computer)["enddt"]) == (["2026-07-13"], ["2026-07-18"])
        assert (query(phone)["startdt"], query(phone)["enddt"]) == (["2026-07-13"], ["2026-07-17"])
        assert {key: value for key, value in query(phone).items() if key not in ("path", "enddt")} == {
            key: value for key, value in query(computer).items() if key != "enddt"}
    one_day = add_to_calendar_links(site.event("igf-2026-dialogue"), "en", site_url=SITE_URL, site=site)
    assert (query(one_day["outlook_event_phone"])["startdt"], query(one_day["outlook_event_phone"])["enddt"]) == (
        ["2026-09-01"], ["2026-09-01"])


def test_event_pages_carry_the_phone_form_for_the_script_to_switch_to() -> None:
    script = (ROOT / "overrides" / "assets" / "eventsite.js").read_text(encoding="utf-8")
    assert "a[data-es-phone-href]" in script and "Android|iPhone|iPad|iPod" in script
    template = (ROOT / "overrides" / "eventsite" / "event.html").read_text(encoding="utf-8")
    for kind in ("outlook", "outlook_work"):
        assert f'href="{{{{ cal.{kind}_event }}}}" data-es-phone-href="{{{{ cal.{kind}_event_phone }}}}"' in template


def test_outlook_and_google_copies_agree_on_the_days() -> None:
    site = fixture_site()
    for event in site.events:
        links = add_to_calendar_links(event, "en", site_url=SITE_URL, site=site)
        if "google_event" not in links:
            continue
        start, end = query(links["google_event"])["dates"][0].split("/")
        outlook = query(links["outlook_event"])
        assert outlook["startdt"][0].replace("-", "") == start, event.id
        assert outlook["enddt"][0].replace("-", "") == end, event.id


def test_a_one_day_event_ends_on_the_next_day_in_the_outlook_copy() -> None:
    site = fixture_site()
    event = site.event("igf-2026-dialogue")  # 1 September 2026 only, cancelled
    link = add_to_calendar_links(event, "es", site_url=SITE_URL, site=site)["outlook_work_event"]
    assert (query(link)["startdt"], query(link)["enddt"]) == (["2026-09-01"], ["2026-09-02"])
    assert query(link)["subject"] == ["Cancelado: Diálogo del FGI"]


def test_outlook_event_link_percent_encodes_arabic_and_reserved_characters() -> None:
    site = fixture_site()
    link = add_to_calendar_links(site.event("wsis-forum-2026"), "ar", site_url=SITE_URL, site=site)["outlook_event"]
    assert " " not in link and "،" not in link and "\n" not in link and "(" not in link
    assert query(link)["subject"] == ["منتدى القمة العالمية لمجتمع المعلومات لعام 2026"]


def test_a_month_only_event_gets_no_one_off_copy_but_both_outlook_subscriptions() -> None:
    site = fixture_site()
    links = add_to_calendar_links(site.event("wsis-2027-summit"), "en", site_url=SITE_URL, site=site)
    assert {"google_event", "outlook_event", "outlook_work_event", "download"}.isdisjoint(links)
    assert {"outlook_subscribe", "outlook_work_subscribe"} <= set(links)


def test_outlook_labels_name_the_kind_of_account_in_every_language() -> None:
    for lang in LANGUAGES:
        personal, work = t("site.calendar.outlook", lang), t("site.calendar.outlook_work", lang)
        assert "Outlook.com" in personal and "365" not in personal, lang
        assert "Microsoft 365" in work and "Outlook.com" not in work, lang
        assert "365" not in t("calendar.help.outlook", lang), lang
        assert "Microsoft 365" in t("calendar.help.outlook_work", lang), lang
        assert "Outlook.com" in t("site.calendar.outlook_event", lang), lang
        assert "Microsoft 365" in t("site.calendar.outlook_work_event", lang), lang


# --- TRANSP ----------------------------------------------------------------------------


def transparency_by_uid(lang: str = "en") -> dict[str, tuple[str, bool]]:
    """UID -> (TRANSP, whether the entry is all-day) in the all-events and deadlines feeds."""
    found: dict[str, tuple[str, bool]] = {}
    built = feeds(fixture_site(), lang, site_url=SITE_URL, stamp=STAMP)
    for name in (feed_path(lang, "all", UN_LANGUAGES), feed_path(lang, "deadlines", UN_LANGUAGES)):
        for component in Calendar.from_ical(built[name]).walk("VEVENT"):
            all_day = component["DTSTART"].params.get("VALUE") == "DATE"
            found[str(component["UID"]).split("@")[0]] = (str(component.get("TRANSP")), all_day)
    return found


def test_all_day_entries_are_free_time_and_timed_sessions_busy() -> None:
    found = transparency_by_uid()
    site = fixture_site()
    assert found["wsis-forum-2026"] == ("TRANSPARENT", True)     # a five-day event
    assert found["hlpf-2026"] == ("TRANSPARENT", True)
    assert found["hlpf-2026-registration"] == ("TRANSPARENT", True)  # a deadline
    assert found["hlpf-2026-ministerial"] == ("OPAQUE", False)   # a session at 10:00-13:00
    for item_id, (transp, all_day) in found.items():
        assert transp == ("TRANSPARENT" if all_day else "OPAQUE"), item_id
    assert {event.id for event in site.events} & set(found)


def test_every_entry_says_its_transparency_in_every_language() -> None:
    for lang in LANGUAGES:
        assert all(transp in {"TRANSPARENT", "OPAQUE"} for transp, _ in transparency_by_uid(lang).values()), lang
