"""Read data/events.yaml into the typed model, collecting every problem at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from eventsite import checks, schema, yamlguard
from eventsite.model import Site
from eventsite.problems import Problem

YAML_LOADER = yamlguard.LOADER  # for the modules that compose a file already validated


class DataError(Exception):
    """The data file has problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def read_site(path: str | Path, display_name: str | None = None) -> tuple[Site | None, list[Problem]]:
    """Parse and validate a data file: the site (None if there are errors) and all problems."""
    path = Path(path)
    return parse_site(path.read_bytes(), display_name or str(path))


def parse_site(data: bytes, file: str) -> tuple[Site | None, list[Problem]]:
    """Like `read_site`, for the bytes of a file named `file` in messages."""
    parsed = parse(data, file)
    return parsed.site, parsed.problems


@dataclass(frozen=True)
class Parsed:
    """A data file read: the site (None if there are errors), every problem, and the walk
    over its YAML (None if the file could not be read as YAML), which also holds what the
    translation report needs."""

    site: Site | None
    problems: list[Problem]
    walk: schema.Walk | None = None


def parse(data: bytes, file: str) -> Parsed:
    """Decode, parse and validate the bytes of a data file named `file` in messages."""
    with without_cycle_collector():
        return parse_unpaused(data, file)


@contextmanager
def without_cycle_collector() -> Iterator[None]:
    """Python's cycle collector paused: reading 1,000 events makes some 700,000 objects
    (events, marks, nodes, model values) that live until the end and form no cycles, and
    the collector's passes over them took twice as long as the reading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_unpaused(data: bytes, file: str) -> Parsed:
    expected = "a mapping with the keys site, organisations, venues, documents, events"
    if len(data) > yamlguard.MAX_BYTES:
        return Parsed(None, [Problem(file, 1, 1, "", "the file is too large",
                                     f"at most {yamlguard.MAX_BYTES:,} bytes", f"{len(data):,} bytes")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return Parsed(None, [Problem(file, line, column, "", "the file is not UTF-8 text; save it as UTF-8",
                                     "UTF-8", f"the byte 0x{data[error.start]:02x}")])
    try:
        read = yamlguard.read(text.removeprefix("\ufeff"))  # a byte order mark at the very start is harmless
    except yaml.YAMLError as error:  # not raised by the parser for a text without forbidden characters
        return Parsed(None, [Problem(file, 1, 1, "", f"YAML error: {error}", "valid YAML", "invalid YAML")])
    problems = [Problem(file, f.line, f.column, f.path, f.message, f.expected, f.found) for f in read.findings]
    if read.error is not None:
        problems.append(syntax_problem(read.error, text, file))
    if problems:
        return Parsed(None, problems)
    root = read.root
    if root is None:
        return Parsed(None, [Problem(file, 1, 1, "", "the file is empty", expected, "nothing")])
    walk = schema.Walk(file)
    site = schema.SITE.convert(root, "", walk)
    if site is not schema.INVALID:
        site = checks.with_session_zones(site)
        checks.check_site(site, walk)
    problems = sorted(walk.problems, key=lambda p: (p.line, p.column, p.path))
    errors = [problem for problem in problems if problem.severity == "error"]
    return Parsed(None if errors else site, problems, walk)


def syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(filter(None, [error.context, error.problem]))
    hint = "; a text containing ': ' or starting with a special character needs quotes"
    return Problem(file, line, column, "", f"YAML syntax error: {what}{hint}", "valid YAML", describe_mark(text, line))


def describe_mark(text: str, line: int) -> str:
    lines = text.splitlines()
    shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return f"'{shown}'" if shown else "the end of the file"


def load_site(path: str | Path) -> Site:
    """The validated site, or DataError naming every problem."""
    site, problems = read_site(path)
    if site is None:
        raise DataError([problem for problem in problems if problem.severity == "error"])
    return site
