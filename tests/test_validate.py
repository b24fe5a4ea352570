"""The data validator as editors meet it: one exact message per mistake, all at once.

Each fixture in tests/fixtures/invalid/ holds one kind of mistake; the tests compare the
full message lines (`file:line:column: field.path: message (expected X, found Y)`),
checked by hand to point at the right spot and to read well for a non-programmer.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path

from conftest import ROOT

from eventsite.loader import parse_site, read_site
from eventsite.model import Month, Site, in_feeds

INVALID = "tests/fixtures/invalid"
VALID = "tests/fixtures/valid"
EXAMPLE = "data/events.example.yaml"
REAL_DATA = "data/events.yaml"


def messages(name: str) -> list[str]:
    """Every problem an invalid fixture produces, as printed for the editor."""
    site, problems = read_site(ROOT / INVALID / name, display_name=f"{INVALID}/{name}")
    assert site is None, f"{name} should not load"
    return [str(problem) for problem in problems]


def load(relative: str) -> Site:
    site, problems = read_site(ROOT / relative, display_name=relative)
    assert problems == [], "\n".join(str(problem) for problem in problems)
    assert site is not None
    return site


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m eventsite ...` from the repository root, outside GitHub Actions."""
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "eventsite", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )


# --- One rule per fixture -------------------------------------------------------------


def test_yaml_syntax_error_points_at_the_second_colon_of_an_unquoted_text() -> None:
    assert messages("yaml-syntax-error.yaml") == [
        "tests/fixtures/invalid/yaml-syntax-error.yaml:18:18: YAML syntax error: mapping values are not "
        "allowed in this context; a text containing ': ' or starting with a special character needs quotes "
        "(expected valid YAML, found 'en: Council: the annual session')",
    ]


def test_duplicate_key_is_reported_at_the_second_one_with_the_line_of_the_first() -> None:
    assert messages("duplicate-key.yaml") == [
        "tests/fixtures/invalid/duplicate-key.yaml:16:5: events[0].end: duplicate key: it would silently "
        "replace the one on line 13 (expected each key once, found 'end' twice)",
    ]


def test_unknown_key_suggests_the_closest_known_key() -> None:
    assert messages("unknown-key.yaml") == [
        "tests/fixtures/invalid/unknown-key.yaml:19:5: events[0].role: unknown key; did you mean "
        "'roles'? (expected one of id, kind, status, revision, updated, start, end, title, summary, "
        "venue, description, participation, registration, speaking, speaking_deadline, attendance, roles, people, "
        "sessions, "
        "deadlines, "
        "documents, contacts, links, sources, found 'role')",
    ]


def test_a_list_where_a_translation_is_expected_is_reported_once_as_a_wrong_type() -> None:
    # The English text is there, only of the wrong type: it is not also "missing".
    assert messages("wrong-type-list-as-text.yaml") == [
        "tests/fixtures/invalid/wrong-type-list-as-text.yaml:14:42: events[0].title.en: wrong type "
        "(expected text, found a list)",
    ]


def test_a_quoted_revision_asks_to_remove_the_quotes() -> None:
    assert messages("wrong-type-quoted-revision.yaml") == [
        "tests/fixtures/invalid/wrong-type-quoted-revision.yaml:10:15: events[0].revision: a number must not be in "
        "quotes; remove them (expected a whole number from 0 to 2147483647, found '1')",
    ]


def test_an_unquoted_no_is_reported_once_as_a_boolean_to_put_in_quotes() -> None:
    assert messages("yaml11-unquoted-no.yaml") == [
        "tests/fixtures/invalid/yaml11-unquoted-no.yaml:9:44: organisations[0].abbreviation.en: YAML reads "
        "an unquoted NO as the boolean false; put it in quotes (expected text, found 'NO')",
    ]


