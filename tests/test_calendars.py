"""The calendar feeds (eventsite/calendars.py) and the page links (eventsite/calendar_links.py).

Expected values are written out by hand from the fixture data; none is computed by the
code under test. Golden files: `UPDATE_GOLDEN=1 pytest tests/test_calendars.py` rewrites
them; read every changed line before committing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import vobject
import yaml
from conftest import ROOT
from icalendar import Calendar
from icalendar import Event as VEvent

from eventsite import calendar_links  # noqa: F401  (imported before calendars: no import cycle)
from eventsite.calendar_links import add_to_calendar_links, feed_links
from eventsite.calendars import feeds, serialise
from eventsite.clock import build_time
from eventsite.languages import LANGUAGES
from eventsite.loader import load_site, read_site
from eventsite.model import Site, Text, in_feeds
from eventsite.programme import build_programme

FIXTURES = ROOT / "tests" / "fixtures" / "calendar"
GOLDEN = ROOT / "tests" / "golden"
PARSE_ICS = ROOT / "tests" / "js" / "parse_ics.mjs"
REAL_DATA = ROOT / "data" / "events.yaml"

SITE_URL = "https://events.example.org/geneva/"
HOST = "events.example.org"
EPOCH = "1774000000"  # Fri 20 Mar 2026 09:46:40 UTC (date -u -d @1774000000)
STAMP = dt.datetime(2026, 3, 20, 9, 46, 40, tzinfo=dt.UTC)

Times = dict[str, tuple[str | None, str | None]]  # uid -> (start, end): "YYYY-MM-DD" or UTC "...Z"

# Every entry of tests/fixtures/calendar/site.yaml that belongs in a feed, by id:
# all-day ends are the day AFTER the last day; times are UTC (Geneva is UTC+2 and
# New York UTC-4 in July).
SITE_TIMES: Times = {
    "wsis-forum-2026": ("2026-07-06", "2026-07-11"),
    "wsis-forum-2026-opening": ("2026-07-06T07:30:00Z", "2026-07-06T09:00:00Z"),
    "wsis-forum-2026-hackathon": ("2026-07-07", "2026-07-08"),
    "wsis-forum-2026-high-level-track": ("2026-07-08", "2026-07-10"),
    "wsis-forum-2026-closing": ("2026-07-10T14:00:00Z", "2026-07-10T15:00:00Z"),
    "wsis-forum-2026-speaking-requests": ("2026-05-01", "2026-05-02"),
    "hlpf-2026": ("2026-07-13", "2026-07-18"),
    "hlpf-2026-geneva-briefing": ("2026-07-14T13:00:00Z", "2026-07-14T14:00:00Z"),
    "hlpf-2026-ministerial": ("2026-07-15T14:00:00Z", "2026-07-15T17:00:00Z"),
    "hlpf-2026-side-event": ("2026-07-16T13:15:00Z", "2026-07-16T14:30:00Z"),
    "hlpf-2026-registration": ("2026-06-15", "2026-06-16"),
    "igf-2026-dialogue": ("2026-09-01", "2026-09-02"),
    "igf-2026-dialogue-contributions": ("2026-08-01", "2026-08-02"),
    "wsis-2027-summit-opening": ("2027-03-15", "2027-03-16"),
}

# Which ids each feed of the fixture holds (a month-only event has no feed of its own).
SITE_FEEDS: dict[str, set[str]] = {
    "all": {"wsis-forum-2026", "wsis-forum-2026-opening", "wsis-forum-2026-hackathon",
            "wsis-forum-2026-high-level-track", "wsis-forum-2026-closing", "hlpf-2026",
            "hlpf-2026-geneva-briefing", "hlpf-2026-ministerial", "hlpf-2026-side-event",
            "igf-2026-dialogue", "wsis-2027-summit-opening"},
    "deadlines": {"wsis-forum-2026-speaking-requests", "hlpf-2026-registration",
                  "igf-2026-dialogue-contributions"},
    "wsis-forum-2026": {"wsis-forum-2026", "wsis-forum-2026-opening", "wsis-forum-2026-hackathon",
                        "wsis-forum-2026-high-level-track", "wsis-forum-2026-closing",
                        "wsis-forum-2026-speaking-requests"},
    "hlpf-2026": {"hlpf-2026", "hlpf-2026-geneva-briefing", "hlpf-2026-ministerial",
                  "hlpf-2026-side-event", "hlpf-2026-registration"},
    "igf-2026-dialogue": {"igf-2026-dialogue", "igf-2026-dialogue-contributions"},
    # The weeks of the programme (the home page's "add the week"): their events and sessions.
    "weeks/2026-07-06": {"wsis-forum-2026", "wsis-forum-2026-opening", "wsis-forum-2026-hackathon",
                         "wsis-forum-2026-high-level-track", "wsis-forum-2026-closing"},
    "weeks/2026-07-13": {"hlpf-2026", "hlpf-2026-geneva-briefing", "hlpf-2026-ministerial",
                         "hlpf-2026-side-event"},
    "weeks/2026-09-01": {"igf-2026-dialogue"},
}


def feed_name_of(path: str) -> str:
    """"fr/calendar/weeks/2026-07-06.ics" -> "weeks/2026-07-06"."""
    return path.split("calendar/", 1)[1].removesuffix(".ics")

MONTH_ONLY_IDS = {"wsis-2027-summit", "wsis-2027-summit-registration", "wsis-forum-2026-registration"}

# tests/fixtures/calendar/daylight_saving.yaml: Geneva switches to UTC+2 at 01:00 UTC on
# 29 March and back to UTC+1 at 01:00 UTC on 25 October; Nairobi is UTC+3 all year.
DAYLIGHT_SAVING_TIMES: Times = {
    "night-sessions-2026-march": ("2026-03-28", "2026-03-30"),
    "night-sessions-2026-october": ("2026-10-24", "2026-10-26"),
    "night-sessions-2026-spring": ("2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z"),
    "night-sessions-2026-autumn": ("2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z"),
    "new-year-2026": ("2026-12-31", "2027-01-02"),
    "new-year-2026-midnight": ("2026-12-31T20:30:00Z", "2026-12-31T21:30:00Z"),
}

GOLDEN_FEEDS = [(lang, name) for lang in ("en", "ar") for name in ("all", "deadlines", "wsis-forum-2026")]


# --- Helpers -----------------------------------------------------------------------


@cache
def fixture_site(name: str = "site") -> Site:
    return load_site(FIXTURES / f"{name}.yaml")


@cache
def built(lang: str, name: str = "site") -> dict[str, bytes]:
    return feeds(fixture_site(name), lang, site_url=SITE_URL, stamp=STAMP)


def feed(lang: str, name: str, site: str = "site") -> bytes:
    prefix = "" if lang == "en" else f"{lang}/"
    return built(lang, site)[f"{prefix}calendar/{name}.ics"]


def every_feed(site: str = "site") -> list[tuple[str, str, bytes]]:
    return [(lang, path, data) for lang in LANGUAGES for path, data in built(lang, site).items()]


def unfolded_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def vevent_lines(data: bytes, item_id: str) -> list[str]:
    """The unfolded lines of the VEVENT with this id."""
    text = "\r\n".join(unfolded_lines(data))
    for block in text.split("BEGIN:VEVENT\r\n")[1:]:
        lines = block.split("\r\nEND:VEVENT")[0].split("\r\n")
        if f"UID:{item_id}@{HOST}" in lines:
            return lines
    raise AssertionError(f"no VEVENT {item_id}")


def vevents(data: bytes) -> dict[str, Any]:
    """The VEVENTs of a feed parsed by icalendar, by id (the UID without the host)."""
    result = {}
    for vevent in Calendar.from_ical(data).walk("VEVENT"):
        result[str(vevent["UID"]).removesuffix(f"@{HOST}")] = vevent
    return result


def moment(value: object) -> str:
    """A parsed DTSTART/DTEND value as 'YYYY-MM-DD' or a UTC instant; floating times stand out."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return f"floating {value.isoformat()}"
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert isinstance(value, dt.date), value
    return value.isoformat()


