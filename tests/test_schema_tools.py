"""Editors' own tools agree with our validator: check-jsonschema (a pinned test dependency)
and yaml-language-server (the server of VS Code's YAML extension, pinned in package.json),
with data/events.schema.json, over the real files and the bad-edit fixtures.

Wherever JSON Schema can express a rule, check-jsonschema must reject what we reject, at
the same place, and must reject nothing we accept. The rules it cannot express are listed
in NOT_IN_JSON_SCHEMA, each with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from eventsite.loader import read_site
from eventsite.problems import Problem
from eventsite.yamltypes import FIRST_YEAR, LAST_YEAR

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


# --- The calendar in the schema's patterns ----------------------------------------------


def schema_patterns() -> dict[str, re.Pattern[str]]:
    """The day, month and date-time patterns of the committed schema (an event's start
    allows a day or a month; a session's start a day or a date-time)."""
    properties = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]
    event = properties["events"]["items"]["properties"]
    session = event["sessions"]["items"]["properties"]
    day, month = (form["pattern"] for form in event["start"]["anyOf"])
    _day, moment = (form["pattern"] for form in session["start"]["anyOf"])
    return {"day": re.compile(day), "month": re.compile(month), "moment": re.compile(moment)}


def is_real_day(text: str) -> bool:
    try:
        return FIRST_YEAR <= dt.date.fromisoformat(text).year <= LAST_YEAR
    except ValueError:
        return False


def test_the_schema_knows_each_months_length_and_the_leap_years_of_the_bounded_years() -> None:
    patterns = schema_patterns()
    checked = 0
    for year in range(FIRST_YEAR - 1, LAST_YEAR + 2):
        for month in range(0, 14):
            assert bool(patterns["month"].match(f"{year:04d}-{month:02d}")) == (
                FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12), (year, month)
            for day in range(0, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                assert bool(patterns["day"].match(text)) == is_real_day(text), text
                assert bool(patterns["moment"].match(text + "T10:00")) == is_real_day(text), text
                checked += 1
    assert checked == (LAST_YEAR - FIRST_YEAR + 3) * 14 * 33
    for leap, common in (("2000-02-29", "1900-02-29"), ("2024-02-29", "2100-02-29"), ("2196-02-29", "2200-02-29")):
        assert patterns["day"].match(leap) and not patterns["day"].match(common)


# --- yaml-language-server, as VS Code's YAML extension runs it ----------------------------

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
# Offline, as in VS Code with the schema store turned off: only our schema applies.
SETTINGS = {"validate": True, "schemaStore": {"enable": False}, "format": {"enable": False}}
# Our messages the editor does not show, and why.
NOT_IN_THE_EDITOR = {r"the file is empty": "yaml-language-server validates no empty document"}


class LanguageServer:
    """A yaml-language-server process spoken to over stdio (LSP: JSON-RPC with
    Content-Length framing), as VS Code does: initialize, then open each document and
    read the diagnostics it publishes."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": ROOT.as_uri(),
                                    "capabilities": {"workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline().strip()):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.lower()] = value.strip()
            if not headers:
                return  # the server has exited
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.send({"id": 1, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == 1 and "method" not in message)["result"]

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The next message `wanted` accepts, answering the server's own requests meanwhile."""
        while True:
            message = self.messages.get(timeout=120)  # a failure guard, not a timing check
            if "method" in message and "id" in message:  # workspace/configuration, registrations
                items = message.get("params", {}).get("items", [])
                self.send({"id": message["id"], "result": [SETTINGS if item.get("section") == "yaml" else None
                                                           for item in items] if items else None})
            elif wanted(message):
                return message

    def diagnostics(self, path: Path, text: str) -> list[dict[str, Any]]:
        """The errors the server publishes for `text` opened as the document `path`."""
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        published = self.wait(lambda message: message.get("method") == "textDocument/publishDiagnostics"
                              and message["params"]["uri"] == uri)
        return [item for item in published["params"]["diagnostics"] if item.get("severity", 1) == 1]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="module")
def editor() -> Iterator[LanguageServer]:
    server = LanguageServer()
    yield server
    server.close()


def editor_errors(editor: LanguageServer, path: Path) -> list[tuple[int, str]]:
    """(1-based line, message) of each error the editor shows in a file, the file told of our
    schema by a modeline on an added first line, as README's settings or the modeline of
    data/events.yaml would."""
    text = f"# yaml-language-server: $schema={SCHEMA.as_uri()}\n" + path.read_text(encoding="utf-8")
    return [(item["range"]["start"]["line"], item["message"]) for item in editor.diagnostics(path, text)]


def shown_at(problem: Problem, lines: set[int]) -> bool:
    """Whether the editor marks the line of one of our problems. A key missing from a block
    mapping is marked on the key that holds the mapping, the line above ours."""
    return problem.line in lines or ("missing" in problem.message and problem.line - 1 in lines)


def test_the_editor_shows_no_error_in_the_real_data_file_read_through_its_own_modeline(
        editor: LanguageServer) -> None:
    data = ROOT / "data" / "events.yaml"
    text = data.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=events.schema.json\n")
    assert editor.diagnostics(data, text) == []
    # The same file with one impossible day: exactly that line is marked, with our message.
    start = re.search(r"^    start: 2026-07-06$", text, re.MULTILINE)
    assert start, "data/events.yaml has an event starting on 2026-07-06"
    line = text[:start.start()].count("\n") + 1
    broken = data.with_name("broken-copy.yaml")  # never written: the editor gets the text itself
    errors = editor.diagnostics(broken, text.replace(start.group(), "    start: 2026-02-30", 1).replace(
        "$schema=events.schema.json", f"$schema={SCHEMA.as_uri()}", 1))
    assert [(item["range"]["start"]["line"] + 1, item["message"]) for item in errors] == [
        (line, f"not a real calendar date from {FIRST_YEAR} to {LAST_YEAR} (expected a date like 2026-07-06)")]


@pytest.mark.parametrize("path", VALID[1:], ids=lambda path: path.name)
def test_the_editor_accepts_what_we_accept(editor: LanguageServer, path: Path) -> None:
    assert errors_of(path) == []
    assert editor_errors(editor, path) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.name)
def test_the_editor_marks_the_lines_we_report_and_no_other(editor: LanguageServer, path: Path) -> None:
    ours = errors_of(path)
    theirs = editor_errors(editor, path)
    lines = {line for line, _message in theirs}
    if not ours[0].path and "YAML" in ours[0].message:  # a file YAML cannot read: the same line first
        assert ours[0].line in lines, (str(ours[0]), theirs)
        return
    for problem in ours:
        if expressible(problem) and not any(re.search(pattern, problem.message) for pattern in NOT_IN_THE_EDITOR):
            assert shown_at(problem, lines), (str(problem), theirs)
    for line, message in theirs:  # nothing we accept: each error is on a line of one of ours
        assert any(problem.line in (line, line + 1) for problem in ours), (line, message, [str(p) for p in ours])
