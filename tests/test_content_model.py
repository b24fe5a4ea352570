"""The content model (roles, sources, contacts, participation, shared items), its validator
messages, the terminology file, and each language's typography as the built pages show it.

Validator messages are compared in full, as in tests/test_validate.py: each was checked by
hand to point at the right line and column and to read well for an editor.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from sitebuild import build_site

from eventsite import calendars, typography
from eventsite.languages import LANGUAGES
from eventsite.loader import load_site, parse_site

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data" / "events.yaml"
TERMINOLOGY = ROOT / "data" / "terminology.yaml"
FILE = "events.yaml"
NBSP, NNBSP = "\u00a0", "\u202f"

BASE = """\
site:
  title: {ar: "ع", zh: "中", en: "E", fr: "F", ru: "Р", es: "S"}
  description: {ar: "ع", zh: "中", en: "E", fr: "F", ru: "Р", es: "S"}
  uid_domain: example.org
organisations:
  - id: itu
    name: {ar: "ع", zh: "中", en: "ITU", fr: "UIT", ru: "МСЭ", es: "UIT"}
documents:
  - id: cl-26-17
    kind: letter
    symbol: CL-26/17
    date: 2026-03-17
    title: {ar: "ع", zh: "中", en: "Letter", fr: "Lettre", ru: "Письмо", es: "Carta"}
events:
  - id: forum
    kind: forum
    status: confirmed
    revision: 0
    updated: 2026-03-17
    start: 2026-07-06
    end: 2026-07-10
    title: {ar: "ع", zh: "中", en: "Forum", fr: "Forum", ru: "Форум", es: "Foro"}
    summary: {ar: "ع", zh: "中", en: "Forum.", fr: "Forum.", ru: "Форум.", es: "Foro."}
  - id: summit
    kind: summit
    status: confirmed
    revision: 0
    updated: 2026-03-17
    start: 2026-07-07
    end: 2026-07-10
    title: {ar: "ع", zh: "中", en: "Summit", fr: "Sommet", ru: "Саммит", es: "Cumbre"}
    summary: {ar: "ع", zh: "中", en: "Summit.", fr: "Sommet.", ru: "Саммит.", es: "Cumbre."}
