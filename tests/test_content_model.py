"""The content model (roles, sources, contacts, participation, shared items), its validator
messages, the terminology file, and each language's typography as the built pages show it.

Validator messages are compared in full, as in tests/test_validate.py: each was checked by
hand to point at the right line and column and to read well for an editor.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from sitebuild import visible_text

from eventsite import calendars, typography
from eventsite.languages import LANGUAGES
from eventsite.loader import load_site, parse_site
from eventsite.model import PageLinks
from eventsite.views.items import UN_SYMBOL, document_link

REAL_DATA = ROOT / "data" / "events.yaml"
TERMINOLOGY = ROOT / "data" / "terminology.yaml"
DOCUMENT_LINKS = ROOT / "data" / "document-links.yaml"
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


def document_problems(urls: str) -> list[str]:
    """The messages for BASE with `urls` (YAML flow text) given to its document."""
    text = BASE.replace("    symbol: CL-26/17\n", f"    symbol: CL-26/17\n    urls: {urls}\n", 1)
    _site, problems = parse_site(text.encode("utf-8"), FILE)
    return [str(problem) for problem in problems]


def test_a_document_gives_its_pages_by_language_code() -> None:
    assert document_problems("{en: https://www.itu.int/a, xx: https://www.itu.int/b}") == [
        "events.yaml:12:39: documents[0].urls.xx: unknown language code (expected one of ar, zh, en, fr, ru, "
        "es, found 'xx')",
    ]


def test_a_document_page_is_a_web_address() -> None:
    assert document_problems("{fr: mailto:wsis-info@itu.int}") == [
        "events.yaml:12:16: documents[0].urls.fr: a document's page is a web address, not an e-mail address "
        "(expected a link starting with https:// or http://, found 'mailto:wsis-info@itu.int')",
    ]
    assert document_problems("{es: www.itu.int/md}") == [
        "events.yaml:12:16: documents[0].urls.es: not a link (expected a link starting with https://, http:// "
        "or mailto:, found 'www.itu.int/md')",
    ]


def test_a_document_gives_at_least_one_page_or_no_urls_key() -> None:
    assert document_problems("{}") == [
        "events.yaml:12:11: documents[0].urls: no address: give the page in at least one language, or remove "
        "the key (expected the document's web page in each language that has one, like {en: https://..., "
        "fr: https://...}, found no language)",
    ]


def test_a_document_page_opens_in_the_readers_language_else_english_else_another() -> None:
    pages = PageLinks({"fr": "https://x.org/f", "en": "https://x.org/e"}, ("en", *LANGUAGES))
    assert pages.get("fr") == ("https://x.org/f", "fr")
    assert pages.get("ru") == ("https://x.org/e", "en")
    assert PageLinks({"es": "https://x.org/s"}, ("en", *LANGUAGES)).get("ar") == ("https://x.org/s", "es")
    site = load_site(REAL_DATA)
    assert document_link(site.document("pact-for-the-future"), "zh") == ("https://undocs.org/zh/A/RES/79/1", "zh")
    assert document_link(site.document("itu-cl-26-17"), "en") is None


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


def test_the_welcome_remarks_are_not_among_the_officers() -> None:
    site = load_site(REAL_DATA)
    for id in ("cwg-wsis-sdg-43", "cwg-wsis-sdg-44"):
        event = site.event(id)
        roles = [person.role.get("en") for person in event.people]
        assert roles[0] == "Chair (South Africa)" and all(role.startswith("Vice-Chair") for role in roles[1:]), id
        assert "Mr Tomas Lamanauskas, ITU Deputy Secretary-General, gave welcome remarks" in event.description.get("en")


def test_the_dialogue_is_not_said_to_be_held_during_ai_for_good() -> None:
    # It opens on 6 July, the day before the Summit (CL-26/22): «على هامش», on its margins.
    data = REAL_DATA.read_text(encoding="utf-8")
    assert "峰会期间举行" not in data
    site = load_site(REAL_DATA)
    dialogue, summit = site.event("global-dialogue-ai-governance-2026"), site.event("ai-for-good-2026")
    assert dialogue.start < summit.start
    assert "衔接举行" in dialogue.summary.get("zh")


def test_the_general_assembly_meeting_has_the_days_and_the_adoption_the_sources_give() -> None:
    event = load_site(REAL_DATA).event("unga-wsis-20-review-high-level-meeting")
    assert (event.start, event.end) == (dt.date(2025, 12, 16), dt.date(2025, 12, 17))
    (adoption,) = event.sessions
    assert adoption.start == dt.date(2025, 12, 17) == load_site(REAL_DATA).document("unga-res-80-173").date


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


def names_of(value, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """(path, name) for every `name:` mapping of people in the data (signatories, chairs, contacts)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "name" and isinstance(item, dict) and "role" in value:
                found.append((f"{path}.name", item))
            else:
                found += names_of(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += names_of(item, f"{path}[{index}]")
    return found


@functools.cache
def terminology() -> dict:
    """data/terminology.yaml, read once (the tests only read it)."""
    return yaml.safe_load(TERMINOLOGY.read_text(encoding="utf-8"))


def honorifics() -> dict[str, list[str]]:
    (note,) = [note for note in terminology()["notes"] if "honorifics" in note]
    return note["honorifics"]


def bare(name: str, lang: str) -> str:
    """A name without the one honorific its language may put before (Chinese: after) it."""
    for honorific in honorifics()[lang]:
        if lang == "zh" and name.endswith(honorific):
            return name[: -len(honorific)]
        if lang != "zh" and name.startswith(honorific):
            return name[len(honorific):]
    return name


def test_every_person_has_each_language_verified_or_says_what_was_tried() -> None:
    people = terminology()["people"]
    assert len({person["id"] for person in people}) == len(people)
    for person in people:
        assert set(person["verified"]) == set(LANGUAGES), person["id"]
        verified = {lang for lang, evidence in person["verified"].items() if evidence is not False}
        for lang in verified:
            assert isinstance(person["verified"][lang], str) and person["verified"][lang].strip(), (person["id"], lang)
        assert set(person["forms"]) == verified, person["id"]


def test_every_name_in_the_data_has_exactly_its_verified_spellings() -> None:
    people = terminology()["people"]
    data = yaml.safe_load(REAL_DATA.read_text(encoding="utf-8"))
    problems = []
    for path, name in names_of(data):
        matches = [person for person in people if bare(name.get("ar", ""), "ar") == person["forms"]["ar"]]
        if len(matches) != 1:
            problems.append(f"{path}: {name} is not one person of data/terminology.yaml (people)")
            continue
        forms = matches[0]["forms"]
        if set(name) != set(forms):
            problems.append(f"{path}: languages {sorted(name)}, verified {sorted(forms)}")
        problems += [f"{path}.{lang}: {name[lang]!r} is not {forms[lang]!r}" for lang in name
                     if lang in forms and bare(name[lang], lang) != forms[lang]]
    assert problems == []


def test_every_person_of_the_terminology_is_named_in_the_data() -> None:
    data_text = REAL_DATA.read_text(encoding="utf-8")
    assert [person["id"] for person in terminology()["people"] if person["forms"]["ar"] not in data_text] == []


def test_every_document_link_is_recorded_with_its_evidence_or_what_was_tried() -> None:
    records = yaml.safe_load(DOCUMENT_LINKS.read_text(encoding="utf-8"))
    by_id = {record["id"]: record for record in records["documents"]}
    assert len(by_id) == len(records["documents"])
    site = load_site(REAL_DATA)
    assert set(by_id) == {document.id for document in site.documents}
    for document in site.documents:
        record = by_id[document.id]
        un_symbol = bool(document.symbol and UN_SYMBOL.match(document.symbol))
        if un_symbol:
            assert record["resolver"] == document.symbol and record["evidence"].strip(), document.id
        else:
            assert "resolver" not in record, document.id
        pages = record.get("pages", {})
        urls = document.urls.values if document.urls else {}
        assert set(pages) == set(urls), document.id
        for lang, address in urls.items():
            assert pages[lang]["address"] == address, (document.id, lang)
            assert pages[lang]["found_on"].startswith("http") and pages[lang]["quote"].strip(), (document.id, lang)
        if not un_symbol and not urls:
            assert record["tried"] and all(isinstance(item, str) and item.strip() for item in record["tried"]), \
                document.id
    recorded = {link["url"]: link["evidence"] for link in records["event_links"]}
    used = {link.url for event in site.events for link in event.links}
    assert used == set(recorded) and all(evidence.strip() for evidence in recorded.values())


# --- The built pages ----------------------------------------------------------------


@pytest.fixture(scope="module")
def site_dir(real_site: Path) -> Path:
    return real_site


def page(site_dir: Path, lang: str, path: str) -> str:
    prefix = "" if lang == "en" else f"{lang}/"
    return (site_dir / f"{prefix}{path}index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The text a reader sees in the content area (hidden parts left out), entities decoded."""
    head = html.find('class="es-event-head"')
    return visible_text(html[html.rindex("<", 0, head):] if head >= 0 else html)


def test_arabic_isolates_numbers_and_latin_runs_and_keeps_digit_groups_together(site_dir: Path) -> None:
    html = page(site_dir, "ar", "events/ai-for-good-2026/")
    assert f'<bdi dir="ltr">11{NBSP}000</bdi>' in unescape(html)
    assert "11 000" not in unescape(html)  # a plain space would let the groups swap ("000 11")
    report = page(site_dir, "ar", "events/cwg-wsis-sdg-44/")
    assert '(<bdi dir="ltr">CWG-WSIS&amp;SDG</bdi>)' in report
    assert '(<bdi dir="ltr">.ics</bdi>)' in report


def test_arabic_theme_strings_are_spelled_with_hamzat_al_wasl(site_dir: Path) -> None:
    html = page(site_dir, "ar", "")
    assert "ابحث" in html  # the search field (the language menu is the site's own bar now)
    assert "إبحث" not in html and "إختر" not in html
    override = (ROOT / "overrides" / "partials" / "languages" / "ar.html").read_text(encoding="utf-8")
    assert '"select.language": "اختر اللغة"' in override


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
    assert f"ne reproduit pas{NBSP}: pour obtenir ce lien" in text


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
