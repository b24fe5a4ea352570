"""`python -m eventsite init` for three language sets: right-to-left other than Arabic
(fa, en), a script the WSIS site does not use (en, el: Greek), and two languages (es, pt).
Each new site is built with `mkdocs build --strict`, its example data validated, and its
language bar, `dir`, dates and feeds checked in each language.

fa, el and pt have no UI strings in the package: the tests bring a locale file whose
strings are marked as test data ("TEST-fa: ..." around the English), never translations.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import yaml
from babel.dates import format_interval

from eventsite import ui
from eventsite.dates import babel_locale
from eventsite.languages import Languages, direction, native_name
from eventsite.loader import load_site

pytestmark = pytest.mark.site

TODAY = dt.date(2026, 3, 2)  # the example event: 30 days later, three days long
START, END = dt.date(2026, 4, 1), dt.date(2026, 4, 3)
SETS = {"fa,en": ("fa", "en"), "en,el": ("en", "el"), "es,pt": ("es", "pt")}


def marked_strings(lang: str) -> dict[str, dict[str, str]]:
    """Every UI string of `lang`, marked as test data: the English with a TEST prefix."""
    return {key: {lang: f"TEST-{lang}: {values['en']}"} for key, values in ui.package_strings().items()}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1775000000",
           "SITE_URL": "https://example.org/site/"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module", params=list(SETS))
def new_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Languages]:
    languages = Languages.of(list(SETS[request.param]))
    work = tmp_path_factory.mktemp("init")
    extra = []
    for lang in languages:
        if ui.missing_for(lang, ui.package_strings()):
            locale = work / f"test-{lang}.yaml"
            locale.write_text(yaml.safe_dump(marked_strings(lang), allow_unicode=True), encoding="utf-8")
            extra += ["--ui-strings", str(locale)]
    root = work / "site"
    made = run(sys.executable, "-m", "eventsite", "init", str(root), "--languages", request.param,
               "--title", "Test site", "--today", TODAY.isoformat(), *extra)
    assert made.returncode == 0, made.stderr
    built = run(sys.executable, "-m", "mkdocs", "build", "--strict", "-q", cwd=root)
    assert built.returncode == 0, built.stderr
    return root, languages


def test_init_refuses_a_language_without_ui_strings_naming_the_missing_keys(tmp_path: Path) -> None:
    made = run(sys.executable, "-m", "eventsite", "init", str(tmp_path / "x"), "--languages", "en,sw",
               "--title", "T")
    assert made.returncode == 1
    keys = ui.missing_for("sw", ui.package_strings())
    assert made.stderr.startswith(f"site.languages: sw has no UI strings for {len(keys)} of {len(keys)} keys "
                                  f"(expected a text for each key in locales/*.yaml, found none for: "
                                  f"{', '.join(keys)}); ")
    assert not (tmp_path / "x").exists()


def test_the_example_data_is_valid(new_site: tuple[Path, Languages]) -> None:
    root, languages = new_site
    site = load_site(root / "data" / "events.yaml")
    assert site.languages == languages
    assert [event.id for event in site.events] == ["example-event"]
    assert all("EXAMPLE" in site.events[0].title.get(lang) for lang in languages)
    checked = run(sys.executable, "-m", "eventsite", "validate", "data/events.yaml", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_language_bar_and_direction_in_each_language(new_site: tuple[Path, Languages]) -> None:
    root, languages = new_site
    for lang in languages:
        html = (root / "site" / languages.url_prefix(lang) / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert f'dir="{direction(lang)}"' in html
        for other in languages:
            assert f'hreflang="{other}"' in html and native_name(other) in html, (lang, other)
    assert direction(languages.codes[0]) == ("rtl" if languages.codes[0] == "fa" else "ltr")


# The example event's dates as CLDR writes them (Babel 2.18), Spanish in UN style.
DATES = {"fa": "1 تا 3 آوریل 2026", "en": "1–3 April 2026", "el": "1–3 Απριλίου 2026",
         "es": "1 a 3 de abril de 2026", "pt": "1\u2009–\u20093 de abril de 2026"}


def test_dates_in_each_language(new_site: tuple[Path, Languages]) -> None:
    root, languages = new_site
    for lang in languages:
        html = (root / "site" / languages.url_prefix(lang) / "events/example-event/index.html").read_text(
            encoding="utf-8")
        assert DATES[lang] in html, lang
        assert format_interval(START, END, "yMMMd", locale=babel_locale(lang))  # CLDR knows the language
        assert 'datetime="2026-04-01"' in html


def test_feeds_in_each_language(new_site: tuple[Path, Languages]) -> None:
    root, languages = new_site
    for lang in languages:
        feed = root / "site" / languages.url_prefix(lang) / "calendar" / "all.ics"
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert [str(e["UID"]) for e in events] == ["example-event@events.example.org"]
        assert events[0].decoded("DTSTART") == START and events[0].decoded("DTEND") == END + dt.timedelta(days=1)
        summary = str(events[0]["SUMMARY"])
        isolated = "\u2066the event's title\u2069"  # Latin runs isolated in right-to-left languages
        assert summary.endswith(isolated if direction(lang) == "rtl" else "the event's title"), (lang, summary)


def test_the_new_site_passes_its_own_tests(new_site: tuple[Path, Languages]) -> None:
    root, _languages = new_site
    tested = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", cwd=root)
    assert tested.returncode == 0, tested.stdout