def test_an_unquoted_time_is_reported_once_as_a_number_of_minutes() -> None:
    assert messages("yaml11-unquoted-time.yaml") == [
        "tests/fixtures/invalid/yaml11-unquoted-time.yaml:16:51: events[0].participation.en: YAML reads an "
        "unquoted 10:30 as the number 630, not a time; put it in quotes (expected text, found '10:30')",
    ]


def test_impossible_date_is_reported_as_no_such_day() -> None:
    assert messages("impossible-date.yaml") == [
        "tests/fixtures/invalid/impossible-date.yaml:13:10: events[0].end: no such day on the calendar "
        "(expected a real calendar date, found '2026-02-30')",
    ]


def test_end_before_start_is_reported_with_both_dates() -> None:
    assert messages("end-before-start.yaml") == [
        "tests/fixtures/invalid/end-before-start.yaml:13:10: events[0].end: 2026-07-05 is before start "
        "2026-07-06 (expected an end on or after the start, found '2026-07-05')",
    ]


def test_session_outside_its_event_names_the_event_dates() -> None:
    assert messages("session-outside-event.yaml") == [
        "tests/fixtures/invalid/session-outside-event.yaml:18:16: events[0].sessions[0].start: the session "
        "is outside its event (2026-06-08 to 2026-06-12) (expected dates within the event, "
        "found '2026-06-15 to 2026-06-15')",
    ]


def test_session_time_of_day_without_any_time_zone_says_where_to_add_one() -> None:
    assert messages("session-time-without-timezone.yaml") == [
        "tests/fixtures/invalid/session-time-without-timezone.yaml:17:9: events[0].sessions[0].end: a session at "
        "a time of day needs its end time (calendar programs would show it as 0 minutes or as 1 hour); if the "
        'document gives none, write the day only (expected an end like "2026-06-08T11:00", found no end)',
        "tests/fixtures/invalid/session-time-without-timezone.yaml:18:16: events[0].sessions[0].start: "
        "a time of day needs a time zone: add timezone: (e.g. Europe/Zurich) to the session or a venue to "
        "the event (expected a time zone, found a time without one)",
    ]


def test_dangling_venue_organiser_and_document_references_are_each_reported() -> None:
    assert messages("dangling-references.yaml") == [
        "tests/fixtures/invalid/dangling-references.yaml:17:12: events[0].venue: no venue has this id "
        "(expected the id of a venue, found 'cicg')",
        "tests/fixtures/invalid/dangling-references.yaml:20:52: events[0].roles[0].organisations[1]: no organisation "
        "has this id (expected one of: itu, found 'unesco')",
        "tests/fixtures/invalid/dangling-references.yaml:21:17: events[0].documents[0]: no document has "
        "this id (expected the id of a document, found 'c26-1')",
    ]


def test_reference_to_an_id_of_the_wrong_kind_names_both_kinds() -> None:
    assert messages("wrong-kind-reference.yaml") == [
        "tests/fixtures/invalid/wrong-kind-reference.yaml:17:12: events[0].venue: this id belongs to an "
        "organisation, not a venue (expected the id of a venue, found 'itu')",
    ]


def test_duplicate_ids_across_different_lists_point_back_to_the_first_use() -> None:
    assert messages("duplicate-ids.yaml") == [
        "tests/fixtures/invalid/duplicate-ids.yaml:11:9: venues[0].id: duplicate id: already used at "
        "organisations[0].id (line 8) (expected an id used once in the whole file, found 'itu')",
        "tests/fixtures/invalid/duplicate-ids.yaml:25:13: events[0].sessions[0].id: duplicate id: already "
        "used at events[0].id (line 15) (expected an id used once in the whole file, found 'council-2026')",
    ]


def test_ids_with_uppercase_underscore_or_space_are_refused() -> None:
    expected = "expected an id of lowercase letters, digits and single hyphens (it becomes a URL)"
    assert messages("unsafe-ids.yaml") == [
        f"tests/fixtures/invalid/unsafe-ids.yaml:7:9: organisations[0].id: not allowed here ({expected}, "
        "found 'ITU')",
        f"tests/fixtures/invalid/unsafe-ids.yaml:10:9: venues[0].id: not allowed here ({expected}, "
        "found 'palais_des_nations')",
        f"tests/fixtures/invalid/unsafe-ids.yaml:14:9: events[0].id: not allowed here ({expected}, "
        "found 'council 2026')",
    ]


