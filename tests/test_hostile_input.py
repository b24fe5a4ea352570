"""What an attacker or a clumsy editor can type, and the exact message each gets.

Each test edits the smallest valid file (tests/fixtures/valid/minimal.yaml) in one way
and compares the full message lines. None of these may crash, hang or be accepted and
then break the build.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from eventsite import changes, yamlguard
from eventsite.loader import parse, read_site
from eventsite.programme import build_programme

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


# --- What the event pass refuses (eventsite/yamlguard.py), each at its event ----------------

DEPTH = "the data is nested too deeply (expected at most 16 levels of nesting, found 17 levels)"


def test_deep_flow_nesting_is_refused_at_the_first_level_too_deep() -> None:
    text = edited("revision: 0", "revision: " + "[" * 100_000 + "]" * 100_000)
    assert messages(text) == [f"{FILE}:11:28: events[0].revision{'[0]' * 13}: {DEPTH}"]


def test_deep_block_nesting_is_refused() -> None:
    nested = "".join(f"{'  ' * level}a:\n" for level in range(1, 40))
    text = edited("events:\n", f"deep:\n{nested}events:\n")
    assert messages(text) == [f"{FILE}:23:33: deep{'.a' * 15}: {DEPTH}"]


def test_deep_nesting_written_with_explicit_keys_is_refused() -> None:
    nested = "".join(f"{'  ' * level}? k\n{'  ' * level}:\n" for level in range(1, 21))
    text = edited("events:\n", f"deep:\n{nested}events:\n")
    assert messages(text) == [f"{FILE}:38:33: deep{'.k' * 15}: {DEPTH}"]


def test_deep_nesting_of_compact_explicit_keys_on_one_line_is_refused() -> None:
    text = edited("revision: 0", "revision:\n      " + "? " * 20 + "x")
    assert messages(text) == [f"{FILE}:12:33: events[0].revision{'.?' * 13}: {DEPTH}"]


def test_deep_nesting_between_block_scalars_is_refused() -> None:
    nested = "".join(f"{'  ' * level}text: |\n{'  ' * (level + 1)}line\n{'  ' * level}next:\n"
                     for level in range(1, 21))
    text = edited("events:\n", f"deep:\n{nested}events:\n")
    assert messages(text) == [f"{FILE}:53:33: deep{'.next' * 15}: {DEPTH}"]


def test_deep_flow_nesting_over_many_lines_is_refused() -> None:
    text = edited("revision: 0", "revision:\n" + "      [\n" * 20 + "      x" + "]" * 20)
    assert messages(text) == [f"{FILE}:25:7: events[0].revision{'[0]' * 13}: {DEPTH}"]


def test_anchors_aliases_and_merge_keys_are_refused_each_where_it_stands() -> None:
    text = edited("    kind: meeting\n", "    kind: &k meeting\n    <<: *k\n")
    assert messages(text) == [
        f"{FILE}:9:11: events[0].kind: anchors (&name) are not used in this file; write each value out in full "
        "(expected a plain value, found '&k')",
        f"{FILE}:10:5: events[0].<<: merge keys (<<) are not used in this file; write the keys out in full "
        "(expected keys written out, found '<<')",
        f"{FILE}:10:9: events[0].<<: aliases (*name) are not used in this file; write each value out in full "
        "(expected a plain value, found '*k')",
    ]


def test_an_anchor_and_aliases_after_an_explicit_key_are_refused() -> None:
    text = edited("events:\n", "? events\n:\n").replace(
        "    deadlines:", "    sessions: [&e {id: s}, *e, *e]\n    deadlines:")
    assert messages(text) == [
        f"{FILE}:18:16: events[0].sessions[0]: anchors (&name) are not used in this file; write each value out "
        "in full (expected a plain value, found '&e')",
        f"{FILE}:18:28: events[0].sessions[1]: aliases (*name) are not used in this file; write each value out "
        "in full (expected a plain value, found '*e')",
        f"{FILE}:18:32: events[0].sessions[2]: aliases (*name) are not used in this file; write each value out "
        "in full (expected a plain value, found '*e')",
    ]


def test_a_yaml_tag_is_refused() -> None:
    assert messages(edited("kind: meeting", "kind: !!python/object:os.system meeting")) == [
        f"{FILE}:9:11: events[0].kind: YAML tags (!name) are not used in this file; remove it, and put the text "
        "in quotes if it starts with ! (expected a plain value, found '!!python/object:os.system')",
    ]


def test_an_alias_bomb_is_refused_with_at_most_fifty_messages_of_a_kind() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]" for n in range(1, 30)]
    found = messages("\n".join(lines) + "\n" + MINIMAL)
    assert len(found) == 30 + yamlguard.MAX_REPORTED + 1  # 30 anchors, 50 aliases, one line for the rest
    more = [line for line in found if "more of the same" in line]
    assert found[:2] == [
        f"{FILE}:1:5: a0: anchors (&name) are not used in this file; write each value out in full (expected a "
        "plain value, found '&a0')",
        f"{FILE}:2:5: a1: anchors (&name) are not used in this file; write each value out in full (expected a "
        "plain value, found '&a1')"]
    assert more == [(f"{FILE}:14:24: a13[2]: more of the same follow: aliases (*name) are not used in this "
                         "file; write each value out in full (expected a plain value, found more of them)")]


CHARACTER = ("this character is not allowed (it is invisible, or it changes how the text around it is displayed); "
             "delete it (expected visible text, found ")
ESCAPE = ("this text holds a character that is not allowed (it is invisible, or it changes how the text around it "
          "is displayed); delete its escape (expected visible text, found ")


def test_control_characters_are_refused_with_their_real_line_column_and_field() -> None:
    text = edited('en: "Council"', 'en: "Coun\x07cil\x7f"')
    assert messages(text) == [
        f"{FILE}:15:47: events[0].title.en: {CHARACTER}the control character U+0007)",
        f"{FILE}:15:51: events[0].title.en: {CHARACTER}the control character U+007F)",
    ]


def test_non_characters_and_c1_controls_are_refused() -> None:
    text = edited('en: "Council"', 'en: "Council\x85\ufffe"')
    assert messages(text) == [
        f"{FILE}:15:50: events[0].title.en: {CHARACTER}the control character U+0085)",
        f"{FILE}:15:51: events[0].title.en: {CHARACTER}the non-character U+FFFE)",
    ]


def test_bidirectional_controls_are_refused_in_titles_and_links() -> None:
    text = edited('en: "Council"', 'en: "Council \u202egpj.exe"')
    assert messages(text) == [
        f"{FILE}:15:51: events[0].title.en: {CHARACTER}the invisible direction control U+202E)",
    ]


@pytest.mark.parametrize(("escape", "found"), [
    ("\\u202E", "the invisible direction control U+202E in 'Council\\u202e'"),
    ("\\x85", "the control character U+0085 in 'Council\\x85'"),
    ("\\N", "the control character U+0085 in 'Council\\x85'"),
    ("\\0", "the control character U+0000 in 'Council\\x00'"),
    ("\\e", "the control character U+001B in 'Council\\x1b'"),
    ("\\a", "the control character U+0007 in 'Council\\x07'"),
    ("\\uFFFE", "the non-character U+FFFE in 'Council\\ufffe'"),
    ("\\U0010FFFF", "the non-character U+10FFFF in 'Council\\U0010ffff'"),
    ("\\u2066", "the invisible direction control U+2066 in 'Council\\u2066'"),
    ("\\uFEFF", "an invisible byte order mark (U+FEFF) in 'Council\\ufeff'"),
])
def test_a_forbidden_character_written_as_a_double_quoted_escape_is_refused(escape: str, found: str) -> None:
    assert messages(edited('en: "Council"', f'en: "Council{escape}"')) == [
        f"{FILE}:15:42: events[0].title.en: {ESCAPE}{found})"]


def test_an_unknown_key_holding_terminal_escapes_is_refused_and_shown_escaped() -> None:
    hyperlink = "\\e]8;;https://evil.example\\e\\\\Click\\e]8;;\\e\\\\"  # an OSC 8 link, as YAML escapes
    found = messages(edited("    kind: meeting\n", f'    kind: meeting\n    "{hyperlink}": 1\n'))
    assert found == [
        f"{FILE}:10:5: events[0].\\x1b]8;;https://evil.example\\x1b\\Click\\x1b]8;;\\x1b\\: {ESCAPE}the control "
        "character U+001B in '\\x1b]8;;https://evil.example\\x1b\\\\Click\\x1b]8;;\\x1b\\\\')"]
    assert "\x1b" not in "".join(found)


def test_a_key_typed_with_a_colour_code_is_named_escaped_as_typed() -> None:
    found = messages(edited("    kind: meeting\n", '    kind: meeting\n    "\x1b[2J\x1b[31mred": 1\n'))
    assert found == [
        f"{FILE}:10:6: events[0].\\x1b[2J\\x1b[31mred: {CHARACTER}the control character U+001B)",
        f"{FILE}:10:10: events[0].\\x1b[2J\\x1b[31mred: {CHARACTER}the control character U+001B)",
    ]


def test_an_unknown_key_with_an_invisible_character_that_is_allowed_is_shown_escaped() -> None:
    assert messages(edited("    kind: meeting\n", '    kind: meeting\n    "a\u200fb": 1\n')) == [
        f"{FILE}:10:5: events[0].a\\u200fb: unknown key (expected one of id, kind, status, revision, updated, "
        "start, end, title, summary, venue, description, participation, registration, speaking, "
        "speaking_deadline, attendance, roles, people, sessions, deadlines, documents, contacts, links, sources, "
        "found 'a\\u200fb')"]


def test_a_second_yaml_document_is_refused() -> None:
    assert messages(MINIMAL + "---\nsite: {}\n") == [
        f"{FILE}:21:1: the file holds more than one YAML document; remove the line '---' or '...' and what "
        "follows (expected one document, found another document)"]


def test_a_file_too_large_is_refused_without_reading_it() -> None:
    data = MINIMAL.encode() + b"#" * yamlguard.MAX_BYTES
    problems = parse(data, FILE).problems
    assert [str(problem) for problem in problems] == [
        f"{FILE}:1:1: the file is too large (expected at most 5,000,000 bytes, found {len(data):,} bytes)"]


def test_more_yaml_events_than_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlguard, "MAX_EVENTS", 2000)
    text = edited("revision: 0", "revision: [" + "x, " * 5000 + "x]")
    assert messages(text) == [
        f"{FILE}:11:6010: events[0].revision[1998]: the file holds too many values to be read (expected at "
        "most 2,000 YAML events, found more than 2,000)"]


def test_reading_for_longer_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlguard, "MAX_SECONDS", -1.0)  # already over at the first look at the clock
    text = edited("revision: 0", "revision: [" + "x, " * 5000 + "x]")
    assert messages(text) == [
        f"{FILE}:11:2938: events[0].revision[974]: reading the file takes too long (expected at most -1 seconds, "
        "found more than -1 seconds)"]


# --- Valid data is not refused ----------------------------------------------------------------


def test_wrapped_plain_texts_whose_lines_start_with_yaml_indicators_are_accepted() -> None:
    site, problems = read_site(ROOT / "tests" / "fixtures" / "valid" / "continuation-lines.yaml")
    assert problems == [] and site is not None
    assert [site.events[0].title.values[lang] for lang in ("en", "fr", "ru", "es")] == [
        "Research & Development Council", "Conseil * de la recherche", "Совет ! по исследованиям",
        "Consejo ? de investigación"]
    assert [site.events[0].summary.values[lang] for lang in ("en", "fr", "ru", "es")] == [
        "The Council session - its second part.", "La session du Conseil | deuxième partie.",
        "Сессия Совета > вторая часть.", "La reunión del Consejo &amp; *bis* !"]


def test_a_continuation_line_starting_with_an_ampersand_is_text_not_an_anchor() -> None:
    text = edited('en: "Council"', "en: Research\n      & Development").replace(
        "title: {ar: \"المجلس\", zh: \"理事会\", ", "title: {ar: \"المجلس\", zh: \"理事会\",\n      ")
    site = parse(text.encode(), FILE).site
    assert site is not None and site.events[0].title.values["en"] == "Research & Development"


# --- Crashes and hangs of the old guard, each run in a process of its own with a timeout -------


def validate_in_subprocess(text: str, tmp_path: Path) -> list[str]:
    """The validator's output lines for a file, from a child process (a crash or a hang
    fails the test instead of killing or stalling pytest)."""
    (tmp_path / FILE).write_text(text, encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "eventsite", "validate", FILE], cwd=tmp_path,
                                capture_output=True, text=True, timeout=20, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("the validator did not finish within 20 s")
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    return result.stdout.splitlines()


def test_thirty_thousand_levels_of_explicit_keys_are_refused_not_a_crash(tmp_path: Path) -> None:
    # The old guard did not look past ": " at the start of a line; libyaml's composer crashed.
    text = "? x\n: " + "? " * 30_000 + "x\n"
    assert validate_in_subprocess(text, tmp_path) == [f"{FILE}:2:33: x{'.?' * 15}: {DEPTH}"]


def test_thirty_thousand_levels_of_lists_after_an_explicit_key_are_refused_not_a_crash(tmp_path: Path) -> None:
    text = "? x\n: " + "- " * 30_000 + "x\n"
    assert validate_in_subprocess(text, tmp_path) == [f"{FILE}:2:33: x{'[0]' * 15}: {DEPTH}"]


def test_thirty_thousand_levels_after_a_block_scalar_are_refused_not_a_crash(tmp_path: Path) -> None:
    # The old guard took the line after "- a: |" for the text's own (more indented than the
    # "-"), where YAML ends the text (not more indented than "a") and reads a nested list.
    text = "- a: |\n    x\n  b: " + "[" * 30_000 + "]" * 30_000 + "\n"
    assert validate_in_subprocess(text, tmp_path) == [f"{FILE}:3:20: [0].b{'[0]' * 14}: {DEPTH}"]


def test_aliases_after_an_explicit_key_are_refused_not_a_hang(tmp_path: Path) -> None:
    lines = ["? a0", ": &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 40):
        lines += [f"? a{n}", f": &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]"]
    found = validate_in_subprocess("\n".join(lines) + "\n", tmp_path)
    assert found[0] == (f"{FILE}:2:3: a0: anchors (&name) are not used in this file; write each value out in "
                        "full (expected a plain value, found '&a0')")
    assert len(found) == 40 + yamlguard.MAX_REPORTED + 1  # 40 anchors, 50 aliases, one line for the rest


# --- Spans no meeting has: the programme would lay out every day of them -------------------------


def test_an_event_spanning_three_centuries_is_refused() -> None:
    text = edited('start: "2026-06"', "start: 1900-01-01", edited('end: "2026-06"', "end: 2200-12-31"))
    assert messages(text.replace('date: "2026-04"', "date: 1900-01-01")) == [
        f"{FILE}:14:10: events[0].end: the event would last 109,938 days, from 1900-01-01 to 2200-12-31: no "
        "meeting lasts more than 8 weeks; check the years and months of start and end (expected at most 56 days "
        "from start to end, found 109,938 days)"]


def test_an_event_of_eight_weeks_is_accepted() -> None:
    text = edited('start: "2026-06"', "start: 2026-06-01", edited('end: "2026-06"', "end: 2026-07-26"))
    assert parse(text.encode(), FILE).problems == []


def chained_events(count: int, days: int) -> str:
    """`count` events of `days` days, each starting the day after the one before ends."""
    first = dt.date(1900, 1, 1)
    event = MINIMAL[MINIMAL.index("  - id: council-2026"):MINIMAL.index("    deadlines:")]
    lines = [MINIMAL[:MINIMAL.index("  - id: council-2026")]]
    for number in range(count):
        start = first + dt.timedelta(days=number * days)
        lines.append(event.replace("council-2026", f"e{number}").replace('"2026-06"', start.isoformat(), 1)
                     .replace('"2026-06"', (start + dt.timedelta(days=days - 1)).isoformat(), 1))
    return "".join(lines)


def test_a_programme_of_more_than_ten_years_of_days_is_refused() -> None:
    assert messages(chained_events(66, 56)) == [
        f"{FILE}:599:10: events[65].end: the programme would lay out more than 3,660 days (each day of each week "
        "of meetings): a site for ten years of daily meetings at most; check the dates, or split the site "
        "(expected at most 3,660 days of meetings, found 3,696 days)"]


def test_an_event_known_only_to_the_months_does_not_lift_the_bound_of_the_programme() -> None:
    text = chained_events(66, 56).replace(
        "events:\n", "events:\n" + chained_events(1, 1)[chained_events(1, 1).index("  - id: e0"):]
        .replace("e0", "months").replace("1900-01-01", '"2026-03"', 1).replace("1900-01-01", '"2026-04"', 1), 1)
    assert [line.split(": ", 2)[1] for line in messages(text)] == ["events[66].end"]


def test_the_longest_programme_accepted_builds_in_seconds() -> None:
    site = parse(chained_events(65, 56).encode(), FILE).site
    assert site is not None
    began = time.monotonic()
    assert sum(len(week.days) for week in build_programme(site).weeks) == 3640
    assert time.monotonic() - began < 5


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
