"""Dates as each language writes them (CLDR via Babel), and machine-readable values for <time>."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale
from babel.dates import format_date, format_datetime, format_interval, format_skeleton

from eventsite.model import Day, Moment, Month

# English pages follow UN usage (6 July 2026), which is CLDR's British English.
BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans", "en": "en_GB", "fr": "fr", "ru": "ru", "es": "es"}


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES[lang]


def format_day(day: Day | None, lang: str, weekday: bool = False) -> str:
    """One day ("6 July 2026", with the weekday if asked), a month only ("March 2026"), or
    nothing for an undated document."""
    if day is None:
        return ""
    if isinstance(day, Month):
        return format_skeleton("yMMMM", day.first_day(), locale=babel_locale(lang))
    return first_of_month(format_date(day, "full" if weekday else "long", locale=babel_locale(lang)), day, lang)


def first_of_month(text: str, day: dt.date, lang: str) -> str:
    """French writes the first day of a month as an ordinal: "1er mai 2026"."""
    if lang == "fr" and day.day == 1:
        return re.sub(r"(?<!\d)1(?=[\s\u00a0\u2013–])", "1er", text, count=1)
    return text


def format_moment(moment: Moment, lang: str) -> str:
    """A day, or a date and time of day in its own time zone."""
    if isinstance(moment, dt.datetime):
        return format_datetime(moment, "long", tzinfo=moment.tzinfo, locale=babel_locale(lang))
    return format_day(moment, lang)


def format_date_range(start: Day, end: Day, lang: str) -> str:
    """A span of days in the language's own way: "6–10 July 2026", "6 و7 يوليو 2026"."""
    if isinstance(start, Month) or isinstance(end, Month):
        if start == end:
            return format_day(start, lang)
        return f"{format_day(start, lang)} – {format_day(end, lang)}"
    if start == end:
        return format_day(start, lang)
    if lang == "ar":
        return arabic_range(start, end)
    if lang == "es" and end - start == dt.timedelta(days=1) and start.month == end.month:
        month = Locale.parse(babel_locale(lang)).months["format"]["wide"][end.month]
        return f"{start.day} y {end.day} de {month} de {end.year}"
    text = format_interval(start, end, "yMMMMd", locale=babel_locale(lang))
    return first_of_month(widen_months(text, lang), start, lang)


def arabic_range(start: dt.date, end: dt.date) -> str:
    """UN Arabic style: "6 و7 يوليو 2026" for two days, "من 6 إلى 10 يوليو 2026" for more."""
    def month(day: dt.date) -> str:
        return format_skeleton("MMMM", day, locale="ar")

    if (start.year, start.month) == (end.year, end.month):
        if end - start == dt.timedelta(days=1):
            return f"{start.day} و{end.day} {month(end)} {end.year}"
        return f"من {start.day} إلى {end.day} {month(end)} {end.year}"
    if start.year == end.year:
        return f"من {start.day} {month(start)} إلى {end.day} {month(end)} {end.year}"
    return f"من {start.day} {month(start)} {start.year} إلى {end.day} {month(end)} {end.year}"


@cache
def month_name_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    locale = Locale.parse(babel_locale(lang))
    short = locale.months["format"]["abbreviated"]
    wide = locale.months["format"]["wide"]
    mapping = {short[number]: wide[number] for number in short if short[number] != wide[number]}
    if not mapping:
        return re.compile(r"(?!)"), mapping
    alternatives = "|".join(re.escape(name) for name in sorted(mapping, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)"), mapping


def widen_months(text: str, lang: str) -> str:
    """Replace CLDR's abbreviated month names ("juil.") by the full ones ("juillet")."""
    pattern, mapping = month_name_pattern(lang)
    return pattern.sub(lambda match: mapping[match.group(1)], text)


def iso(value: Day | Moment | None) -> str:
    """The value for a <time datetime="..."> attribute ("2026-07-06", "2026-03"); "" when undated."""
    return value.isoformat() if value is not None else ""