def icalendar_times(data: bytes) -> Times:
    return {str(e["UID"]): (moment(e.decoded("DTSTART")), moment(e.decoded("DTEND")) if "DTEND" in e else None)
            for e in Calendar.from_ical(data).walk("VEVENT")}


def vobject_times(data: bytes) -> Times:
    calendar = vobject.readOne(data.decode("utf-8"))
    return {e.uid.value: (moment(e.dtstart.value), moment(e.dtend.value) if hasattr(e, "dtend") else None)
            for e in calendar.vevent_list}


def icaljs_times(path: Path) -> Times:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to check the feeds with ical.js (CI: setup-node, then npm ci)")
    result = subprocess.run([node, str(PARSE_ICS), str(path)], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0, result.stderr

    def describe(value: dict[str, str] | None) -> str | None:
        if value is None:
            return None
        if "floating" in value:
            return f"floating {value['floating']}"
        return value.get("date") or value["utc"]

    return {event["uid"]: (describe(event["start"]), describe(event["end"]))
            for event in json.loads(result.stdout)["events"]}


def with_host(times: Times, domain: str = HOST) -> Times:
    return {f"{item_id}@{domain}": value for item_id, value in times.items()}


def assert_three_parsers_agree(data: bytes, path: Path, expected: Times, domain: str = HOST) -> None:
    path.write_bytes(data)
    expected = with_host(expected, domain)
    assert icalendar_times(data) == expected, "icalendar"
    assert vobject_times(data) == expected, "vobject"
    assert icaljs_times(path) == expected, "ical.js"


# --- Golden files ------------------------------------------------------------------


@pytest.mark.parametrize("lang,name", GOLDEN_FEEDS)
def test_feed_is_byte_for_byte_the_golden_file(lang: str, name: str) -> None:
    golden = GOLDEN / f"{lang}-{name}.ics"
    data = feed(lang, name)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(data)
    assert data == golden.read_bytes()


def test_golden_files_keep_their_crlf_line_endings() -> None:
    for lang, name in GOLDEN_FEEDS:
        text = (GOLDEN / f"{lang}-{name}.ics").read_bytes()
        assert text.endswith(b"END:VCALENDAR\r\n")
        assert text.count(b"\n") == text.count(b"\r\n")


# --- What is in which feed ---------------------------------------------------------


def test_each_language_has_an_all_events_feed_a_deadlines_feed_and_one_feed_per_dated_event() -> None:
    weeks = ["weeks/2026-07-06.ics", "weeks/2026-07-13.ics", "weeks/2026-09-01.ics"]
    assert sorted(built("en")) == ["calendar/all.ics", "calendar/deadlines.ics", "calendar/hlpf-2026.ics",
                                   "calendar/igf-2026-dialogue.ics", *(f"calendar/{week}" for week in weeks),
                                   "calendar/wsis-forum-2026.ics"]
    assert sorted(built("ar")) == ["ar/calendar/all.ics", "ar/calendar/deadlines.ics",
                                   "ar/calendar/hlpf-2026.ics", "ar/calendar/igf-2026-dialogue.ics",
                                   *(f"ar/calendar/{week}" for week in weeks), "ar/calendar/wsis-forum-2026.ics"]
    for lang in ("zh", "fr", "ru", "es"):
        assert f"{lang}/calendar/all.ics" in built(lang)


@pytest.mark.parametrize("name", sorted(SITE_FEEDS))
def test_each_feed_holds_exactly_its_events_sessions_and_deadlines(name: str) -> None:
    for lang in LANGUAGES:
        assert set(vevents(feed(lang, name))) == SITE_FEEDS[name]


def test_month_only_items_are_left_out_of_every_feed() -> None:
    site = fixture_site()
    summit = site.event("wsis-2027-summit")
    assert not in_feeds(summit)
    assert not in_feeds(summit.deadlines[0])
    assert not in_feeds(site.event("wsis-forum-2026").deadlines[1])
    assert in_feeds(summit.sessions[0])  # its own date is exact
    assert in_feeds(site.event("wsis-forum-2026"))
    assert in_feeds(site.event("wsis-forum-2026").deadlines[0])
    for _lang, path, data in every_feed():
        assert not MONTH_ONLY_IDS & set(vevents(data)), path
        assert not path.endswith("wsis-2027-summit.ics")
        assert b"20270301" not in data and b"20260601" not in data, path  # no made-up first day


# --- Dates and times, read back by three parsers ------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_icalendar_vobject_and_icaljs_read_the_data_dates_and_utc_times(lang: str, tmp_path: Path) -> None:
    for path, data in built(lang).items():
        name = feed_name_of(path)
        expected = {item_id: SITE_TIMES[item_id] for item_id in SITE_FEEDS[name]}
        assert_three_parsers_agree(data, tmp_path / f"{name.replace('/', '-')}.ics", expected)


def test_three_parsers_agree_on_times_next_to_daylight_saving_changes_and_the_year_end(tmp_path: Path) -> None:
    assert_three_parsers_agree(feed("en", "all", "daylight_saving"), tmp_path / "all.ics", DAYLIGHT_SAVING_TIMES)


def test_all_day_event_ends_the_day_after_its_last_day() -> None:
    block = vevent_lines(feed("en", "wsis-forum-2026"), "wsis-forum-2026")
    assert "DTSTART;VALUE=DATE:20260706" in block
    assert "DTEND;VALUE=DATE:20260711" in block
    session = vevent_lines(feed("en", "wsis-forum-2026"), "wsis-forum-2026-high-level-track")
    assert "DTSTART;VALUE=DATE:20260708" in session
    assert "DTEND;VALUE=DATE:20260710" in session


def test_deadline_is_an_all_day_entry_on_its_date_that_leaves_the_time_free() -> None:
    deadline = vevents(feed("en", "deadlines"))["hlpf-2026-registration"]
    assert deadline["DTSTART"].to_ical() == b"20260615"
    assert deadline["DTEND"].to_ical() == b"20260616"
    assert str(deadline["TRANSP"]) == "TRANSPARENT"
    assert str(deadline["SUMMARY"]) == "Deadline: Registration (High-level Political Forum 2026)"


def test_timed_sessions_carry_a_tzid_parameter_in_the_zone_of_the_data() -> None:
    lines = unfolded_lines(feed("en", "all"))
    assert "DTSTART;TZID=Europe/Zurich:20260706T093000" in lines
    assert "DTEND;TZID=Europe/Zurich:20260706T110000" in lines
    assert "DTSTART;TZID=Europe/Zurich:20260714T150000" in lines  # the session's own zone
    assert "DTSTART;TZID=America/New_York:20260715T100000" in lines  # the venue's zone
    assert "DTSTART;TZID=America/New_York:20260716T091500" in lines  # given in UTC in the data


def test_every_tzid_has_a_vtimezone() -> None:
    for _lang, path, data in every_feed() + every_feed("daylight_saving"):
        text = data.decode("utf-8").replace("\r\n ", "")
        used = set(re.findall(r";TZID=([^:;]+)[:;]", text))
        defined = re.findall(r"\r\nTZID:([^\r]+)\r\n", text)
        assert used == set(defined) or (not vevents(data) and defined == ["Etc/UTC"]), path  # an empty feed
        assert len(defined) == len(set(defined)), path
        assert not Calendar.from_ical(data).get_missing_tzids(), path
    assert {"Europe/Zurich", "America/New_York"} <= set(re.findall(r"TZID:(\S+)", feed("en", "all").decode()))


def test_vtimezones_cover_only_the_years_the_feed_needs() -> None:
    text = feed("en", "all").decode("utf-8")
    assert text.count("BEGIN:VTIMEZONE") == 2
    years = set(re.findall(r"\r\nDTSTART:(\d{4})", text))
    assert years == {"2026"}
    assert "COMMENT" not in text  # icalendar's note on the years covered; RFC 5545 gives VTIMEZONE none
    nairobi = feed("en", "new-year-2026", "daylight_saving").decode("utf-8")
    assert "TZID:Africa/Nairobi" in nairobi and "TZID:Europe/Zurich" not in nairobi
    feed_without_times = feed("en", "deadlines").decode("utf-8")
    assert "VTIMEZONE" not in feed_without_times


# --- UIDs and reproducibility ------------------------------------------------------


def test_uids_are_unique_within_each_feed() -> None:
    for _lang, path, data in every_feed():
        uids = [line for line in unfolded_lines(data) if line.startswith("UID:")]
        assert len(uids) == len(set(uids)) == len(vevents(data)), path


def test_uids_are_the_data_ids_at_the_data_uid_domain_in_every_language() -> None:
    for lang in LANGUAGES:
        uids = {line for line in unfolded_lines(feed(lang, "all")) if line.startswith("UID:")}
        assert uids == {f"UID:{item_id}@events.example.org" for item_id in SITE_FEEDS["all"]}


def test_uids_do_not_change_between_builds_at_different_times() -> None:
    later = feeds(fixture_site(), "fr", site_url=SITE_URL, stamp=STAMP + dt.timedelta(days=30))
    for path, data in built("fr").items():
        assert set(vevents(later[path])) == set(vevents(data))


def test_two_builds_in_separate_processes_give_identical_bytes() -> None:
    # Separate processes with different hash seeds catch output that follows set order.
    script = (
        "import datetime as dt, hashlib, sys\n"
        "from eventsite.calendars import feeds\n"
        "from eventsite.languages import LANGUAGES\n"
        "from eventsite.loader import load_site\n"
        "digest = hashlib.sha256()\n"
        "for name in ('site', 'daylight_saving'):\n"
        f"    site = load_site({str(FIXTURES)!r} + '/' + name + '.yaml')\n"
        "    for lang in LANGUAGES:\n"
        f"        for path, data in sorted(feeds(site, lang, site_url={SITE_URL!r},\n"
        "                stamp=dt.datetime(2026, 3, 20, tzinfo=dt.timezone.utc)).items()):\n"
        "            digest.update(path.encode() + data)\n"
        "print(digest.hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                cwd=ROOT, env=environment, check=True, timeout=120)
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_source_date_epoch_drives_dtstamp_and_nothing_else() -> None:
    stamp = build_time({"SOURCE_DATE_EPOCH": EPOCH})
    first = feeds(fixture_site(), "en", site_url=SITE_URL, stamp=stamp)
    for data in first.values():
        stamps = {line for line in unfolded_lines(data) if line.startswith("DTSTAMP")}
        assert stamps == {"DTSTAMP:20260320T094640Z"}
    later = feeds(fixture_site(), "en", site_url=SITE_URL,
                  stamp=build_time({"SOURCE_DATE_EPOCH": "1774086400"}))  # one day later
    for path, data in first.items():
        changed = [(a, b) for a, b in zip(unfolded_lines(data), unfolded_lines(later[path]), strict=False) if a != b]
        assert changed and all(b == "DTSTAMP:20260321T094640Z" for _, b in changed)


def test_a_stamp_without_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        feeds(fixture_site(), "en", site_url=SITE_URL, stamp=dt.datetime(2026, 3, 20))


def test_site_url_without_trailing_slash_gives_the_same_feeds() -> None:
    assert feeds(fixture_site(), "ru", site_url=SITE_URL.rstrip("/"), stamp=STAMP) == built("ru")


def test_an_event_id_named_like_a_feed_is_refused() -> None:
    site = fixture_site()
    clash = dataclasses.replace(site, events=(dataclasses.replace(site.events[0], id="deadlines"),))
    with pytest.raises(ValueError, match="deadlines"):
        feeds(clash, "en", site_url=SITE_URL, stamp=STAMP)


# --- Line format and text escaping --------------------------------------------------


def test_no_line_is_longer_than_75_octets_and_no_fold_splits_a_character() -> None:
    for _lang, path, data in every_feed():
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), path
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # raises if a fold cut a multi-byte character
    arabic = feed("ar", "all").split(b"\r\n")
    assert any(len(line) >= 70 and line.startswith(b" ") for line in arabic)  # folding did happen


def test_folded_arabic_and_chinese_text_reads_back_unchanged() -> None:
    # (Latin runs and numbers between U+2066 and U+2069, as on the page: they keep their order)
    assert str(vevents(feed("ar", "all"))["wsis-forum-2026"]["LOCATION"]) == (
        "مركز \u2066Palexpo\u2069، \u2066Route François-Peyrot 30\u2069، "
        "\u20661218 Le Grand-Saconnex\u2069 (جنيف)، سويسرا")
    assert str(vevents(feed("zh", "all"))["wsis-forum-2026"]["DESCRIPTION"]) == (
        "信息社会世界峰会年度论坛。\n\n为期一周的会议；讲习班、展览。\n\n免费注册。\n\n"
        "地点：Palexpo会展中心，瑞士日内瓦大萨康内克斯，Route François-Peyrot 30，1218\n\n"
        "更多信息：https://events.example.org/geneva/zh/events/wsis-forum-2026/")


def test_commas_semicolons_and_line_breaks_are_escaped() -> None:
    lines = unfolded_lines(feed("en", "wsis-forum-2026"))
    assert ("DESCRIPTION:The annual forum of the World Summit on the Information Society.\\n\\n"
            "A week of sessions\\; workshops\\, exhibitions.\\n\\nRegistration is free.\\n\\n"
            "Venue: Palexpo\\, Route François-Peyrot 30\\, 1218 Le Grand-Saconnex (Geneva)\\, Switzerland"
            "\\n\\nMore information: https://events.example.org/geneva/events/wsis-forum-2026/") in lines


def injected_site(title: str) -> Site:
    site = fixture_site()
    event = dataclasses.replace(site.event("igf-2026-dialogue"), title=Text({"en": title}, "en"), status="confirmed")
    return dataclasses.replace(site, events=(event,))


def test_a_title_with_a_newline_and_semicolon_cannot_inject_a_property() -> None:
    title = "Evil\r\nUID:injected@evil.example;x\nSTATUS:CANCELLED\rEND:VEVENT"
    data = feeds(injected_site(title), "en", site_url=SITE_URL, stamp=STAMP)["calendar/igf-2026-dialogue.ics"]
    lines = unfolded_lines(data)
    assert "SUMMARY:Evil\\nUID:injected@evil.example\\;x\\nSTATUS:CANCELLED\\nEND:VEVENT" in lines
    assert not [line for line in lines if line.startswith(("UID:injected", "STATUS:CANCELLED"))]
    assert lines.count("END:VEVENT") == 2  # the event and its deadline
    event = vevents(data)["igf-2026-dialogue"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Evil\nUID:injected@evil.example;x\nSTATUS:CANCELLED\nEND:VEVENT"
    parsed = vobject.readOne(data.decode("utf-8"))
    assert [e.uid.value for e in parsed.vevent_list] == ["igf-2026-dialogue-contributions@events.example.org",
                                                         "igf-2026-dialogue@events.example.org"]


def test_backslashes_stay_literal_even_before_a_capital_n() -> None:
    title = r"C:\New\ folder, A;B"
    data = feeds(injected_site(title), "en", site_url=SITE_URL, stamp=STAMP)["calendar/igf-2026-dialogue.ics"]
    assert "SUMMARY:C:\\\\New\\\\ folder\\, A\\;B" in unfolded_lines(data)
    assert str(vevents(data)["igf-2026-dialogue"]["SUMMARY"]) == title
    assert vobject.readOne(data.decode("utf-8")).vevent_list[1].summary.value == title


def test_control_characters_are_dropped_from_text() -> None:
    data = feeds(injected_site("Bell\x07 and\x00 tab\tkept"), "en", site_url=SITE_URL, stamp=STAMP)
    assert "SUMMARY:Bell and tab\tkept" in unfolded_lines(data["calendar/igf-2026-dialogue.ics"])


# --- Entry properties ----------------------------------------------------------------


CANCELLED_DIALOGUE = {
    "ar": "أُلغي: حوار منتدى إدارة الإنترنت",
    "zh": "已取消：互联网治理论坛对话",
    "en": "Cancelled: IGF Dialogue",
    "fr": "Annulé\u00a0: Dialogue du FGI",
    "ru": "Отменено: Диалог ФУИ",
    "es": "Cancelado: Diálogo del FGI",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_cancelled_event_keeps_its_uid_and_gets_the_translated_prefix(lang: str) -> None:
    for name in ("all", "igf-2026-dialogue"):
        event = vevents(feed(lang, name))["igf-2026-dialogue"]
        assert str(event["UID"]) == "igf-2026-dialogue@events.example.org"
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["SUMMARY"]) == CANCELLED_DIALOGUE[lang]
        assert event["SEQUENCE"] == 3


def test_sessions_inherit_status_and_revision_unless_they_have_their_own_status() -> None:
    entries = vevents(feed("en", "all"))
    assert str(entries["wsis-forum-2026-opening"]["STATUS"]) == "CONFIRMED"
    assert str(entries["hlpf-2026-ministerial"]["STATUS"]) == "TENTATIVE"
    assert str(entries["wsis-forum-2026-hackathon"]["STATUS"]) == "CANCELLED"
    assert str(entries["wsis-forum-2026-hackathon"]["SUMMARY"]) == "Cancelled: WSIS Forum 2026: Hackathon"
    assert entries["wsis-forum-2026-opening"]["SEQUENCE"] == 2
    assert entries["hlpf-2026-ministerial"]["SEQUENCE"] == 0
    deadline = vevents(feed("en", "deadlines"))["igf-2026-dialogue-contributions"]
    assert str(deadline["STATUS"]) == "CANCELLED"
    assert str(deadline["SUMMARY"]) == "Cancelled: Deadline: Contributions (IGF Dialogue)"


def test_event_entry_has_summary_location_page_url_category_and_last_modified() -> None:
    lines = unfolded_lines(feed("fr", "all"))
    assert "SUMMARY:Forum du SMSI 2026" in lines
    assert ("LOCATION:Palexpo\\, Route François-Peyrot 30\\, 1218 Le Grand-Saconnex (Genève)\\, Suisse"
            in lines)
    assert "URL:https://events.example.org/geneva/fr/events/wsis-forum-2026/" in lines
    assert "CATEGORIES:Forum" in lines
    assert "CATEGORIES:Manifestation de haut niveau" in lines
    assert "LAST-MODIFIED:20260317T000000Z" in lines
    assert "SEQUENCE:2" in lines
    assert not [line for line in lines if line.startswith("GEO")]


def test_an_event_without_venue_has_no_location() -> None:
    assert "LOCATION" not in vevents(feed("en", "all"))["igf-2026-dialogue"]


# --- Calendar properties -------------------------------------------------------------


def test_calendar_has_no_method_a_fixed_prodid_names_refresh_interval_and_page_url() -> None:
    head = unfolded_lines(feed("ar", "all"))[:12]
    assert head[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//eventsite//Calendar feeds 1.0//EN"]
    # A feed is no iTIP message (RFC 5545 3.7.2): no METHOD, and so no ORGANIZER needed (RFC 5546).
    assert not [line for _lang, _path, data in every_feed() for line in unfolded_lines(data)
                if line.startswith(("METHOD", "ORGANIZER"))]
    assert "NAME:اجتماعات الاختبار: الأحداث" in head
    assert "X-WR-CALNAME:اجتماعات الاختبار: الأحداث" in head
    description = "جميع الأحداث وجلساتها. ويحدِّث تطبيق التقويم لديك هذا التقويم تلقائياً."
    assert f"DESCRIPTION:{description}" in head
    assert f"X-WR-CALDESC:{description}" in head
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in head
    assert "X-PUBLISHED-TTL:PT12H" in head
    assert "URL:https://events.example.org/geneva/ar/" in head


def test_event_feed_is_named_after_the_event_and_points_to_its_page() -> None:
    lines = unfolded_lines(feed("es", "hlpf-2026"))
    assert "NAME:Foro Político de Alto Nivel 2026" in lines
    assert "X-WR-CALDESC:Seguimiento de la Agenda 2030." in lines
    assert "URL:https://events.example.org/geneva/es/events/hlpf-2026/" in lines
    deadlines = unfolded_lines(feed("zh", "deadlines"))
    assert "X-WR-CALNAME:测试会议：截止日期" in deadlines


# --- Links for pages -----------------------------------------------------------------


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def test_add_to_calendar_links_of_an_event() -> None:
    site = fixture_site()
    links = add_to_calendar_links(site.event("wsis-forum-2026"), "fr", site_url=SITE_URL, site=site)
    assert set(links) == {"download", "subscribe", "google_subscribe", "outlook_subscribe", "outlook_work_subscribe",
                          "google_event", "outlook_event", "outlook_work_event", "outlook_event_phone",
                          "outlook_work_event_phone"}
    assert links["download"] == "https://events.example.org/geneva/fr/calendar/wsis-forum-2026.ics"
    assert links["subscribe"] == "webcal://events.example.org/geneva/fr/calendar/all.ics"
    assert links["google_subscribe"] == ("https://calendar.google.com/calendar/render?cid="
                                         "webcal%3A%2F%2Fevents.example.org%2Fgeneva%2Ffr%2Fcalendar%2Fall.ics")
    assert links["outlook_subscribe"] == (
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fevents.example.org%2Fgeneva"
        "%2Ffr%2Fcalendar%2Fall.ics&name=R%C3%A9unions%20d%27essai%C2%A0%3A%20%C3%A9v%C3%A9nements")
    assert all(value for value in links.values())


def test_google_event_link_gives_all_day_dates_with_an_exclusive_end() -> None:
    site = fixture_site()
    link = add_to_calendar_links(site.event("hlpf-2026"), "en", site_url=SITE_URL, site=site)["google_event"]
    assert link.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&text=High-level%20")
    assert "&dates=20260713/20260718&" in link
    assert query(link) == {
        "action": ["TEMPLATE"],
        "text": ["High-level Political Forum 2026"],
        "dates": ["20260713/20260718"],
        "details": ["Follow-up of the 2030 Agenda.\n\nhttps://events.example.org/geneva/events/hlpf-2026/"],
        "location": ["United Nations Headquarters"],
    }


def test_google_event_link_encodes_arabic_and_reserved_characters() -> None:
    site = fixture_site()
    link = add_to_calendar_links(site.event("wsis-forum-2026"), "ar", site_url=SITE_URL, site=site)["google_event"]
    assert " " not in link and "،" not in link and "(" not in link
    assert query(link)["location"] == ["مركز Palexpo، Route François-Peyrot 30، 1218 Le Grand-Saconnex (جنيف)، سويسرا"]
    assert query(link)["text"] == ["منتدى القمة العالمية لمجتمع المعلومات لعام 2026"]


def test_a_month_only_event_gets_only_the_subscribe_links() -> None:
    site = fixture_site()
    links = add_to_calendar_links(site.event("wsis-2027-summit"), "en", site_url=SITE_URL, site=site)
    assert links == {
        "subscribe": "webcal://events.example.org/geneva/calendar/all.ics",
        "google_subscribe": "https://calendar.google.com/calendar/render?cid="
                            "webcal%3A%2F%2Fevents.example.org%2Fgeneva%2Fcalendar%2Fall.ics",
        "outlook_subscribe": "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2F"
                             "events.example.org%2Fgeneva%2Fcalendar%2Fall.ics&name=Test%20meetings%3A%20events",
        "outlook_work_subscribe": "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2F"
                                  "events.example.org%2Fgeneva%2Fcalendar%2Fall.ics&name=Test%20meetings%3A%20events",
    }


def test_a_cancelled_event_keeps_its_links_and_says_cancelled_in_the_google_copy() -> None:
    site = fixture_site()
    links = add_to_calendar_links(site.event("igf-2026-dialogue"), "es", site_url=SITE_URL, site=site)
    assert links["download"] == "https://events.example.org/geneva/es/calendar/igf-2026-dialogue.ics"
    assert query(links["google_event"])["text"] == ["Cancelado: Diálogo del FGI"]
    assert query(links["google_event"])["dates"] == ["20260901/20260902"]


def test_every_link_points_to_a_feed_that_is_built() -> None:
    site = fixture_site()
    for lang in LANGUAGES:
        paths = set(built(lang))
        for event in site.events:
            links = add_to_calendar_links(event, lang, site_url=SITE_URL, site=site)
            for key in ("download", "subscribe"):
                if key in links:
                    assert urlsplit(links[key]).path.removeprefix("/geneva/") in paths


def test_feed_links_for_the_home_page() -> None:
    links = feed_links("zh", site_url=SITE_URL, site=fixture_site())
    assert set(links) == {"events", "deadlines"}
    assert links["events"]["download"] == "https://events.example.org/geneva/zh/calendar/all.ics"
    assert links["deadlines"] == {
        "download": "https://events.example.org/geneva/zh/calendar/deadlines.ics",
        "subscribe": "webcal://events.example.org/geneva/zh/calendar/deadlines.ics",
        "google_subscribe": "https://calendar.google.com/calendar/render?cid="
                            "webcal%3A%2F%2Fevents.example.org%2Fgeneva%2Fzh%2Fcalendar%2Fdeadlines.ics",
        "outlook_subscribe": "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2F"
                             "events.example.org%2Fgeneva%2Fzh%2Fcalendar%2Fdeadlines.ics"
                             "&name=%E6%B5%8B%E8%AF%95%E4%BC%9A%E8%AE%AE%EF%BC%9A%E6%88%AA%E6%AD%A2%E6%97%A5%E6%9C%9F",
        "outlook_work_subscribe": "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2F"
                                  "events.example.org%2Fgeneva%2Fzh%2Fcalendar%2Fdeadlines.ics"
                                  "&name=%E6%B5%8B%E8%AF%95%E4%BC%9A%E8%AE%AE%EF%BC%9A%E6%88%AA%E6%AD%A2%E6%97%A5%E6%9C%9F",
    }


# --- Strings ---------------------------------------------------------------------------


def test_calendar_strings_have_all_six_languages_and_the_same_placeholders() -> None:
    strings = yaml.safe_load((ROOT / "eventsite" / "locales" / "calendar.yaml").read_text(encoding="utf-8"))
    assert len(strings) >= 20
    for key, values in strings.items():
        assert key.startswith("calendar."), key
        assert set(values) == set(LANGUAGES), key
        placeholders = {lang: sorted(re.findall(r"\{(\w+)\}", text)) for lang, text in values.items()}
        assert all(value == placeholders["en"] for value in placeholders.values()), key
        assert all(text.strip() == text and text for text in values.values()), key
    for kind in ("forum", "summit", "dialogue", "high-level-event", "meeting", "session"):
        assert f"calendar.kind.{kind}" in strings
    for help_key in ("download", "subscribe", "google", "outlook"):  # used by the page templates
        assert f"calendar.help.{help_key}" in strings


def test_links_without_the_site_still_work_with_plain_names_and_no_location() -> None:
    event = fixture_site().event("hlpf-2026")
    links = add_to_calendar_links(event, "en", site_url=SITE_URL)
    assert query(links["outlook_subscribe"])["name"] == ["All events"]
    assert "location" not in query(links["google_event"])
    assert query(feed_links("ru", site_url=SITE_URL)["deadlines"]["outlook_subscribe"])["name"] == ["Все крайние сроки"]


# --- The real data file ------------------------------------------------------------


def expected_times(site: Site) -> dict[str, Times]:
    """From the model: which ids each feed of `site` should hold and their dates or UTC times."""
    def day(value: object, after: bool = False) -> str:
        assert isinstance(value, dt.date)
        return (value + dt.timedelta(days=1 if after else 0)).isoformat()

    def exact(*values: object) -> bool:
        return all(isinstance(value, dt.date) for value in values)

    def utc(value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    result: dict[str, Times] = {"all": {}, "deadlines": {}}
    for event in site.events:
        own: Times = {}
        if exact(event.start, event.end):
            own[event.id] = (day(event.start), day(event.end, after=True))
        for session in event.sessions:
            last = session.end or session.start
            if isinstance(session.start, dt.datetime):
                end = utc(session.end) if isinstance(session.end, dt.datetime) else None
                own[session.id] = (utc(session.start), end)
            else:
                own[session.id] = (day(session.start), day(last, after=True))
        result["all"].update(own)
        for deadline in event.deadlines:
            if exact(deadline.date):
                own[deadline.id] = result["deadlines"][deadline.id] = (day(deadline.date),
                                                                       day(deadline.date, after=True))
        if exact(event.start, event.end):
            result[event.id] = own
    for week in build_programme(site).weeks:
        ids = [event.id for event in week.events] + [session.id for event in week.events for session in event.sessions]
        result[f"weeks/{week.start.isoformat()}"] = {id: result["all"][id] for id in ids if id in result["all"]}
    return result


def test_the_real_data_file_gives_feeds_that_three_parsers_read_as_the_data_says(tmp_path: Path) -> None:
    site, problems = read_site(REAL_DATA)
    assert site is not None, problems
    expected = expected_times(site)
    domain = site.site.uid_domain
    for lang in LANGUAGES:
        built_feeds = feeds(site, lang, site_url=SITE_URL, stamp=STAMP)
        prefix = "" if lang == "en" else f"{lang}/"
        assert set(built_feeds) == {f"{prefix}calendar/{name}.ics" for name in expected}
        for path, data in built_feeds.items():
            name = feed_name_of(path)
            assert all(len(line) <= 75 for line in data.split(b"\r\n")), path
            if lang == "en":
                assert_three_parsers_agree(data, tmp_path / f"{name.replace('/', '-')}.ics", expected[name], domain)
            else:
                assert icalendar_times(data) == with_host(expected[name], domain), path


def test_a_cancelled_deadline_stays_in_the_feed_as_cancelled_while_its_event_is_confirmed():
    site = load_site(ROOT / "data" / "events.example.yaml")
    event = site.events[0]
    deadline = dataclasses.replace(event.deadlines[0], status="cancelled")
    site = dataclasses.replace(site, events=(dataclasses.replace(event, deadlines=(deadline,)),))
    feed = feeds(site, "en", site_url="https://example.org/", stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    text = feed["calendar/deadlines.ics"].decode()
    assert f"UID:{deadline.id}@events.example.org" in text
    assert "STATUS:CANCELLED" in text and "SUMMARY:Cancelled: " in text
    assert "STATUS:CONFIRMED" in feed["calendar/all.ics"].decode()


def test_entries_are_written_byte_for_byte_as_icalendar_writes_them() -> None:
    """Our folding (a fast path for the lines that need none) against icalendar's own
    `to_ical`, on texts of every script, with escapes at every place a fold may fall."""
    rng = random.Random(5545)
    alphabet = "abc ;,:\\^éü日内瓦جنيف" + "x" * 8
    for _ in range(2000):
        component = VEvent()
        component.add("UID", "x@example.org")
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            component.add(name, "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 240))))
        assert serialise(component) == component.to_ical()
