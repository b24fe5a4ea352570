"""Page fragments as the templates lay the views out: what they show in each language, and
that text from the data can never become markup. (What the pages decide is tested on the
views: tests/test_views.py.)"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from conftest import EXAMPLE, HOSTILE_TITLE, PAGES_SITE, TEMPLATES
from sitebuild import SITE_URL

from eventsite.languages import LANGUAGES, url_prefix
from eventsite.loader import load_site
from eventsite.paths import event_path, relative_url
from eventsite.views import render
from eventsite.views.context import PageContext

ENV = render.make_environment(TEMPLATES)
SITE = load_site(PAGES_SITE)


def body(kind: str, lang: str, today: dt.date, data=None, event_id: str | None = None, path: str = "") -> str:
    site = SITE if data is None else load_site(data)
    ctx = PageContext(site, lang, today, SITE_URL, url_prefix(lang) + path if path else path)
    if event_id is not None:
        return str(render.event_body(site.event(event_id), ctx, ENV))
    return str(render.page_body(kind, ctx, ENV))


def section(html: str, start: str, end: str = "</section>") -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def json_ld_of(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_event_page_shows_dates_in_a_time_element_in_the_page_language():
    html = body("event", "fr", dt.date(2026, 6, 1), event_id="forum-2026")
    assert '<time datetime="2026-07-06">6–10 juillet 2026</time>' in html
    assert "Toutes les heures" in unescape(html)  # a session at a time of day: the zone is named
    assert "Europe/Zurich" not in body("event", "fr", dt.date(2026, 6, 1), event_id="summit-2026")


def test_a_session_at_a_time_of_day_shows_its_day_and_times_as_the_language_writes_them():
    html = unescape(body("event", "en", dt.date(2026, 6, 1), event_id="forum-2026"))
    assert '<time datetime="2026-07-09T10:00:00+02:00">9 July 2026, 10:00–11:30</time>' in html


def test_a_hostile_title_stays_text_in_html_and_in_json_ld(hostile_data):
    html = body("event", "en", dt.date(2026, 6, 1), data=hostile_data, event_id="wsis-forum-2026")
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert json_ld_of(html)["name"] == HOSTILE_TITLE
    home = body("home", "en", dt.date(2026, 6, 1), data=hostile_data)
    assert "<script>alert" not in home and "&lt;/script&gt;&lt;script&gt;alert(" in home


def test_home_names_the_next_open_deadline_with_its_countdown():
    html = body("home", "en", dt.date(2026, 4, 1))
    hero = unescape(section(html, '<section class="es-hero"'))
    assert "Next deadline" in hero and "Requests to speak" in hero
    assert 'data-es-deadline="2026-05-01">in 30 days<' in hero
    assert "Consultation" not in section(html, 'id="deadlines"', "</ul>")  # March: closed by April


def test_home_summary_gives_when_where_countdown_and_actions_of_the_next_week():
    hero = unescape(section(body("home", "fr", dt.date(2026, 6, 1)), '<section class="es-hero"'))
    assert "Prochainement" in hero
    assert '<time datetime="2026-07-06">6–10 juillet 2026</time>' in hero
    assert "dans 35 jours" in hero
    assert "Palexpo" in hero and "Genève, Suisse" in hero
    assert '<a class="es-button" href="https://www.example.org/forum/register" rel="noopener">' \
        "S'inscrire\u00a0: Forum 2026</a>" in hero  # a whole phrase with the event's name in it
    assert 'calendar/weeks/2026-07-06.ics" type="text/calendar" download>Ajouter la semaine à l\'agenda' in hero


def test_home_after_the_last_event_shows_the_latest_week_as_ended_not_an_empty_page():
    hero = unescape(section(body("home", "en", dt.date(2026, 11, 22)), '<section class="es-hero"'))
    assert "Most recent meetings (ended)" in hero and ">Ended<" in hero and "Forum 2026" in hero
    assert "register" not in hero and "Next deadline" not in hero
    assert "Subscribe to hear of the next meetings" in hero and "Documents of these meetings" in hero


def test_home_puts_happening_now_before_upcoming():
    html = body("home", "en", dt.date(2026, 7, 7))
    assert html.index('data-es-list="ongoing"') < html.index('data-es-list="upcoming"')
    assert 'data-es-section="ongoing">' in html  # not hidden
    assert "Happening now" in section(html, '<section class="es-hero"', "</h2>")


def test_deadlines_page_lists_open_ones_soonest_first_then_closed_ones_newest_first():
    html = body("deadlines", "en", dt.date(2026, 2, 1), path="deadlines/")
    opened = re.findall(r'<time datetime="([0-9-]+)"', section(html, 'data-es-list="open-deadlines"', "</ul>"))
    assert opened == ["2026-03", "2026-05-01"]
    assert "<li" not in section(html, 'data-es-list="closed-deadlines"', "</ul>")
    assert "webcal://" in html and "deadlines" in html.split("webcal://", 1)[1].split('"', 1)[0]


def test_a_past_deadline_is_marked_closed_in_the_page_language():
    assert "Срок истек" in body("deadlines", "ru", dt.date(2026, 6, 1), path="deadlines/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_documents_open_in_the_readers_language_or_say_which_language_or_that_there_is_none(lang):
    html = body("documents", lang, dt.date(2026, 6, 1), path="documents/")
    assert f'href="https://undocs.org/{lang}/A/RES/78/311" rel="noopener" hreflang="{lang}"' in html
    letter = section(html, 'id="letter"', "</li>")
    assert "<a " not in letter and 'class="es-no-link"' in letter
    report = section(html, 'id="report"', "</li>")
    assert 'href="https://www.itu.int/report/en" rel="noopener" hreflang="en"' in report
    assert ('class="es-in-language"' in report) == (lang != "en")


def test_signed_by_agrees_with_the_number_of_signatories():
    french = unescape(body("event", "fr", dt.date(2026, 6, 1), event_id="dialogue-2026"))
    assert "Signataire\u00a0: Secrétaire générale<" in french  # the name only where it is spelled in French
    english = unescape(body("event", "en", dt.date(2026, 6, 1), event_id="dialogue-2026"))
    assert "Signed by: Doreen Bogdan-Martin, Secretary-General<" in english


def test_the_event_page_links_its_documents_as_the_documents_page_does():
    html = body("event", "en", dt.date(2026, 6, 1), event_id="dialogue-2026", path="events/dialogue-2026/")
    listing = section(html, 'class="es-documents-list"', "</ul>")
    assert 'href="https://undocs.org/en/A/RES/78/311"' in listing and "documents/#" not in listing
    assert "No official online address has been verified" in listing


def test_arabic_pages_keep_latin_symbols_addresses_and_dates_in_order():
    html = body("event", "ar", dt.date(2026, 6, 1), event_id="dialogue-2026")
    assert '<bdi dir="ltr">CL-26/17</bdi>' in html
    assert 'dir="ltr">dialogue@example.org</a>' in html
    assert "6 و7 يوليو 2026" in html
    assert "من 6 إلى 10 يوليو 2026" in body("event", "ar", dt.date(2026, 6, 1), event_id="forum-2026")


def test_links_between_pages_are_relative_so_a_preview_works_on_any_host():
    assert relative_url("fr/", "fr/events/x/") == "../../"
    assert relative_url("", "events/x/") == "../../"
    assert relative_url("fr/deadlines/", "fr/") == "deadlines/"
    assert relative_url("ar/", "") == "ar/"
    assert relative_url("", "") == "./"
    ctx = PageContext(SITE, "fr", dt.date(2026, 6, 1), SITE_URL, "fr/deadlines/")
    assert ctx.url("events/forum-2026/") == "../events/forum-2026/"
    assert ctx.url("", "ar") == "../../ar/"
    assert ctx.absolute_url("events/forum-2026/") == SITE_URL + "fr/events/forum-2026/"


def test_the_footer_is_excluded_from_search_and_gives_the_page_address_for_print():
    ctx = PageContext(SITE, "fr", dt.date(2026, 6, 1), SITE_URL, "fr/about/")
    html = unescape(str(render.footer(ctx, ENV)))
    assert "data-search-exclude" in html and "Dernière mise à jour" in html
    assert '<time datetime="2026-03-17">17 mars 2026</time>' in html
    assert f"{SITE_URL}fr/about/" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_programme_page_shows_every_day_of_the_july_week_with_links_to_each_event(lang):
    html = body("programme", lang, dt.date(2026, 6, 1))
    week = section(html, 'id="week-2026-07-06"')
    days = re.findall(r'<time datetime="(2026-07-\d\d)">', week)
    week_days = [day for day in dict.fromkeys(days) if day >= "2026-07-06"]
    assert week_days[-5:] == [f"2026-07-{d:02d}" for d in range(6, 11)]
    for event_id in ("dialogue-2026", "forum-2026", "summit-2026"):
        # (rendered as if at the site root: links lead into the language's folder)
        assert f'href="{url_prefix(lang)}{event_path(event_id)}"' in week, (lang, event_id)
    assert week.count(SITE.sessions[0].title.get(lang)) == 1  # the joint opening, once though two events hold it


def test_every_page_of_every_language_renders_with_its_footer():
    for lang in LANGUAGES:
        pages = dict(render.every_page(SITE, lang, dt.date(2026, 7, 8), SITE_URL, ENV))
        assert set(pages) == {"", "programme/", "deadlines/", "venue/", "documents/", "calendars/", "about/",
                              *(event_path(event.id) for event in SITE.events)}
        assert all('class="es-footer"' in html for html in pages.values())


def test_the_example_data_renders_too():
    assert "WSIS Forum 2026" in body("home", "en", dt.date(2026, 6, 1), data=EXAMPLE)
