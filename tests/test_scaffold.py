"""`new-event`: a new event block that the validator accepts in shape and flags until filled in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT

from eventsite import cli, scaffold
from eventsite.languages import LANGUAGES
from eventsite.loader import parse_site
from eventsite.translations import missing_by_language

EXAMPLE = ROOT / "data" / "events.example.yaml"
TODAY = dt.date(2026, 4, 2)


def example_with_new_event(**options: str) -> tuple[str, int]:
    return scaffold.insert_event(EXAMPLE.read_text(encoding="utf-8"), "wsis-forum-2027", today=TODAY, **options)


def test_the_block_has_every_required_key_and_six_empty_texts() -> None:
    assert scaffold.new_event_block("wsis-forum-2027", today=TODAY, start="2027-07-05", end="2027-07-09") == (
        "  # Source: the letter or document these facts come from, and its date\n"
        "  - id: wsis-forum-2027          # never change it once published\n"
        "    kind: meeting                # forum | summit | dialogue | high-level-event | meeting | session\n"
        "    status: tentative            # confirmed | tentative | cancelled\n"
        "    revision: 0                  # raise by one each time you change it once published\n"
        "    updated: 2026-04-02          # the day you last changed it\n"
        '    start: 2027-07-05            # the first day, like 2026-07-06 (a month only: "2026-07")\n'
        "    end: 2027-07-09              # the last day (inclusive)\n"
        "    # venue: palexpo             # optional: the id of a venue\n"
        "    title:\n"
        '      ar: ""\n      zh: ""\n      en: ""\n      fr: ""\n      ru: ""\n      es: ""\n'
        "    summary:\n"
        '      ar: ""\n      zh: ""\n      en: ""\n      fr: ""\n      ru: ""\n      es: ""\n'
    )


def test_the_added_event_validates_in_shape_and_every_empty_text_is_reported() -> None:
    text, line = example_with_new_event(start="2027-07-05", end="2027-07-09")
    assert text.splitlines()[line - 1] == "  # Source: the letter or document these facts come from, and its date"
    site, problems = parse_site(text.encode("utf-8"), "data/events.yaml")
    assert site is None
    assert [problem.text() for problem in problems] == [
        f"events[1].{key}.{lang}: empty value (expected text, found nothing)"
        for key in ("title", "summary") for lang in LANGUAGES
    ]
    first = text.splitlines().index('      ar: ""') + 1
    assert (problems[0].line, problems[0].column) == (first, 11)


def test_once_the_texts_are_filled_in_the_new_event_is_valid() -> None:
    text, _line = example_with_new_event(start="2027-07-05", end="2027-07-09")
    filled = text.replace('""', '"WSIS Forum 2027"')
    site, problems = parse_site(filled.encode("utf-8"), "data/events.yaml")
    assert problems == []
    assert site is not None
    event = site.event("wsis-forum-2027")
    assert (event.status, event.revision, event.updated) == ("tentative", 0, TODAY)
    assert (event.start, event.end) == (dt.date(2027, 7, 5), dt.date(2027, 7, 9))


def test_without_dates_the_validator_asks_for_them_too() -> None:
    text, _line = example_with_new_event()
    _site, problems = parse_site(text.encode("utf-8"), "data/events.yaml")
    assert [problem.text() for problem in problems][:2] == [
        "events[1].start: not a date (expected a date like 2026-07-06 or a month like \"2026-03\", found '')",
        "events[1].end: not a date (expected a date like 2026-07-06 or a month like \"2026-03\", found '')",
    ]


def test_a_month_only_date_is_written_in_quotes() -> None:
    block = scaffold.new_event_block("igf-2027", today=TODAY, start="2027-11")
    assert '    start: "2027-11"' in block and '    end: "2027-11"' in block


def test_texts_left_out_or_left_empty_are_listed_by_make_translations(tmp_path: Path) -> None:
    text, _line = example_with_new_event(start="2027-07-05")
    path = tmp_path / "events.yaml"
    path.write_text(text.replace('      fr: ""\n', "", 2), encoding="utf-8")
    report = missing_by_language(path)
    # French is left out entirely; the other five are still the scaffold's empty "".
    assert all(report[lang] == [("events[1].title", True), ("events[1].summary", True)] for lang in LANGUAGES)


@pytest.mark.parametrize("bad_id", ["Wsis-Forum", "wsis_forum", "../etc/passwd", "wsis--forum", "-wsis",
                                    "wsis forum", "", "x" * 81])
def test_an_id_unsafe_in_a_web_address_is_refused(bad_id: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match="cannot be an id: use lowercase letters"):
        scaffold.check_new_id(bad_id, set())


@pytest.mark.parametrize("feed", ["all", "deadlines"])
def test_an_id_that_would_overwrite_a_combined_feed_is_refused(feed: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match="name of a combined calendar feed"):
        scaffold.check_new_id(feed, set())


@pytest.mark.parametrize("used", ["wsis-forum-2026", "wsis-forum-2026-high-level-track",
                                  "wsis-forum-2026-speaking-requests", "itu", "palexpo", "itu-cl-26-17"])
def test_an_id_already_used_anywhere_in_the_file_is_refused(used: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match=f"'{used}' is already used in the data file"):
        scaffold.insert_event(EXAMPLE.read_text(encoding="utf-8"), used, today=TODAY)


@pytest.mark.parametrize(("options", "message"), [
    ({"start": "6 July 2027"}, "--start 6 July 2027: write a day like 2026-07-06"),
    ({"start": "2027-02-30"}, "--start 2027-02-30: write a day like 2026-07-06"),
    ({"start": "2027-13"}, "--start 2027-13: write a day like 2026-07-06"),
    ({"end": "2027-07-09"}, "--end needs --start too"),
    ({"start": "2027-07-09", "end": "2027-07-05"}, "--end 2027-07-05 is before --start 2027-07-09"),
    ({"kind": "party"}, "--kind party: use one of forum, summit"),
])
def test_wrong_options_are_refused_with_a_reason(options: dict[str, str], message: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match=message):
        scaffold.new_event_block("wsis-forum-2027", today=TODAY, **options)


def test_the_event_goes_after_the_last_event_even_when_other_keys_follow() -> None:
    text = "site: {}\nevents:\n- id: a\n  kind: forum\n\n# Places\nvenues: []\n"
    updated, line = scaffold.insert_event(text, "b", today=TODAY)
    rows = updated.splitlines()
    assert line == 5
    assert rows[:5] == ["site: {}", "events:", "- id: a", "  kind: forum",
                        "# Source: the letter or document these facts come from, and its date"]
    assert rows[5].startswith("- id: b ")
    assert rows[-3:] == ["", "# Places", "venues: []"]


def test_the_first_event_replaces_an_empty_list() -> None:
    updated, line = scaffold.insert_event("site: {}\nevents: []  # none yet\n", "b", today=TODAY)
    assert updated.startswith("site: {}\nevents:\n  # Source: ")
    assert line == 3


def test_a_file_that_is_not_yaml_is_refused_with_a_pointer_to_validate() -> None:
    with pytest.raises(scaffold.ScaffoldError, match="not valid YAML: see python -m eventsite validate"):
        scaffold.insert_event("events:\n  - id: a\n   kind: [\n", "b", today=TODAY)


def test_the_command_prints_the_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new-event", "wsis-forum-2027", str(EXAMPLE), "--start", "2027-07-05"]) == 0
    out = capsys.readouterr().out
    assert "  - id: wsis-forum-2027 " in out
    assert "    end: 2027-07-05 " in out


def test_the_command_writes_the_event_into_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.main(["new-event", "wsis-forum-2027", str(path), "--start", "2027-07-05", "--write"]) == 0
    _text, line = example_with_new_event(start="2027-07-05")
    assert f"{path}:{line}: added the event 'wsis-forum-2027'." in capsys.readouterr().err
    assert cli.main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.count("empty value") == 12


def test_the_command_refuses_an_id_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new-event", "wsis-forum-2026", str(EXAMPLE)]) == 1
    assert "'wsis-forum-2026' is already used in the data file: choose another id" in capsys.readouterr().err


def test_the_command_will_not_write_a_file_that_does_not_exist(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new-event", "x", str(tmp_path / "events.yaml"), "--write"]) == 1
    assert "copy data/events.example.yaml to it first" in capsys.readouterr().err


def test_a_hostile_data_file_is_refused_by_the_new_event_command_not_composed():
    """Nesting 30,000 deep crashed libyaml's composer (exit 139): the scaffold reads the
    file through the validator's guard. Run in a process of its own, as a crash would end it."""
    import subprocess
    import sys
    script = ("from eventsite import scaffold\n"
              "text = 'events: ' + '[' * 30000 + ']' * 30000 + '\\n'\n"
              "try:\n    scaffold.used_ids(text)\nexcept scaffold.ScaffoldError as error:\n    print(error)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (
        0, "the data file is not valid YAML: see python -m eventsite validate")