def test_language_code_outside_the_six_is_refused() -> None:
    assert messages("unknown-language.yaml") == [
        "tests/fixtures/invalid/unknown-language.yaml:14:96: events[0].title.de: unknown language code "
        "(expected one of ar, zh, en, fr, ru, es, found 'de')",
    ]


def test_javascript_link_is_refused() -> None:
    assert messages("javascript-link.yaml") == [
        "tests/fixtures/invalid/javascript-link.yaml:18:14: events[0].links[0].url: not a link "
        "(expected a link starting with https://, http:// or mailto:, found 'javascript:alert(1)')",
    ]


def test_empty_file_is_reported_as_empty() -> None:
    assert messages("empty.yaml") == [
        "tests/fixtures/invalid/empty.yaml:1:1: the file is empty (expected a mapping with the keys site, "
        "organisations, venues, documents, events, found nothing)",
    ]


def test_file_with_only_comments_is_reported_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("# nothing here yet\n", encoding="utf-8")
    site, problems = read_site(path, display_name="data/events.yaml")
    assert site is None
    assert [str(problem) for problem in problems] == [
        "data/events.yaml:1:1: the file is empty (expected a mapping with the keys site, organisations, "
        "venues, documents, events, found nothing)",
    ]


def test_latin1_file_is_reported_at_its_first_non_utf8_byte(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_bytes('site:\n  title: {en: "Meetings", fr: "Réunions"}\n'.encode("latin-1"))
    site, problems = read_site(path, display_name="data/events.yaml")
    assert site is None
    assert [str(problem) for problem in problems] == [
        "data/events.yaml:2:33: the file is not UTF-8 text; save it as UTF-8 (expected UTF-8, "
        "found the byte 0xe9)",
    ]


def test_missing_translation_of_a_required_text_names_the_language() -> None:
    assert messages("missing-translation.yaml") == [
        "tests/fixtures/invalid/missing-translation.yaml:14:12: events[0].title: missing translation "
        "(expected all six languages: ar, zh, en, fr, ru, es, found no ru)",
    ]


def test_missing_required_key_is_reported_at_its_item_with_the_allowed_values() -> None:
    assert messages("missing-required-key.yaml") == [
        "tests/fixtures/invalid/missing-required-key.yaml:7:5: events[0].status: missing required key "
        "(expected one of confirmed, tentative, cancelled, found no such key)",
    ]


def test_unknown_time_zone_suggests_the_closest_one() -> None:
    assert messages("unknown-timezone.yaml") == [
        "tests/fixtures/invalid/unknown-timezone.yaml:9:15: venues[0].timezone: not allowed here; did you "
        "mean 'Europe/Zurich'? (expected an IANA time zone like Europe/Zurich, found 'Europe/Zurick')",
    ]


# --- Every mistake at once ------------------------------------------------------------


def test_every_mistake_in_the_file_is_reported_at_once_sorted_by_line() -> None:
    file = "tests/fixtures/invalid/many-mistakes.yaml"
    found = messages("many-mistakes.yaml")
    assert found == [
        f"{file}:3:10: site.title: missing translation (expected all six languages: ar, zh, en, fr, ru, es, "
        "found no es)",
        f"{file}:9:91: organisations[0].abbreviation.de: unknown language code (expected one of ar, zh, en, "
        "fr, ru, es, found 'de')",
        f"{file}:13:15: venues[0].timezone: not allowed here; did you mean 'Europe/Zurich'? (expected an IANA "
        "time zone like Europe/Zurich, found 'Europe/Zurick')",
        f"{file}:17:11: documents[0].date: no such day on the calendar (expected a real calendar date, "
        "found '2026-02-30')",
        f"{file}:26:10: events[0].end: 2026-06-08 is before start 2026-06-12 (expected an end on or after "
        "the start, found '2026-06-08')",
        f"{file}:40:52: events[1].roles[0].organisations[1]: no organisation has this id (expected one of: itu, "
        "found 'unesco')",
        f"{file}:42:13: events[1].sessions[0].id: duplicate id: already used at events[0].id (line 20) "
        "(expected an id used once in the whole file, found 'council-2026')",
        f"{file}:47:16: events[1].contacts[0].phone: YAML reads an unquoted +41227306240 as a number; put it "
        "in quotes (expected a phone number in quotes, like \"+41 22 730 6240\", found '+41227306240')",
        f"{file}:50:14: events[1].links[0].url: not a link (expected a link starting with https://, "
        "http:// or mailto:, found 'javascript:alert(1)')",
    ]
    lines = [int(message.split(":")[1]) for message in found]
    assert lines == sorted(lines)


def test_a_mistake_in_the_site_texts_does_not_hide_the_mistakes_in_events() -> None:
    file = "tests/fixtures/invalid/mistake-in-site-texts-and-in-an-event.yaml"
    assert messages("mistake-in-site-texts-and-in-an-event.yaml") == [
        f"{file}:4:3: site.description: missing required key (expected a text in each language, like "
        "{en: ..., fr: ...}, found no such key)",
        f"{file}:5:3: site.descripton: unknown key; did you mean 'description'? (expected one of title, "
        "description, uid_domain, publisher, contact, languages, default_language, found 'descripton')",
        f"{file}:14:10: events[0].end: 2026-07-05 is before start 2026-07-06 (expected an end on or after "
        "the start, found '2026-07-05')",
    ]


# --- Valid files and the model they give ----------------------------------------------


def test_minimal_file_is_valid() -> None:
    site = load(f"{VALID}/minimal.yaml")
    assert [event.id for event in site.events] == ["council-2026"]


def test_example_gives_the_event_with_its_dates_venue_sessions_and_deadlines() -> None:
    site = load(EXAMPLE)
    (event,) = site.events
    assert event.id == "wsis-forum-2026"
    assert (event.start, event.end) == (dt.date(2026, 7, 6), dt.date(2026, 7, 10))
    assert in_feeds(event)
    assert event.venue == "palexpo"
    assert site.venue("palexpo").timezone == "Europe/Zurich"
    assert site.venue("palexpo").name.get("fr") == "Palexpo"
    assert event.title.get("en") == "WSIS Forum 2026"
    assert event.organisers == ("itu",)
    assert event.documents == ("itu-cl-26-17",)
    assert site.document("itu-cl-26-17").date == dt.date(2026, 3, 17)
    (session,) = event.sessions
    assert session.id == "wsis-forum-2026-high-level-track"
    assert (session.start, session.end) == (dt.date(2026, 7, 8), dt.date(2026, 7, 9))
    assert session.timezone == "Europe/Zurich"
    (deadline,) = event.deadlines
    assert deadline.id == "wsis-forum-2026-speaking-requests"
    assert deadline.date == dt.date(2026, 5, 1)
    assert site.all_deadlines() == [(event, deadline)]
    assert event.links[0].url == "https://www.wsis.org/forum"
    assert event.contacts[0].email == "wsis-info@itu.int"


def test_month_only_values_become_months_not_days() -> None:
    site = load(f"{VALID}/minimal.yaml")
    (event,) = site.events
    assert (event.start, event.end) == (Month(2026, 6), Month(2026, 6))
    assert not in_feeds(event)
    (deadline,) = event.deadlines
    assert deadline.date == Month(2026, 4)
    assert (deadline.date.first_day(), deadline.date.last_day()) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))


