"""What an attacker or a clumsy editor can type, and the exact message each gets.

Each test edits the smallest valid file (tests/fixtures/valid/minimal.yaml) in one way
and compares the full message lines. None of these may crash, hang or be accepted and
then break the build.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from eventsite import changes, yamlguard
from eventsite.loader import parse

MINIMAL = (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
FILE = "events.yaml"


def edited(old: str, new: str, text: str = MINIMAL) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def messages(text: str) -> list[str]:
    parsed = parse(text.encode("utf-8"), FILE)
    assert parsed.site is None, "the file should be refused"
    return [str(problem) for problem in parsed.problems]


def test_the_minimal_file_is_valid_to_start_with() -> None:
    assert parse(MINIMAL.encode(), FILE).problems == []


# --- What the guard refuses before any YAML parser reads the text --------------------------


def test_deep_flow_nesting_is_refused_before_the_parser_sees_it() -> None:
    text = edited("revision: 0", "revision: " + "[" * 100_000 + "]" * 100_000)
    assert messages(text) == [
        f"{FILE}:11:28: the data is nested too deeply (expected at most 16 levels of nesting, "
        "found more than 16 levels)",
    ]


def test_deep_block_nesting_is_refused() -> None:
    nested = "".join(f"{'  ' * level}a:\n" for level in range(1, 40))
    text = edited("events:\n", f"deep:\n{nested}events:\n")
    assert messages(text) == [
        f"{FILE}:23:33: the data is nested too deeply (expected at most 16 levels of nesting, found 17 levels)",
    ]


def test_anchors_aliases_and_merge_keys_are_refused_each_where_it_stands() -> None:
    text = edited("    kind: meeting\n", "    kind: &k meeting\n    <<: *k\n")
    assert messages(text) == [
        f"{FILE}:9:11: anchors (&name) are not used in this file; write each value out in full "
        "(expected a plain value, found '&k')",
        f"{FILE}:10:5: merge keys (<<) are not used in this file; write the keys out in full "
        "(expected keys written out, found '<<')",
        f"{FILE}:10:9: aliases (*name) are not used in this file; write each value out in full "
        "(expected a plain value, found '*k')",
    ]


def test_a_yaml_tag_is_refused() -> None:
    assert messages(edited("kind: meeting", "kind: !!python/object:os.system meeting")) == [
        f"{FILE}:9:11: YAML tags (!name) are not used in this file; remove it, and put the text in quotes "
        "if it starts with ! (expected a plain value, found '!!python/object:os.system')",
    ]


def test_an_alias_bomb_is_refused_at_once() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 30)]
    found = messages("\n".join(lines) + "\n" + MINIMAL)
    assert len(found) == 2 * yamlguard.MAX_REPORTED - 1 or len(found) >= 30
    assert found[0] == (f"{FILE}:1:5: anchors (&name) are not used in this file; write each value out in "
                        "full (expected a plain value, found '&a0')")


def test_control_characters_are_refused_with_their_real_line_column_and_field() -> None:
    text = edited('en: "Council"', 'en: "Coun\x07cil\x7f"')
    assert messages(text) == [
        f"{FILE}:15:47: events[0].title.en: this character is not allowed (it is invisible, or it changes how "
        "the text around it is displayed); delete it (expected visible text, found the control character U+0007)",
        f"{FILE}:15:51: events[0].title.en: this character is not allowed (it is invisible, or it changes how "
        "the text around it is displayed); delete it (expected visible text, found the control character U+007F)",
    ]


def test_non_characters_and_c1_controls_are_refused() -> None:
    text = edited('en: "Council"', 'en: "Council\x85\ufffe"')
    assert [message.rsplit("found ", 1)[1] for message in messages(text)] == [
        "the control character U+0085)", "the non-character U+FFFE)"]


def test_bidirectional_controls_are_refused_in_titles_and_links() -> None:
    text = edited('en: "Council"', 'en: "Council \u202egpj.exe"')
    assert messages(text) == [
        f"{FILE}:15:51: events[0].title.en: this character is not allowed (it is invisible, or it changes how "
        "the text around it is displayed); delete it (expected visible text, found the invisible direction "
        "control U+202E)",
    ]


def test_a_file_too_large_is_refused_without_reading_it() -> None:
    data = MINIMAL.encode() + b"#" * yamlguard.MAX_BYTES
    problems = parse(data, FILE).problems
    assert [str(problem) for problem in problems] == [
        f"{FILE}:1:1: the file is too large (expected at most 5,000,000 bytes, found {len(data):,} bytes)"]


# --- Bounds: every accepted value can be built ----------------------------------------------


def test_an_integer_of_thousands_of_digits_is_too_large_not_a_crash() -> None:
    assert messages(edited("revision: 0", "revision: " + "1" * 5000)) == [
        f"{FILE}:11:15: events[0].revision: too large (expected a whole number from 0 to 2147483647, "
        "found a number of 5000 digits)",
    ]


def test_a_revision_beyond_what_calendars_take_is_too_large() -> None:
    assert messages(edited("revision: 0", "revision: 2147483648")) == [
        f"{FILE}:11:15: events[0].revision: too large (expected a whole number from 0 to 2147483647, "
        "found 2147483648)",
    ]


def test_an_unquoted_sexagesimal_of_thousands_of_digits_in_a_text_is_a_message() -> None:
    found = messages(edited('en: "Council"', "en: " + "1" * 4400 + ":30"))
    assert found == [f"{FILE}:15:42: events[0].title.en: YAML reads an unquoted {'1' * 4400}:30 as a number; "
                     f"put it in quotes (expected text, found '{'1' * 56}...)"]


def test_years_outside_1900_to_2200_are_refused_in_days_and_months() -> None:
    text = edited('date: "2026-04"', 'date: "0000-03"', edited("end: \"2026-06\"", "end: 9999-12-31"))
    assert messages(text) == [
        f"{FILE}:14:10: events[0].end: the year must be between 1900 and 2200 (expected a date like 2026-07-06 "
        "or a month like \"2026-03\", found '9999-12-31')",
        f"{FILE}:19:15: events[0].deadlines[0].date: the year must be between 1900 and 2200 (expected a date "
        "like 2026-07-06 or a month like \"2026-03\", found '0000-03')",
    ]


def test_an_id_longer_than_64_characters_is_refused() -> None:
    long_id = "a" * 300
    assert messages(edited("id: council-2026-contributions", f"id: {long_id}")) == [
        f"{FILE}:18:13: events[0].deadlines[0].id: too long (expected at most 64 characters, found 300 characters)",
    ]


def test_a_text_longer_than_10000_characters_is_refused() -> None:
    assert messages(edited('en: "Council"', f'en: "{"x" * 10_001}"')) == [
        f"{FILE}:15:42: events[0].title.en: too long (expected at most 10000 characters, found 10001 characters)",
    ]


def test_a_link_with_a_backslash_is_refused() -> None:
    text = edited('en: "Meetings"', 'en: "Meetings"', MINIMAL).replace("    deadlines:\n", LINK.format(
        url="'https://evil.example\\@good.example/'") + "    deadlines:\n")
    assert messages(text) == [
        f"{FILE}:19:14: events[0].links[0].url: a link cannot contain a backslash (browsers read it as /, which "
        "can hide the real address) (expected a link starting with https://, http:// or mailto:, found "
        "'https://evil.example\\\\@good.example/')",
    ]


LINK = ("    links:\n      - kind: information\n        url: {url}\n"
        "        label: {{ar: \"ا\", zh: \"信\", en: \"Info\", fr: \"Info\", ru: \"Инф\", es: \"Info\"}}\n")


def test_a_link_with_a_user_name_before_its_host_is_refused() -> None:
    link = ("    links:\n      - kind: information\n        url: 'https://good.example@evil.example/'\n"
            "        label: {ar: \"ا\", zh: \"信\", en: \"Info\", fr: \"Info\", ru: \"Инф\", es: \"Info\"}\n")
    text = edited("    deadlines:\n", link + "    deadlines:\n")
    assert messages(text) == [
        f"{FILE}:19:14: events[0].links[0].url: a link cannot have a user name or '@' before its host: it hides "
        "the real address (https://good.example@evil.example goes to evil.example) (expected a link starting "
        "with https://, http:// or mailto:, found 'https://good.example@evil.example/')",
    ]


# --- Messages stay messages: one line each, never a workflow command -----------------------


def test_a_key_with_a_line_break_and_a_workflow_command_prints_on_one_line() -> None:
    text = edited("    kind: meeting\n", '    kind: meeting\n    "x\\n::error file=a::pwned": 1\n')
    (found,) = messages(text)
    assert found == (f"{FILE}:10:5: events[0].x\\n::error file=a::pwned: unknown key (expected one of id, kind, "
                     "status, revision, updated, start, end, title, summary, venue, description, participation, "
                     "registration, speaking, speaking_deadline, attendance, roles, people, sessions, deadlines, "
                     "documents, contacts, links, sources, found 'x\\n::error file=a::pwned')")
    assert "\n" not in found


def test_the_cli_prints_no_line_that_starts_with_a_workflow_command(tmp_path: Path) -> None:
    data = tmp_path / "::warning::x.yaml"
    data.write_text(edited("    kind: meeting\n", '    kind: meeting\n    "a\\n::error::b": 1\n'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "eventsite", "validate", "--github", data.name],
                            capture_output=True, text=True, cwd=tmp_path)
    lines = (result.stdout + result.stderr).splitlines()
    assert result.returncode == 1
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=%3A%3Awarning%3A%3Ax.yaml,line=10,col=5,")
    assert lines[0].startswith(" ::warning::x.yaml:10:5: events[0].a\\n::error::b: unknown key")


def test_a_line_break_in_a_title_cannot_write_markdown_into_the_change_report() -> None:
    hostile = 'en: "Council\\n\\n## Approved by the secretariat ![x](https://evil.example/x.png) @team"'
    after = edited('en: "Council"', hostile).replace("revision: 0", "revision: 1").replace(
        "updated: 2026-03-17", "updated: 2026-03-18")
    report = changes.render_markdown(changes.review_files(MINIMAL.encode(), after.encode(), file=FILE, base="main"))
    assert "\n## Approved" not in report and "![x](" not in report and " @team" not in report
    assert ("- Event `council-2026` (Council\\\\n\\\\n\\#\\# Approved by the secretariat !\\[x\\](https://evil.example/"
            "x.png) \\@team) changed: title; revision 0 → 1.") in report


# --- The change guard -------------------------------------------------------------------------

VENUE = """venues:
  - id: hall
    name: {ar: "ق", zh: "厅", en: "Hall", fr: "Salle", ru: "Зал", es: "Sala"}
    timezone: Europe/Zurich