"""
TITLE = '{ar: "ع", zh: "中", en: "Opening", fr: "Ouverture", ru: "Открытие", es: "Apertura"}'


def problems_of(extra_event: str = "", tail: str = "") -> list[str]:
    """The messages for BASE with `extra_event` added to the first event and `tail` at the end."""
    anchor = '    summary: {ar: "ع", zh: "中", en: "Forum."'
    text = BASE.replace(anchor, extra_event + anchor, 1)
    _site, problems = parse_site((text + tail).encode("utf-8"), FILE)
    return [str(problem) for problem in problems]


def test_the_base_file_is_valid() -> None:
    assert problems_of() == []


# --- Validator messages for the new rules ---------------------------------------------


def test_a_shared_item_must_name_at_least_two_events() -> None:
    tail = f"sessions:\n  - id: opening\n    events: [forum]\n    start: 2026-07-08\n    title: {TITLE}\n"
    assert problems_of(tail=tail) == [
        "events.yaml:35:13: sessions[0].events: a shared item names at least two events; put an item of one "
        "event under that event's sessions: (expected two or more event ids, found 1)",
    ]


def test_a_shared_item_names_each_event_once() -> None:
    tail = (f"sessions:\n  - id: opening\n    events: [forum, summit, forum]\n    start: 2026-07-08\n"
            f"    title: {TITLE}\n")
    assert problems_of(tail=tail) == [
        "events.yaml:35:29: sessions[0].events[2]: this event is already named for this item "
        "(expected each event once, found 'forum')",
    ]


def test_a_shared_item_outside_one_of_its_events_names_that_event() -> None:
    tail = f"sessions:\n  - id: opening\n    events: [forum, summit]\n    start: 2026-07-06\n    title: {TITLE}\n"
    assert problems_of(tail=tail) == [
        "events.yaml:36:12: sessions[0].start: the session is outside event 'summit' (2026-07-07 to 2026-07-10) "
        "(expected dates within the event, found '2026-07-06 to 2026-07-06')",
    ]


def test_a_shared_item_may_only_name_events() -> None:
    tail = f"sessions:\n  - id: opening\n    events: [forum, itu]\n    start: 2026-07-08\n    title: {TITLE}\n"
    assert problems_of(tail=tail) == [
        "events.yaml:35:21: sessions[0].events[1]: this id belongs to an organisation, not an event "
        "(expected the id of an event, found 'itu')",
    ]


def test_a_role_is_given_once_per_event() -> None:
    roles = ("    roles:\n      - role: organiser\n        organisations: [itu]\n"
             "      - role: organiser\n        organisations: [itu]\n")
    assert problems_of(roles) == [
        "events.yaml:26:15: events[0].roles[1].role: this role is already given at events[0].roles[0]; add the "
        "organisations there (expected each role once per event, found 'organiser')",
    ]


def test_an_organisation_is_listed_once_per_role() -> None:
    roles = "    roles:\n      - role: co-host\n        organisations: [itu, itu]\n"
    assert problems_of(roles) == [
        "events.yaml:25:30: events[0].roles[0].organisations[1]: this organisation is already listed in this "
        "role (expected each organisation once, found 'itu')",
    ]


def test_an_unknown_role_suggests_the_closest_one() -> None:
    roles = "    roles:\n      - role: co-organizer\n        organisations: [itu]\n"
    assert problems_of(roles) == [
        "events.yaml:24:15: events[0].roles[0].role: unknown value; did you mean 'co-organiser'? (expected one "
        "of organiser, host, co-host, co-organiser, co-convener, joint-secretariat, co-facilitator, co-chair, "
        "partner, found 'co-organizer')",
    ]


def test_a_contact_needs_an_email_or_a_phone() -> None:
    contact = '    contacts:\n      - name: {ar: "السيد سوليانا نور عبد الله"}\n'
    assert problems_of(contact) == [
        "events.yaml:24:9: events[0].contacts[0]: a contact needs an email or a phone, as the document gives "
        "it (expected email: or phone:, found neither)",
    ]


def test_a_name_takes_only_language_codes_and_at_least_one() -> None:
    contact = ('    contacts:\n      - name: {ar: "السيد سوليانا نور عبد الله", xx: "x"}\n        email: a@itu.int\n'
               '      - name: {}\n        email: b@itu.int\n')
    assert problems_of(contact) == [
        "events.yaml:24:50: events[0].contacts[0].name.xx: unknown language code (expected one of ar, zh, en, fr, "
        "ru, es, found 'xx')",
        "events.yaml:26:15: events[0].contacts[1].name: empty name: give it in the script the document uses, or "
        "remove the key (expected a name in the languages the document spells it in, like {ar: ...} or "
        "{en: ..., fr: ...}, found no language)",
    ]


def test_sources_must_be_documents() -> None:
    assert problems_of("    sources: [cl-26-17, summit]\n") == [
        "events.yaml:23:25: events[0].sources[1]: this id belongs to an event, not a document "
        "(expected the id of a document, found 'summit')",
    ]


def test_the_speaking_deadline_is_one_of_the_events_own_deadlines() -> None:
    assert problems_of("    speaking_deadline: nowhere\n") == [
        "events.yaml:23:24: events[0].speaking_deadline: no deadline has this id (expected the id of a "
        "deadline, found 'nowhere')",
    ]
    deadline = ('    deadlines:\n      - id: summit-speakers\n        date: 2026-05-01\n'
                '        title: {ar: "ع", zh: "中", en: "D", fr: "D", ru: "Д", es: "P"}\n')
    assert problems_of("    speaking_deadline: summit-speakers\n", tail=deadline) == [
        "events.yaml:23:24: events[0].speaking_deadline: this deadline is not one of this event's deadlines "
        "(expected the id of a deadline under this event's deadlines:, found 'summit-speakers')",
    ]


# --- The model ---------------------------------------------------------------------


def shared_site():
    tail = (f"sessions:\n  - id: opening\n    events: [forum, summit]\n    start: 2026-07-08\n    title: {TITLE}\n"
            "    sources: [cl-26-17]\n")
    site, problems = parse_site((BASE + tail).encode("utf-8"), FILE)
    assert problems == [] and site is not None
    return site


def test_a_shared_item_is_one_object_in_the_programme_of_each_event() -> None:
    site = shared_site()
    forum, summit = site.events
    assert [session.id for session in forum.sessions] == ["opening"]
    assert forum.sessions[0] is summit.sessions[0]
    assert forum.sessions[0].shared and forum.sessions[0].timezone is None


def test_a_shared_item_is_once_in_the_all_events_feed_and_in_each_events_feed() -> None:
    feeds = calendars.feeds(shared_site(), "en", site_url="https://example.org/",
                            stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    uid = b"UID:opening@example.org"
    assert feeds["calendar/all.ics"].count(uid) == 1
    assert feeds["calendar/forum.ics"].count(uid) == 1
    assert feeds["calendar/summit.ics"].count(uid) == 1
    assert b"SUMMARY:Opening\r\n" in feeds["calendar/all.ics"]


def test_the_feed_description_names_its_sources() -> None:
    site = load_site(REAL_DATA)
    for lang, expected in (("en", "Sources: CL-26/17\\, 17 March 2026\\; Report of the Chair"),
                           ("fr", f"Sources{NBSP}: CL-26/17\\, 17 mars 2026{NNBSP}\\; Rapport de la Présidente"),
                           ("zh", "来源：CL-26/17，2026年3月17日；理事会")):
        ics = calendars.feeds(site, lang, site_url="https://example.org/",
                              stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        prefix = "" if lang == "en" else f"{lang}/"
        feed = ics[f"{prefix}calendar/wsis-forum-2026.ics"].replace(b"\r\n ", b"").decode("utf-8")
        event = feed[feed.index("UID:wsis-forum-2026@"):]  # the event's own entry (properties follow its UID)
        event = event[:event.index("END:VEVENT")]
        description = next(line for line in event.split("\r\n") if line.startswith("DESCRIPTION:"))
        assert expected in description, lang


def test_every_event_deadline_contact_and_session_of_the_real_data_names_its_sources() -> None:
    site = load_site(REAL_DATA)
    unsourced = [event.id for event in site.events if not event.sources]
    unsourced += [f"{event.id}: {item.id}" for event in site.events for item in (*event.sessions, *event.deadlines)
                  if not item.sources]
    unsourced += [f"{event.id}: contact {contact.email}" for event in site.events for contact in event.contacts
                  if not contact.sources]
    assert unsourced == []


def test_a_name_given_in_arabic_script_only_is_on_the_arabic_page_only() -> None:
    site = load_site(REAL_DATA)
    event = site.event("global-dialogue-ai-governance-2026")
    (contact,) = [contact for contact in event.contacts if contact.email == "chief.spm@itu.int"]
    assert contact.name.get("ar") == "السيد سوليانا نور عبد الله"
    assert [lang for lang in LANGUAGES if contact.name.get(lang)] == ["ar"]


# --- Typography (units) -------------------------------------------------------------


def test_lists_never_use_a_separator_that_occurs_inside_a_name() -> None:
    unesco = "联合国教育、科学及文化组织"
    assert typography.join(["国际电联", "开发署"], "zh") == "国际电联和开发署"
    assert typography.join([unesco, "国际电联"], "zh") == f"{unesco}；国际电联"
    assert typography.join(["UNESCO", "UNDP", "UNCTAD"], "en") == "UNESCO, UNDP and UNCTAD"
    fr_unesco = "Organisation des Nations Unies pour l'éducation, la science et la culture"
    assert typography.join([fr_unesco, "UIT"], "fr") == f"{fr_unesco}{NNBSP}; UIT"


def test_french_spacing_spares_times_and_addresses() -> None:
    assert typography.punctuate("Questions : a@b.org ; voir https://x.org à 10:30 ?", "fr") == \
        f"Questions{NBSP}: a@b.org{NNBSP}; voir https://x.org à 10:30{NNBSP}?"
    assert typography.punctuate("«Forum»", "fr") == f"«{NBSP}Forum{NBSP}»"


# --- The terminology file and the data ---------------------------------------------


def texts_of(value) -> list[dict[str, str]]:
    """Every six-language text in a YAML tree (mappings whose keys include 'en')."""
    found = []
    if isinstance(value, dict):
        if "en" in value and all(key in LANGUAGES for key in value) and isinstance(value["en"], str):
            found.append(value)
        else:
            for item in value.values():
                found += texts_of(item)
    elif isinstance(value, list):
        for item in value:
            found += texts_of(item)
    return found


def test_terminology_gives_every_term_in_six_languages_with_its_evidence() -> None:
    terms = yaml.safe_load(TERMINOLOGY.read_text(encoding="utf-8"))["terms"]
    assert len(terms) >= 10
    for term in terms:
        assert set(term["forms"]) == set(LANGUAGES), term["id"]
        assert set(term["verified"]) >= set(LANGUAGES) - {"en"}, term["id"]
        for lang, evidence in term["verified"].items():
            assert evidence is False or (isinstance(evidence, str) and evidence.strip()), (term["id"], lang)


def test_the_data_uses_the_terminology_forms_in_every_language() -> None:
    terms = yaml.safe_load(TERMINOLOGY.read_text(encoding="utf-8"))["terms"]
    data_text = REAL_DATA.read_text(encoding="utf-8")
    texts = texts_of(yaml.safe_load(data_text))
    mismatches = []
    for term in terms:
        patterns = {lang: re.compile(term.get("match", {}).get(lang) or re.escape(term["forms"][lang]))
                    for lang in LANGUAGES}
        for text in texts:
            if term["forms"]["en"] not in text["en"]:
                continue
            for lang in LANGUAGES:
                if lang in text and not patterns[lang].search(text[lang]):
                    mismatches.append(f"{term['id']}.{lang}: {text[lang][:80]}")
        for wrong in term.get("avoid", []):
            assert wrong not in data_text, f"{term['id']}: '{wrong}' is in data/events.yaml"
    assert mismatches == []


# --- The built pages ----------------------------------------------------------------


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    """The real site built once (SOURCE_DATE_EPOCH 1780000000: 28 May 2026 in Geneva)."""
    target = tmp_path_factory.mktemp("content-site")
    result = build_site(target)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


def page(site_dir: Path, lang: str, path: str) -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    return (site_dir / f"{prefix}{path}index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The visible text of the content area, tags removed, entities decoded."""
    body = html[html.index('class="es-event-head"'):] if 'class="es-event-head"' in html else html
    return unescape(re.sub(r"<[^>]+>", "", body))


