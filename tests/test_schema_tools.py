"""Editors' own tools agree with our validator: check-jsonschema (a pinned test dependency)
with data/events.schema.json, over the real files and the bad-edit fixtures.

Wherever JSON Schema can express a rule, check-jsonschema must reject what we reject, at
the same place, and must reject nothing we accept. The rules it cannot express are listed
in NOT_IN_JSON_SCHEMA, each with the reason.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from eventsite.loader import read_site
from eventsite.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "data" / "events.schema.json"
INVALID = sorted((ROOT / "tests" / "fixtures" / "invalid").glob("*.yaml"))
VALID = [ROOT / "data" / "events.yaml", ROOT / "data" / "events.example.yaml",
         *sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.yaml"))]

# Our messages for rules JSON Schema cannot say, and why.
NOT_IN_JSON_SCHEMA = {
    r"has this id|this id belongs to": "a reference to an item of another list (JSON Schema has no cross-references)",
    r"duplicate id": "ids unique across all lists of the file",
    r"is before start|outside its event": "a comparison between two fields",
    r"a time of day needs a time zone": "depends on the venue the event refers to",
    r"IANA time zone": "the list of zones changes with each tz database release; the committed schema "
                       "must not depend on the machine that wrote it",
    r"YAML reads an unquoted": "YAML 1.1 readings (PyYAML, many tools) that YAML 1.2 readers such as "
                               "check-jsonschema's do not share",
}


def expressible(problem: Problem) -> bool:
    return not any(re.search(pattern, problem.text()) for pattern in NOT_IN_JSON_SCHEMA)


@lru_cache(maxsize=1)
def check_jsonschema() -> dict[Path, tuple[list[tuple[str, str]], bool]]:
    """file -> (errors as (path, message), whether it could not be parsed), from one run."""
    files = [*VALID, *INVALID]
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), "-o", "json",
                             *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    report = json.loads(result.stdout)
    found: dict[Path, tuple[list[tuple[str, str]], bool]] = {path: ([], False) for path in files}
    for error in report.get("errors", []):
        path = Path(error["filename"])
        found[path][0].append((json_path(error["path"]), error["message"]))
    for error in report.get("parse_errors", []):
        path = Path(error["filename"])
        found[path] = (found[path][0], True)
    assert result.returncode == (1 if any(errors or failed for errors, failed in found.values()) else 0)
    return found


def json_path(path: str) -> str:
    """check-jsonschema's `$.events[0].end` as our `events[0].end`."""
    return path.removeprefix("$").removeprefix(".")


def covers(error_path: str, message: str, problem_path: str) -> bool:
    """Whether a check-jsonschema error names the place of one of our problems: the same
    path, or the mapping that holds it with the key named in the message (a missing or an
    unexpected key)."""
    if error_path == problem_path:
        return True
    parent, _, key = problem_path.rpartition(".")
    return parent == error_path and f"'{key}'" in message


def errors_of(path: Path) -> list[Problem]:
    return [problem for problem in read_site(path)[1] if problem.severity == "error"]


@pytest.mark.parametrize("path", VALID, ids=lambda path: path.name)
def test_check_jsonschema_accepts_what_we_accept(path: Path) -> None:
    assert errors_of(path) == []
    assert check_jsonschema()[path] == ([], False)


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.name)
def test_check_jsonschema_agrees_wherever_json_schema_can_say_the_rule(path: Path) -> None:
    ours = errors_of(path)
    assert ours, "every bad-edit fixture has at least one error"
    theirs, unreadable = check_jsonschema()[path]
    if unreadable or (not ours[0].path and "YAML" in ours[0].message):
        assert unreadable and not theirs, "a file YAML cannot read is refused by both"
        assert "YAML" in ours[0].message or "duplicate key" in ours[0].message
        return
    for problem in filter(expressible, ours):
        assert any(covers(where, message, problem.path) for where, message in theirs), (str(problem), theirs)
    for where, message in theirs:  # nothing we accept: each of its errors is at or above one of ours
        assert any(problem.path == where or problem.path.startswith(where + ".") or
                   problem.path.startswith(where + "[") or not where for problem in ours), (where, message)


def test_the_fixtures_cover_rules_on_both_sides() -> None:
    kinds = {expressible(problem) for path in INVALID for problem in errors_of(path)}
    assert kinds == {True, False}
    agreed = [path.name for path in INVALID
              if check_jsonschema()[path][0] and all(map(expressible, errors_of(path)))]
    assert len(agreed) >= 8, agreed


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-45"])
def test_impossible_dates_are_refused_by_both(tmp_path: Path, bad: str) -> None:
    text = (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    start = re.search(r"^(\s+)start: (\S+)$", text, re.MULTILINE)
    assert start, "minimal.yaml has an event start"
    path = tmp_path / "events.yaml"
    path.write_text(text.replace(start.group(0), f"{start.group(1)}start: {bad}", 1), encoding="utf-8")
    assert any("no such day" in problem.message or "not a date" in problem.message for problem in errors_of(path))
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA), str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout
