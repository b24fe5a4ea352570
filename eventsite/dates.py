"""Dates as each language writes them (CLDR via Babel), and machine-readable values for <time>."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton

from eventsite.languages import babel_code
from eventsite.model import Day, Moment, Month

# The CLDR locale whose dates, lists and plural forms a language's pages use: the site's
# code itself, but for plain `en`, which international organisations write as CLDR's British
# English (6 July 2026; CLDR's `en` is American: July 6, 2026). A site that wants American
# dates names `en-US` among its languages.
BABEL_LOCALES = {"en": "en_GB", "zh": "zh_Hans"}


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang) or babel_code(lang)


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
        time = format_skeleton("Hm", moment, tzinfo=moment.tzinfo, locale=babel_locale(lang))
        return date_and_time(format_day(moment.date(), lang), time, lang)
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
    if lang == "es":
        return spanish_range(start, end)
    text = format_interval(start, end, "yMMMMd", locale=babel_locale(lang))
    return first_of_month(widen_months(text, lang), start, lang)


def format_span(start: Day | Moment, end: Day | Moment, lang: str) -> str:
    """A span of days, or of times of day in the zone of the start ("8 July 2026, 10:00–12:30";
    a session's start and end share its zone)."""
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        if start.date() == end.astimezone(start.tzinfo).date():
            times = format_interval(start, end, "Hm", tzinfo=start.tzinfo, locale=babel_locale(lang))
            return date_and_time(format_day(start.date(), lang), times, lang)
        return f"{format_moment(start, lang)} – {format_moment(end, lang)}"
    if isinstance(start, Month) or isinstance(end, Month):
        return format_date_range(start, end, lang)
    if isinstance(start, dt.datetime) or isinstance(end, dt.datetime):
        return f"{format_moment(start, lang)} – {format_moment(end, lang)}"
    return format_date_range(start, end, lang)


def date_and_time(day: str, time: str, lang: str) -> str:
    """A day and a time of day joined as the language joins them (CLDR: "{1}, {0}")."""
    pattern = str(Locale.parse(babel_locale(lang)).datetime_formats["long"])
    return pattern.replace("{1}", day).replace("{0}", time)


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


def spanish_range(start: dt.date, end: dt.date) -> str:
    """UN Spanish style (document headings such as "Viena, 15 a 19 de octubre de 2012"):
    "9 y 10 de septiembre de 2025" for two days, "7 a 10 de julio de 2026" for more,
    "28 de julio a 5 de agosto de 1997" across months; never CLDR's "7–10 de julio"."""
    months = Locale.parse(babel_locale("es")).months["format"]["wide"]
    word = "y" if end - start == dt.timedelta(days=1) else "a"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} {word} {end.day} de {months[end.month]} de {end.year}"
    if start.year == end.year:
        return f"{start.day} de {months[start.month]} {word} {end.day} de {months[end.month]} de {end.year}"
    return f"{start.day} de {months[start.month]} de {start.year} {word} {end.day} de {months[end.month]} de {end.year}"


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