def test_arabic_isolates_numbers_and_latin_runs_and_keeps_digit_groups_together(site_dir: Path) -> None:
    html = page(site_dir, "ar", "events/ai-for-good-2026/")
    assert f'<bdi dir="ltr">11{NBSP}000</bdi>' in unescape(html)
    assert "11 000" not in unescape(html)  # a plain space would let the groups swap ("000 11")
    report = page(site_dir, "ar", "events/cwg-wsis-sdg-44/")
    assert '(<bdi dir="ltr">CWG-WSIS&amp;SDG</bdi>)' in report
    assert '(<bdi dir="ltr">.ics</bdi>)' in report


def test_arabic_theme_strings_are_spelled_with_hamzat_al_wasl(site_dir: Path) -> None:
    html = page(site_dir, "ar", "")
    assert "ابحث" in html and "اختر اللغة" in html
    assert "إبحث" not in html and "إختر" not in html


def test_chinese_uses_full_width_punctuation(site_dir: Path) -> None:
    html = unescape(page(site_dir, "zh", "events/wsis-forum-2026/"))
    assert "Palexpo会展中心，瑞士日内瓦" in text_of(html)
    assert "电子邮件：" in html
    assert "（<time datetime=\"2026-03-17\">2026年3月17日</time>）" in html
    assert "来源：CL-26/17，2026年3月17日" in html


