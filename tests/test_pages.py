"""Page fragments: what they show, and that text from the data can never become markup."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

from conftest import EXAMPLE, HOSTILE_TITLE, TEMPLATES

from eventsite.loader import load_site
from eventsite.model import Month
from eventsite.pages import (
    PageContext,
    event_source,
    home_sections,
    make_environment,
    relative_url,
    render_page,
    timing,
)

SITE_URL = "https://example.org/events/"


def render(kind: str, lang: str, data=EXAMPLE, today=dt.date(2026, 6, 1), event_id=None) -> str:
    ctx = PageContext(load_site(data), lang, today, SITE_URL)
    return render_page(kind, ctx, make_environment(TEMPLATES), event_id)


def json_ld_of(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_timing_counts_a_month_only_value_as_the_whole_month():
    assert timing(Month(2026, 3), Month(2026, 3), dt.date(2026, 3, 31)) == "ongoing"
    assert timing(Month(2026, 3), Month(2026, 3), dt.date(2026, 4, 1)) == "past"
    assert timing(dt.date(2026, 7, 6), dt.date(2026, 7, 10), dt.date(2026, 7, 5)) == "upcoming"


def test_event_page_shows_dates_in_a_time_element_in_the_page_language():
    html = render("event", "fr", event_id="wsis-forum-2026")
    assert '<time datetime="2026-07-06">6–10 juillet 2026</time>' in html
    # No time of day in this event: no "all times are Geneva time" note.
    assert "Europe/Zurich" not in unescape(html)


def test_event_page_carries_schema_org_event_with_place_and_organiser():
    data = json_ld_of(render("event", "es", event_id="wsis-forum-2026"))
    assert data["@type"] == "Event"
    assert data["name"] == "Foro de la CMSI 2026"
    assert (data["startDate"], data["endDate"]) == ("2026-07-06", "2026-07-10")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["streetAddress"] == "Ginebra, Suiza"
    assert data["organizer"][0]["name"] == "Unión Internacional de Telecomunicaciones"
    assert data["inLanguage"] == "es"
    assert data["url"] == "https://example.org/events/es/events/wsis-forum-2026/"


def test_a_hostile_title_stays_text_in_html_and_in_json_ld(hostile_data):
    html = render("event", "en", data=hostile_data, event_id="wsis-forum-2026")
    assert "<script>alert" not in html
    assert "<b>bold</b>" not in html
    assert json_ld_of(html)["name"] == HOSTILE_TITLE
    home = render("home", "en", data=hostile_data)
    assert "<script>alert" not in home and "&lt;/script&gt;&lt;script&gt;alert(" in home


def test_no_data_text_goes_into_the_markdown_source_of_an_event_page(hostile_data):
    event = load_site(hostile_data).event("wsis-forum-2026")
    assert event_source(event) == "---\neventsite: event\nevent: wsis-forum-2026\n---\n"


def test_home_separates_upcoming_and_past_events():
    site = load_site(EXAMPLE)
    before = home_sections(site, dt.date(2026, 6, 1))
    after = home_sections(site, dt.date(2026, 11, 22))
    assert [e.id for e in before["upcoming"]] == ["wsis-forum-2026"] and before["past"] == []
    assert after["upcoming"] == [] and [e.id for e in after["past"]] == ["wsis-forum-2026"]


def test_home_lists_only_open_deadlines_and_names_the_next_one_first():
    html = render("home", "en", today=dt.date(2026, 4, 1))
    assert 'data-es-deadline="2026-05-01"' in html and "in 30 days" in html
    hero = html.split('<section class="es-hero"', 1)[1].split("</section>", 1)[0]
    assert "Next deadline" in hero and "Deadline for speaking requests" in unescape(hero)
    assert "Deadline for submissions to the open consultation process" not in unescape(html)  # closed in 2024


def test_home_summary_gives_when_where_countdown_and_actions_of_the_next_week():
    site = load_site(EXAMPLE)
    forum = site.event("wsis-forum-2026")
    html = render("home", "fr", today=dt.date(2026, 6, 1))
    hero = unescape(html.split('<section class="es-hero"', 1)[1].split("</section>", 1)[0])
    assert "Prochainement" in hero
    assert '<time datetime="2026-07-06">6–10 juillet 2026</time>' in hero
    assert "dans 35 jours" in hero  # 1 June -> 6 July
    assert site.venue(forum.venue).name.get("fr") in hero
    registration = next(link for link in forum.links if link.kind == "registration")
    assert f'<a class="es-button" href="{registration.url}"' in hero and "S'inscrire" in hero
    assert 'type="text/calendar" download>Ajouter à l\'agenda' in hero


def test_home_after_the_last_event_shows_the_latest_week_as_ended_not_an_empty_page():
    html = unescape(render("home", "en", today=dt.date(2026, 11, 22)))
    hero = html.split('<section class="es-hero"', 1)[1].split("</section>", 1)[0]
    assert "Most recent meetings (ended)" in hero and ">Ended<" in hero
    assert "WSIS Forum 2026" in hero
    assert "es-button" not in hero.replace("es-button--", "")  # no registration for a past week
    assert "Next deadline" not in hero


def test_home_puts_happening_now_before_upcoming():
    html = render("home", "en", today=dt.date(2026, 7, 7))
    assert html.index('data-es-list="ongoing"') < html.index('data-es-list="upcoming"')
    assert 'data-es-section="ongoing">' in html  # not hidden
    assert "Happening now" in html.split('<section class="es-hero"', 1)[1].split("</h2>", 1)[0]


def test_deadlines_page_lists_open_ones_soonest_first_then_closed_ones_newest_first():
    html = render("deadlines", "en", today=dt.date(2026, 2, 1))
    open_part = html.split('data-es-list="open-deadlines"', 1)[1].split("</ul>", 1)[0]
    closed_part = html.split('data-es-list="closed-deadlines"', 1)[1].split("</ul>", 1)[0]
    opened = re.findall(r'<time datetime="([0-9-]+)"', open_part)
    closed = re.findall(r'<time datetime="([0-9-]+)"', closed_part)
    assert opened == sorted(opened) and opened and all(day >= "2026-02" for day in opened)
    assert closed == sorted(closed, reverse=True) and all(day < "2026-02-01" for day in closed)
    assert "webcal://" in html and "deadlines" in html.split("webcal://", 1)[1].split('"', 1)[0]


def test_documents_link_un_symbols_to_the_un_resolver_in_the_readers_language():
    real = EXAMPLE.parent / "events.yaml"  # the example has no UN symbol
    site = load_site(real)
    assert any(document.symbol and document.symbol.startswith("A/") for document in site.documents)
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        html = render("documents", lang, data=real)
        for document in site.documents:
            if document.symbol and document.symbol.startswith("A/"):
                assert f'href="https://undocs.org/{lang}/{document.symbol}" rel="noopener" hreflang="{lang}"' in html
            elif not document.url:  # nothing to link to: no invented address
                item = html.split(f'id="{document.id}"', 1)[1].split("</li>", 1)[0]
                assert "<a " not in item
    assert 'class="es-documents"' not in html  # the class that switched off table styling


def test_a_past_deadline_is_marked_closed_in_the_page_language():
    html = render("deadlines", "ru", today=dt.date(2026, 6, 1))
    assert "Срок истёк" in html


def test_arabic_event_page_keeps_latin_symbols_and_addresses_left_to_right():
    html = render("event", "ar", event_id="wsis-forum-2026")
    assert '<bdi dir="ltr">CL-26/17</bdi>' in html
    assert 'dir="ltr">wsis-info@itu.int</a>' in html
    assert "من 6 إلى 10 يوليو 2026" in html


def test_links_between_pages_are_relative_so_a_preview_works_on_any_host():
    assert relative_url("fr/", "fr/events/x/") == "../../"
    assert relative_url("", "events/x/") == "../../"
    assert relative_url("fr/deadlines/", "fr/") == "deadlines/"
    assert relative_url("ar/", "") == "ar/"
    assert relative_url("", "") == "./"
    ctx = PageContext(load_site(EXAMPLE), "fr", dt.date(2026, 6, 1), SITE_URL, "fr/deadlines/")
    assert ctx.url("events/wsis-forum-2026/") == "../events/wsis-forum-2026/"
    assert ctx.url("", "ar") == "../../ar/"
    assert ctx.absolute_url("events/wsis-forum-2026/") == SITE_URL + "fr/events/wsis-forum-2026/"


def test_footer_names_organiser_contact_and_last_update_from_the_data_not_the_build_clock():
    real = EXAMPLE.parent / "events.yaml"
    site = load_site(real)
    newest = max(event.updated for event in site.events)
    for today in (dt.date(2026, 6, 1), dt.date(2030, 1, 1)):  # the build's day changes nothing
        html = unescape(render("about", "fr", data=real, today=today))
        footer = html.split("<!--eventsite:footer-->", 1)[1]
        assert f'<time datetime="{newest.isoformat()}">' in footer and "Dernière mise à jour" in footer
        assert "Union internationale des télécommunications" in footer  # organiser of most events
        assert 'href="mailto:wsis-info@itu.int"' in footer  # the address given by most events
        assert "data-search-exclude" in footer  # not indexed on every page


def test_programme_page_shows_every_day_of_the_july_week_with_links_to_each_event():
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        html = render("programme", lang, data=EXAMPLE.parent / "events.yaml", today=dt.date(2026, 6, 1))
        week = html.split('id="week-2026-07-06"', 1)[1].split("</section>", 1)[0]
        assert [day for day in re.findall(r'<time datetime="(2026-07-\d\d)">', week)
                if day in {f"2026-07-{d:02d}" for d in range(6, 11)}][-5:] == [f"2026-07-{d:02d}" for d in range(6, 11)]
        for event_id in ("global-dialogue-ai-governance-2026", "wsis-forum-2026", "ai-for-good-2026"):
            # (rendered as if at the site root: links lead into the language's folder)
            assert f'href="{"" if lang == "en" else lang + "/"}events/{event_id}/"' in week, (lang, event_id)
