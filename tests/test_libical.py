"""Every feed as libical reads it: libical 3.0.16 (Debian 12's `libical3`, which `make test`
installs), the C library under Evolution, GNOME Calendar and Cyrus, called through ctypes.

libical's parser marks what it cannot read with X-LIC-ERROR properties, and its restriction
check (`icalrestriction_check`) applies RFC 5545's and, for a calendar with a METHOD, RFC
5546's tables of which properties each component must and may have. A feed is checked for
both, in every language, for the real data and the test fixtures.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import re
import sys
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT
from sitebuild import SITE_URL

from eventsite.calendars import build_calendar, feeds
from eventsite.languages import LANGUAGES
from eventsite.loader import load_site

LIBICAL_VERSION = "3.0.16"
STAMP = dt.datetime(2026, 3, 20, 9, 46, 40, tzinfo=dt.UTC)
DATA = {"data": ROOT / "data" / "events.yaml", "example": ROOT / "data" / "events.example.yaml",
        **{path.stem: path for path in sorted((ROOT / "tests" / "fixtures" / "calendar").glob("*.yaml"))}}


@cache
def libical() -> ctypes.CDLL:
    name = ctypes.util.find_library("ical")
    assert name, "libical is not installed: `make test` installs Debian's libical3 (apt-get install libical3)"
    lib = ctypes.CDLL(name)
    lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
    lib.icalparser_parse_string.restype = ctypes.c_void_p
    lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
    lib.icalrestriction_check.restype = ctypes.c_int
    lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
    lib.icalcomponent_isa.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_isa.restype = ctypes.c_int
    lib.icalcomponent_string_to_kind.argtypes = [ctypes.c_char_p]
    lib.icalcomponent_string_to_kind.restype = ctypes.c_int
    lib.icalcomponent_count_components.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.icalcomponent_count_components.restype = ctypes.c_int
    lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
    return lib


def libical_file() -> Path:
    """The shared library ctypes loads, resolved to its versioned file."""
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"):
        candidate = Path(folder) / "libical.so.3"
        if candidate.exists():
            return candidate.resolve()
    raise AssertionError("libical.so.3 not found")


def libical_report(data: bytes) -> tuple[list[str], int]:
    """libical's errors for a calendar (parse and restriction checks), and its VEVENT count."""
    lib = libical()
    component = lib.icalparser_parse_string(data)
    assert component, "libical could not parse the calendar at all"
    try:
        assert lib.icalcomponent_isa(component) == lib.icalcomponent_string_to_kind(b"VCALENDAR")
        lib.icalrestriction_check(component)
        text = lib.icalcomponent_as_ical_string(component).decode("utf-8").replace("\r\n ", "")
        errors = [line for line in text.split("\r\n") if line.startswith("X-LIC-ERROR")]
        return errors, lib.icalcomponent_count_components(component, lib.icalcomponent_string_to_kind(b"VEVENT"))
    finally:
        lib.icalcomponent_free(component)


@cache
def every_feed(name: str) -> dict[str, bytes]:
    site = load_site(DATA[name])
    return {path: ics for lang in LANGUAGES for path, ics in feeds(site, lang, site_url=SITE_URL,
                                                                    stamp=STAMP).items()}


def test_the_libical_the_tests_use_is_the_pinned_one() -> None:
    assert sys.platform == "linux"
    assert libical_file().name == f"libical.so.{LIBICAL_VERSION}"


@pytest.mark.parametrize("name", DATA)
def test_libical_reads_every_feed_without_an_error_and_finds_every_entry(name: str) -> None:
    for path, ics in every_feed(name).items():
        errors, count = libical_report(ics)
        assert errors == [], (name, path)
        assert count == ics.count(b"BEGIN:VEVENT\r\n"), (name, path)


def test_the_check_can_fail_a_publish_message_without_organizer_is_refused() -> None:
    ics = every_feed("data")["calendar/all.ics"]
    as_publish = ics.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:PUBLISH\r\n", 1)
    errors, _count = libical_report(as_publish)
    assert errors and all("Failed iTIP restrictions for ORGANIZER property" in error for error in errors)


def test_a_feed_with_no_entry_still_has_the_one_component_rfc_5545_requires() -> None:
    ics = build_calendar([], name="Nothing yet", description="No deadline known to the day.",
                         url="https://example.org/")
    assert re.findall(rb"\r\nBEGIN:(\w+)\r\n", ics) == [b"VTIMEZONE", b"STANDARD"]
    assert libical_report(ics) == ([], 0)


def test_make_test_installs_libical() -> None:
    system_packages = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nsystem-packages:")[1]
    assert "libical3" in system_packages