def test_chinese_lists_of_organisations_are_list_items_not_joined_with_the_enumeration_comma(site_dir: Path) -> None:
    html = page(site_dir, "zh", "events/wsis-20-forum-high-level-event-2024/")
    assert "<li>联合国教育、科学及文化组织</li><li>联合国开发计划署</li>" in html


def test_french_no_break_spaces_and_first_of_the_month(site_dir: Path) -> None:
    text = text_of(page(site_dir, "fr", "events/wsis-forum-2026/"))
    assert "1er mai 2026" in text and "1 mai" not in text
    assert f"Courriel{NBSP}:" in text
    assert f"Source{NBSP}: CL-26/17, 17 mars 2026" in text
    assert f"Questions{NBSP}: wsis-info@itu.int" in text


def test_spanish_writes_two_days_with_y(site_dir: Path) -> None:
    assert "9 y 10 de septiembre de 2025" in text_of(page(site_dir, "es", "events/cwg-wsis-sdg-43/"))


def test_registration_is_open_only_while_the_event_has_not_ended(site_dir: Path) -> None:
    upcoming = text_of(page(site_dir, "en", "events/wsis-forum-2026/"))
    assert "Registration is open." in upcoming and "This event has ended." not in upcoming
    ended = text_of(page(site_dir, "en", "events/wsis-20-forum-high-level-event-2024/"))
    assert "This event has ended." in ended and "Registration is open." not in ended
    assert 'class="md-button' not in page(site_dir, "en", "events/wsis-20-forum-high-level-event-2024/")


