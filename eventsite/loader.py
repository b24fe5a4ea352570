"""Read data/events.yaml into the typed model, collecting every problem at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from eventsite import checks, schema, yamlguard
from eventsite.model import Site
from eventsite.problems import Problem

# libyaml's parser when PyYAML has it (several times faster), with the same positions.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    findings = yamlguard.scan(text)
    if findings:
        return Parsed(None, refused(text, findings, file))
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        return Parsed(None, [syntax_problem(error, text, file)])
    except yaml.YAMLError as error:  # not raised by the parser for a text that passed the guard
        return Parsed(None, [Problem(file, 1, 1, "", f"YAML error: {error}", "valid YAML", "invalid YAML")])
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


def refused(text: str, findings: list[yamlguard.Finding], file: str) -> list[Problem]:
    """Problems for what the guard found, each naming its field where the file, with the
    refused characters blanked out, can be read as YAML without them."""
    paths: dict[tuple[int, int], str] = {}
    if all(finding.message.startswith("this character") for finding in findings):
        try:
            root = yaml.compose(yamlguard.FORBIDDEN.sub(" ", text), Loader=YAML_LOADER)
        except yaml.YAMLError:
            root = None
        if root is not None:
            paths = {(f.line, f.column): node_path(root, f.line, f.column) for f in findings}
    return [Problem(file, f.line, f.column, paths.get((f.line, f.column), ""), f.message, f.expected, f.found)
            for f in findings]


def node_path(root: yaml.Node, line: int, column: int) -> str:
    """The field path (as in messages: `events[2].title.en`) of the value at a position."""
    path, node = "", root
    position = (line - 1, column - 1)
    while True:
        children: list[tuple[str, yaml.Node]] = []
        if isinstance(node, yaml.MappingNode):
            children = [(f"{path}.{key.value}" if path else str(key.value), value) for key, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = [(f"{path}[{index}]", item) for index, item in enumerate(node.value)]
        for child_path, child in children:
            start, end = child.start_mark, child.end_mark
            if (start.line, start.column) <= position <= (end.line, end.column):
                path, node = child_path, child
                break
        else:
            return path


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
