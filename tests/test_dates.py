"""Dates as each language writes them. Expected strings are typed from CLDR/UN usage,
including CLDR's thin spaces (U+2009) and narrow no-break spaces (U+202F)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventsite.dates import format_date_range, format_day, iso
from eventsite.model import Month

JULY_6, JULY_7, JULY_10 = dt.date(2026, 7, 6), dt.date(2026, 7, 7), dt.date(2026, 7, 10)


@pytest.mark.parametrize("lang, expected", [
    ("en", "6–10 July 2026"),
    ("fr", "6–10 juillet 2026"),
    ("es", "6 a 10 de julio de 2026"),
    ("ru", "6–10 июля 2026\u202fг."),
    ("zh", "2026年7月6日至10日"),
    ("ar", "من 6 إلى 10 يوليو 2026"),
])
def test_a_range_within_one_month_uses_full_month_names(lang, expected):
    assert format_date_range(JULY_6, JULY_10, lang) == expected


def test_arabic_two_day_range_follows_un_usage_with_waw():
    assert format_date_range(JULY_6, JULY_7, "ar") == "6 و7 يوليو 2026"


def test_arabic_range_across_months_names_both_months():
    assert format_date_range(dt.date(2024, 5, 27), dt.date(2024, 6, 2), "ar") == "من 27 مايو إلى 2 يونيو 2024"


def test_range_across_years_in_english_repeats_the_year_with_thin_spaces():
    assert format_date_range(dt.date(2025, 12, 30), dt.date(2026, 1, 2), "en") == \
        "30 December 2025\u2009–\u20092 January 2026"


@pytest.mark.parametrize("start, end, expected", [
    # UN Spanish documents write ranges with "a" ("Nairobi, 5 a 9 de mayo de 2003") and two
    # days with "y"; a dash between days ("7–10 de julio", CLDR's form) is not UN usage.
    (dt.date(2026, 7, 7), dt.date(2026, 7, 10), "7 a 10 de julio de 2026"),
    (dt.date(2025, 9, 9), dt.date(2025, 9, 10), "9 y 10 de septiembre de 2025"),
    (dt.date(1997, 7, 28), dt.date(1997, 8, 5), "28 de julio a 5 de agosto de 1997"),
    (dt.date(2026, 7, 31), dt.date(2026, 8, 1), "31 de julio y 1 de agosto de 2026"),
    (dt.date(2025, 12, 30), dt.date(2026, 1, 2), "30 de diciembre de 2025 a 2 de enero de 2026"),
])
def test_spanish_ranges_follow_un_usage_without_a_dash(start, end, expected):
    assert format_date_range(start, end, "es") == expected


def test_single_day_range_is_one_date():
    assert format_date_range(JULY_6, JULY_6, "fr") == "6 juillet 2026"


@pytest.mark.parametrize("lang, expected", [
    ("en", "March 2026"), ("fr", "mars 2026"), ("es", "marzo de 2026"),
    ("ru", "март 2026\u202fг."), ("zh", "2026年3月"), ("ar", "مارس 2026"),
])
def test_a_month_only_date_shows_only_the_month(lang, expected):
    assert format_day(Month(2026, 3), lang) == expected


def test_a_weekday_is_shown_for_single_days_when_asked():
    assert format_day(dt.date(2026, 7, 9), "en", weekday=True) == "Thursday, 9 July 2026"
    assert format_day(dt.date(2026, 7, 9), "ar", weekday=True) == "الخميس، 9 يوليو 2026"


def test_arabic_dates_use_latin_digits_as_un_arabic_documents_do():
    assert format_day(dt.date(2026, 7, 6), "ar") == "6 يوليو 2026"


def test_machine_readable_values_for_time_elements():
    assert iso(JULY_6) == "2026-07-06"
    assert iso(Month(2026, 3)) == "2026-03"


def test_today_is_decided_in_geneva_not_in_utc():
    from eventsite.clock import build_time, site_today
    instant = dt.datetime(2026, 7, 5, 22, 30, tzinfo=dt.UTC)
    late_evening_utc = build_time({"SOURCE_DATE_EPOCH": str(int(instant.timestamp()))})
    assert late_evening_utc.date() == dt.date(2026, 7, 5)
    assert site_today(late_evening_utc) == dt.date(2026, 7, 6)  # 00:30 in Geneva (UTC+2 in summer)