def test_the_request_to_speak_action_goes_once_its_deadline_has_passed(site_dir: Path) -> None:
    html = page(site_dir, "en", "events/wsis-forum-2026/")
    actions = html[html.index('class="es-actions"'):html.index("</ul>", html.index('class="es-actions"'))]
    assert "Register" in actions and "Request to speak" not in actions
    assert "The deadline for requests to speak has passed." in text_of(html)


def test_a_page_without_a_time_of_day_says_nothing_of_time_zones(site_dir: Path) -> None:
    for lang in LANGUAGES:
        assert "Europe/Zurich" not in page(site_dir, lang, "events/wsis-forum-2026/"), lang


def test_the_joint_opening_is_on_both_pages_and_once_in_the_feed(site_dir: Path) -> None:
    for event in ("wsis-forum-2026", "ai-for-good-2026"):
        assert "Joint opening ceremony of the WSIS Forum and the AI for Good Global Summit" in \
            text_of(page(site_dir, "en", f"events/{event}/"))
    feed = (site_dir / "calendar" / "all.ics").read_bytes()
    assert feed.count(b"UID:wsis-forum-2026-opening-ceremony@") == 1
    assert b"ai-for-good-2026-opening-ceremony" not in feed


def test_roles_sources_and_arabic_only_names_on_the_pages(site_dir: Path) -> None:
    en = text_of(page(site_dir, "en", "events/global-dialogue-ai-governance-2026/"))
    for line in ("Joint secretariat", "Co-facilitated by", "Co-chairs", "Hosted by",
                 "Source: CL-26/22, 23 April 2026", "chief.spm@itu.int", "ai.dialogue@itu.int"):
        assert line in en, line
    assert "سوليانا" not in en
    ar = text_of(page(site_dir, "ar", "events/global-dialogue-ai-governance-2026/"))
    assert "السيد سوليانا نور عبد الله" in ar