events:
"""


def test_renaming_a_venue_is_a_change_of_its_events_that_needs_a_revision() -> None:
    before = edited("events:\n", VENUE).replace("    kind: meeting\n", "    kind: meeting\n    venue: hall\n")
    after = before.replace('en: "Hall"', 'en: "Main hall"')
    review = changes.review_files(before.encode(), after.encode(), file=FILE, base="main")
    assert [str(change) for change in review.changes] == [
        "Event `council-2026` (Council) changed: venue. Subscribers will not see it: calendars show only "
        "items with exact days."]
    assert [str(problem) for problem in review.problems] == [
        f"{FILE}:16:15: events[0].revision: the published event changed (venue) but its revision did not: raise "
        "revision from 0 to 1, so that calendars take the change (expected 1 or more, found 0)",
        f"{FILE}:17:14: warning: events[0].updated: the event changed but updated is still 2026-03-17: set it to "
        "the day of this change (expected a date after 2026-03-17, found 2026-03-17)",
    ]


def test_an_invalid_file_on_the_base_branch_fails_the_check() -> None:
    broken = MINIMAL.replace("kind: meeting", "kind: party")
    review = changes.review_files(broken.encode(), MINIMAL.encode(), file=FILE, base="main")
    assert [str(problem) for problem in review.errors] == [
        f"{FILE}:1:1: the file on `main` has errors, so this change cannot be checked against what is "
        f"published (removed ids, revisions): fix the file on the base branch first (expected a valid {FILE} "
        "on `main`, found errors there)"]