def test_session_time_of_day_takes_the_time_zone_of_the_venue() -> None:
    text = (ROOT / EXAMPLE).read_text(encoding="utf-8").replace(
        "start: 2026-07-08\n        end: 2026-07-09",
        'start: "2026-07-08T10:00"\n        end: "2026-07-08T13:00"',
    )
    site, problems = parse_site(text.encode("utf-8"), EXAMPLE)
    assert problems == []
    assert site is not None
    (session,) = site.events[0].sessions
    zurich = zoneinfo.ZoneInfo("Europe/Zurich")
    assert session.start == dt.datetime(2026, 7, 8, 10, 0, tzinfo=zurich)
    assert session.end == dt.datetime(2026, 7, 8, 13, 0, tzinfo=zurich)
    assert session.start.utcoffset() == dt.timedelta(hours=2)


# --- The command line -----------------------------------------------------------------


def test_cli_validate_accepts_the_example_with_exit_status_0() -> None:
    result = run_cli("validate", EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == "data/events.example.yaml: OK (1 event)\n"


def test_cli_validate_prints_every_message_and_exits_1_on_an_invalid_file() -> None:
    result = run_cli("validate", f"{INVALID}/dangling-references.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == messages("dangling-references.yaml")
    assert result.stderr == "tests/fixtures/invalid/dangling-references.yaml: 3 errors; fix them and run this again.\n"


def test_cli_validate_with_github_prints_an_annotation_after_each_message() -> None:
    result = run_cli("validate", "--github", f"{INVALID}/end-before-start.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "tests/fixtures/invalid/end-before-start.yaml:13:10: events[0].end: 2026-07-05 is before start "
        "2026-07-06 (expected an end on or after the start, found '2026-07-05')",
        "::error file=tests/fixtures/invalid/end-before-start.yaml,line=13,col=10,title=data error::"
        "events[0].end: 2026-07-05 is before start 2026-07-06 (expected an end on or after the start, "
        "found '2026-07-05')",
    ]


def test_cli_translations_lists_a_missing_optional_translation_under_its_language(tmp_path: Path) -> None:
    text = (ROOT / VALID / "minimal.yaml").read_text(encoding="utf-8")
    text += '    description: {ar: "نص", en: "Text", fr: "Texte", ru: "Текст", es: "Texto"}\n'
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_site(path)[1] == [], "a missing optional translation is not an error"
    result = run_cli("translations", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "ar: 0 missing",
        "zh: 1 missing:",
        "  events[0].description",
        "en: 0 missing",
        "fr: 0 missing",
        "ru: 0 missing",
        "es: 0 missing",
    ]


def test_cli_translations_exits_1_when_a_required_translation_is_missing() -> None:
    result = run_cli("translations", f"{INVALID}/missing-translation.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "ar: 0 missing",
        "zh: 0 missing",
        "en: 0 missing",
        "fr: 0 missing",
        "ru: 1 missing:",
        "  events[0].title (required: the build refuses this)",
        "es: 0 missing",
    ]


# --- The real data file ---------------------------------------------------------------


def test_the_real_data_file_validates_without_errors() -> None:
    path = ROOT / REAL_DATA
    assert path.is_file(), f"{REAL_DATA} is missing: the site has no data to build from"
    site, problems = read_site(path, display_name=REAL_DATA)
    errors = [str(problem) for problem in problems if problem.severity == "error"]
    assert errors == [], "\n".join(errors)
    assert site is not None
    assert site.events, f"{REAL_DATA} has no events"


def test_an_event_id_that_would_overwrite_a_feed_is_refused(tmp_path) -> None:
    example = ROOT / "data" / "events.example.yaml"
    text = example.read_text(encoding="utf-8").replace("  - id: wsis-forum-2026 ", "  - id: deadlines       ", 1)
    problems = [str(p) for p in parse_site(text.encode(), "events.yaml")[1]]
    line = text[:text.index("  - id: deadlines")].count("\n") + 1
    assert problems == [
        f"events.yaml:{line}:9: events[0].id: this id is reserved for a calendar feed of the same name "
        "(expected another id, found 'deadlines')",
    ]
