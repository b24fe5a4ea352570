"""The change report and its guard, on before/after pairs in tests/fixtures/changes/."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import zoneinfo
from pathlib import Path

import pytest

from eventsite import changes, cli
from eventsite.loader import parse, parse_site
from eventsite.model import Role, Site

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "changes"
FILE = "data/events.yaml"


def review(case: str) -> changes.Review:
    before = (FIXTURES / f"{case}.before.yaml").read_bytes()
    after = (FIXTURES / f"{case}.after.yaml").read_bytes()
    return changes.review_files(before, after, file=FILE, base="origin/main")


def messages(result: changes.Review) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_every_fixture_pair_is_valid_data_on_both_sides() -> None:
    files = sorted(FIXTURES.glob("*.yaml"))
    assert len(files) >= 12
    for path in files:
        site, problems = parse_site(path.read_bytes(), path.name)
        assert site is not None and problems == [], path.name
        partner = path.name.replace(".before.", ".after.") if ".before." in path.name \
            else path.name.replace(".after.", ".before.")
        assert (FIXTURES / partner).exists(), f"{path.name} has no pair"


def test_an_added_event_is_reported_with_its_dates_and_passes_the_guard() -> None:
    result = review("added")
    assert [str(change) for change in result.changes] == [
        "Event `wsis-forum-2027` (WSIS Forum 2027) was added: 5–9 July 2027, tentative. "
        "Subscribers will see a new entry on 5–9 July 2027.",
    ]
    assert result.changes[0].action == "added"
    assert result.problems == ()


def test_removing_a_published_event_is_an_error_asking_to_cancel_it_instead() -> None:
    result = review("removed")
    assert [change.action for change in result.changes] == ["removed"]
    assert messages(result) == [
        "data/events.yaml:13:3: events: event 'igf-2026' is published and was removed: put it back and "
        "set `status: cancelled` instead, so that calendar subscribers see it cancelled "
        "(expected the published event kept, with status: cancelled, found no event 'igf-2026')",
    ]


def test_removing_a_published_session_is_an_error_and_so_is_leaving_the_revision() -> None:
    result = review("session-removed")
    assert [str(change) for change in result.changes] == [
        "Session `wsis-forum-2026-closing` (Closing) of event `wsis-forum-2026` was removed. "
        "Subscribers would see it vanish without a word.",
    ]
    assert messages(result) == [
        "data/events.yaml:16:15: events[0].revision: the published event changed (session "
        "'wsis-forum-2026-closing' removed) but its revision did not: raise revision from 2 to 3, "
        "so that calendars take the change (expected 3 or more, found 2)",
        "data/events.yaml:17:14: warning: events[0].updated: the event changed but updated is still "
        "2026-03-17: set it to the day of this change (expected a date after 2026-03-17, found 2026-03-17)",
        "data/events.yaml:24:7: events[0].sessions: session 'wsis-forum-2026-closing' is published and "
        "was removed: put it back and set `status: cancelled` instead, so that calendar subscribers see it "
        "cancelled (expected the published session kept, with status: cancelled, "
        "found no session 'wsis-forum-2026-closing')",
    ]


def test_a_moved_event_tells_subscribers_the_new_dates() -> None:
    result = review("moved")
    assert [str(change) for change in result.changes] == [
        "Event `wsis-forum-2026` (WSIS Forum 2026) moved from 6–10 July 2026 to 8–10 July 2026; "
        "revision 2 → 3. Subscribers will see the event move to 8–10 July 2026.",
    ]
    assert result.changes[0].action == "moved"
    assert result.problems == ()


def test_a_moved_deadline_counts_as_a_change_of_its_event() -> None:
    result = review("deadline-moved")
    assert [str(change) for change in result.changes] == [
        "Deadline `wsis-forum-2026-speaking-requests` (Speaking requests) of event `wsis-forum-2026` "
        "moved from 1 May 2026 to 15 May 2026. Subscribers will see the deadline move to 15 May 2026.",
    ]
    assert result.problems == ()


def test_a_month_that_becomes_exact_days_appears_in_calendars() -> None:
    result = review("dates-known")
    assert [str(change) for change in result.changes] == [
        "Event `igf-2026` (IGF 2026) now has exact days: 10–13 November 2026 (before: November 2026); "
        "revision 0 → 1. Subscribers will see it appear on 10–13 November 2026.",
    ]


def test_a_cancelled_event_is_struck_through_or_removed_for_subscribers() -> None:
    result = review("cancelled")
    assert [str(change) for change in result.changes] == [
        "Event `wsis-forum-2026` (WSIS Forum 2026) was cancelled; revision 2 → 3. Subscribers will see it "
        "with its sessions and deadlines struck through or removed (cancelled).",
    ]
    assert result.changes[0].action == "cancelled"
    assert result.problems == ()


def test_a_change_without_a_higher_revision_is_an_error_naming_the_new_value() -> None:
    result = review("changed-without-revision")
    assert [str(change) for change in result.changes] == [
        "Event `wsis-forum-2026` (WSIS Forum 2026 in Geneva) changed: title. "
        "Subscribers will see the new title.",
    ]
    assert messages(result) == [
        "data/events.yaml:16:15: events[0].revision: the published event changed (title) but its revision "
        "did not: raise revision from 2 to 3, so that calendars take the change (expected 3 or more, found 2)",
        "data/events.yaml:17:14: warning: events[0].updated: the event changed but updated is still "
        "2026-03-17: set it to the day of this change (expected a date after 2026-03-17, found 2026-03-17)",
    ]
    assert [problem.severity for problem in result.problems] == ["error", "warning"]


def test_a_change_with_a_higher_revision_passes_and_lists_each_item() -> None:
    result = review("changed-with-revision")
    assert [str(change) for change in result.changes] == [
        "Event `wsis-forum-2026` (WSIS Forum 2026 in Geneva) changed: title; revision 2 → 3. "
        "Subscribers will see the new title.",
        "Session `wsis-forum-2026-closing` (Closing ceremony) of event `wsis-forum-2026` changed: title. "
        "Subscribers will see the new title.",
    ]
    assert result.problems == ()


def test_an_unchanged_file_reports_nothing() -> None:
    data = (FIXTURES / "moved.before.yaml").read_bytes()
    result = changes.review_files(data, data, file=FILE, base="origin/main")
    assert result.changes == () and result.problems == ()
    assert "No event, session or deadline changed." in changes.render_markdown(result)


def test_a_file_missing_on_the_base_makes_everything_added() -> None:
    result = changes.review_files(None, (FIXTURES / "moved.before.yaml").read_bytes(), file=FILE,
                                  base="origin/main")
    assert [(change.kind, change.id, change.action) for change in result.changes] == [
        ("event", "wsis-forum-2026", "added"),
        ("session", "wsis-forum-2026-high-level-track", "added"),
        ("session", "wsis-forum-2026-closing", "added"),
        ("deadline", "wsis-forum-2026-speaking-requests", "added"),
        ("event", "igf-2026", "added"),
    ]
    assert str(result.changes[-1]) == (
        "Event `igf-2026` (IGF 2026) was added: November 2026, tentative. "
        "Subscribers will not see it: calendars show only items with exact days.")
    assert result.notes == ("data/events.yaml does not exist on `origin/main`: everything in it is new.",)
    assert result.problems == ()


def test_a_new_file_with_errors_is_not_compared_and_its_errors_are_reported() -> None:
    before = (FIXTURES / "moved.before.yaml").read_bytes()
    after = before.replace(b"    end: 2026-07-10\n", b"    end: 2026-07-01\n", 1)
    result = changes.review_files(before, after, file=FILE, base="origin/main")
    assert result.changes == ()
    assert next(problem.path for problem in result.errors) == "events[0].end"
    assert result.notes == ("data/events.yaml has errors, so the changes could not be compared: fix them first.",)


def site_and_positions(case: str) -> tuple[Site, changes.Positions]:
    data = (FIXTURES / f"{case}.before.yaml").read_bytes()
    parsed = parse(data, FILE)
    assert parsed.site is not None and parsed.walk is not None
    return parsed.site, parsed.walk.positions


def test_a_cancelled_session_is_reported_on_its_own_and_needs_the_event_revision() -> None:
    old, positions = site_and_positions("moved")
    event = old.events[0]
    session = dataclasses.replace(event.sessions[1], status="cancelled")
    new = dataclasses.replace(old, events=(dataclasses.replace(event, sessions=(event.sessions[0], session)),
                                           *old.events[1:]))
    result = changes.review_sites(old, new, positions, file=FILE, base="origin/main")
    assert [str(change) for change in result.changes] == [
        "Session `wsis-forum-2026-closing` (Closing) of event `wsis-forum-2026` was cancelled. "
        "Subscribers will see it struck through or removed (cancelled).",
    ]
    assert [problem.text() for problem in result.errors] == [
        "events[0].revision: the published event changed (session 'wsis-forum-2026-closing' changed) but its "
        "revision did not: raise revision from 2 to 3, so that calendars take the change "
        "(expected 3 or more, found 2)",
    ]


def test_a_lower_revision_is_an_error_even_without_other_changes() -> None:
    old, positions = site_and_positions("moved")
    new = dataclasses.replace(old, events=(dataclasses.replace(old.events[0], revision=1), *old.events[1:]))
    result = changes.review_sites(old, new, positions, file=FILE, base="origin/main")
    assert result.changes == ()
    assert [problem.text() for problem in result.problems] == [
        "events[0].revision: revision went down from 2 to 1: it may only go up; set it back to 2 "
        "(expected 2 or more, found 1)",
    ]


def test_reinstating_a_cancelled_event_says_so() -> None:
    old, positions = site_and_positions("moved")
    cancelled = dataclasses.replace(old, events=(dataclasses.replace(old.events[0], status="cancelled"),
                                                 *old.events[1:]))
    result = changes.review_sites(cancelled, dataclasses.replace(
        old, events=(dataclasses.replace(old.events[0], revision=3, updated=dt.date(2026, 4, 2)),
                     *old.events[1:])), positions, file=FILE, base="origin/main")
    assert [str(change) for change in result.changes] == [
        "Event `wsis-forum-2026` (WSIS Forum 2026) is no longer cancelled (now confirmed); revision 2 → 3. "
        "Subscribers will see it as confirmed again.",
    ]
    assert result.problems == ()


def test_changes_seen_only_on_the_web_page_say_so_for_subscribers() -> None:
    old, positions = site_and_positions("moved")
    event = dataclasses.replace(old.events[0], roles=(Role("organiser", ("itu",)),), revision=3,
                                updated=dt.date(2026, 4, 2))
    result = changes.review_sites(old, dataclasses.replace(old, events=(event, *old.events[1:])),
                                  positions, file=FILE, base="origin/main")
    assert [str(change) for change in result.changes] == [
        "Event `wsis-forum-2026` (WSIS Forum 2026) changed: roles; revision 2 → 3. "
        "Subscribers will see no difference: only the web page changes.",
    ]


def test_session_times_are_written_in_their_own_time_zone() -> None:
    zone = zoneinfo.ZoneInfo("Europe/Zurich")
    start = dt.datetime(2026, 7, 8, 10, 0, tzinfo=zone)
    assert changes.when(start, start.replace(hour=12)) == "8 July 2026, 10:00–12:00 (Europe/Zurich)"
    assert changes.when(start, start.replace(day=9, hour=9)) == \
        "8 July 2026, 10:00 – 9 July 2026, 09:00 (Europe/Zurich)"
    assert changes.when(dt.date(2026, 6, 30), dt.date(2026, 7, 2)) == "30 June – 2 July 2026"


def test_the_markdown_report_lists_changes_then_errors_then_warnings() -> None:
    assert changes.render_markdown(review("changed-without-revision")) == (
        "## Changes to the events in data/events.yaml\n"
        "\n"
        "Compared with `origin/main`.\n"
        "\n"
        "- Event `wsis-forum-2026` (WSIS Forum 2026 in Geneva) changed: title. Subscribers will see the new title.\n"
        "\n"
        "### 1 problem to fix before this can be merged\n"
        "\n"
        "- data/events.yaml:16:15: events\\[0\\].revision: the published event changed (title) but its revision "
        "did not: raise revision from 2 to 3, so that calendars take the change (expected 3 or more, found 2)\n"
        "\n"
        "### Worth a look\n"
        "\n"
        "- data/events.yaml:17:14: warning: events\\[0\\].updated: the event changed but updated is still "
        "2026-03-17: set it to the day of this change (expected a date after 2026-03-17, found 2026-03-17)\n"
    )


# --- The command ------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose main branch has the "before" file of the changed-without-revision pair."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "events.yaml").write_bytes((FIXTURES / "changed-without-revision.before.yaml").read_bytes())
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "data/events.yaml")
    git(tmp_path, "commit", "--quiet", "-m", "events")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_the_command_reads_the_base_from_git_and_fails_on_errors(repo: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "data" / "events.yaml").write_bytes((FIXTURES / "changed-without-revision.after.yaml").read_bytes())
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli.main(["changes", "--base", "main", "data/events.yaml"]) == 1
    out, err = capsys.readouterr()
    report = changes.render_markdown(review("changed-without-revision")).replace("origin/main", "main")
    assert out.startswith(report)
    assert "::error file=data/events.yaml,line=16,col=15,title=data error::events[0].revision: " in out
    assert "::warning file=data/events.yaml,line=17,col=14," in out
    assert summary.read_text(encoding="utf-8") == report
    assert err == "data/events.yaml: 1 error in the changes.\n"


def test_the_command_passes_when_the_revision_was_raised(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "data" / "events.yaml").write_bytes((FIXTURES / "changed-with-revision.after.yaml").read_bytes())
    assert cli.main(["changes", "--base", "main"]) == 0
    out, _err = capsys.readouterr()
    assert "::" not in out
    assert "- Session `wsis-forum-2026-closing` (Closing ceremony)" in out


def test_the_command_treats_a_file_missing_on_the_base_as_all_new(repo: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "mv", "data/events.yaml", "data/old.yaml")
    git(repo, "commit", "--quiet", "-m", "rename")
    (repo / "data" / "events.yaml").write_bytes((FIXTURES / "added.after.yaml").read_bytes())
    assert cli.main(["changes", "--base", "main", "data/events.yaml"]) == 0
    out, _err = capsys.readouterr()
    assert "> data/events.yaml does not exist on `main`: everything in it is new." in out
    assert out.count(" was added: ") == 6


def test_the_command_refuses_an_unknown_base(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["changes", "--base", "origin/no-such-branch"]) == 2
    assert "git does not know 'origin/no-such-branch' here" in capsys.readouterr().err


def test_the_command_compares_with_a_file_given_directly(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    status = cli.main(["changes", str(FIXTURES / "removed.after.yaml"),
                       "--base-file", str(FIXTURES / "removed.before.yaml")])
    assert status == 1
    assert "event 'igf-2026' is published and was removed" in capsys.readouterr().out


def test_a_cancelled_deadline_is_reported_on_its_own_and_needs_the_event_revision() -> None:
    old, positions = site_and_positions("deadline-moved")
    event = next(event for event in old.events if event.deadlines)
    deadline = dataclasses.replace(event.deadlines[0], status="cancelled")
    changed = dataclasses.replace(event, deadlines=(deadline, *event.deadlines[1:]))
    new = dataclasses.replace(old, events=tuple(changed if e is event else e for e in old.events))
    result = changes.review_sites(old, new, positions, file=FILE, base="origin/main")
    assert [change.kind for change in result.changes] == ["deadline"]
    assert "was cancelled" in str(result.changes[0])
    assert [problem.path for problem in result.errors] == [f"events[{old.events.index(event)}].revision"]


def test_a_venues_city_and_country_for_search_engines_need_no_new_revision_but_its_address_does() -> None:
    example = (Path(__file__).resolve().parent.parent / "data" / "events.example.yaml").read_bytes()
    without = example.replace(b"    country: CH ", b"    # country: CH ", 1)
    assert without != example
    review = changes.review_files(without, example, file="data/events.yaml", base="main")
    assert list(review.errors) == []
    moved = example.replace(b'en: "Geneva, Switzerland"', b'en: "Lausanne, Switzerland"', 1)
    review = changes.review_files(example, moved, file="data/events.yaml", base="main")
    assert [problem.path for problem in review.errors] == ["events[0].revision"]
