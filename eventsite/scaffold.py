"""A new, empty event for editors to fill in: `python -m eventsite new-event ID`.

The block has every required key, and every text in each of the site's languages as an empty
string (""), so that nothing is forgotten: the validator lists each empty text until it
is filled in. A new event starts `tentative` at revision 0.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from eventsite import schema, yamlguard, yamltypes
from eventsite.languages import UN_LANGUAGES, Languages
from eventsite.model import FEED_NAMES, EventKind, Status

MAX_ID_LENGTH = yamltypes.MAX_ID_LENGTH
COMMENT_COLUMN = 33


class ScaffoldError(ValueError):
    """The new event cannot be made as asked; the message says why, for the editor."""


def check_new_id(event_id: str, used: set[str]) -> None:
    """Raise ScaffoldError unless `event_id` is safe in a web address and not used yet."""
    if not re.match(yamltypes.ID_PATTERN, event_id) or len(event_id) > MAX_ID_LENGTH:
        raise ScaffoldError(
            f"'{event_id}' cannot be an id: use lowercase letters, digits and single hyphens, "
            f"at most {MAX_ID_LENGTH} characters (like wsis-forum-2027); it becomes part of web addresses")
    if event_id in FEED_NAMES:
        raise ScaffoldError(f"'{event_id}' cannot be an id: it is the name of a combined calendar feed")
    if event_id in used:
        raise ScaffoldError(f"'{event_id}' is already used in the data file: choose another id")


def site_languages(text: str | None) -> Languages:
    """The languages a data file names (site.languages), or the UN set."""
    root = compose(text) if text else None
    return schema.declared_languages(root) if root is not None else UN_LANGUAGES


def used_ids(text: str) -> set[str]:
    """Every id declared in a data file, even one with errors elsewhere."""
    root = compose(text)
    walk = schema.Walk("")
    if root is not None:
        schema.SITE.convert(root, "", walk)
    return {value for value, _path, _kind in walk.ids}


def compose(text: str) -> yaml.Node | None:
    """The node tree of a data file that may have errors elsewhere, read through the
    validator's guard (no alias, depth or character gets past it to a composer)."""
    read = yamlguard.read(text.removeprefix("\ufeff"))
    if read.findings or read.error:
        raise ScaffoldError("the data file is not valid YAML: see python -m eventsite validate")
    return read.root


def parse_day(text: str, name: str) -> dt.date | str:
    """A date (2026-07-06) or, kept as text, a month only (2026-07)."""
    try:
        if re.match(yamltypes.DATE_PATTERN, text):
            return dt.date.fromisoformat(text)
        if re.match(yamltypes.MONTH_PATTERN, text) and 1 <= int(text[5:]) <= 12:
            return text
    except ValueError:
        pass
    raise ScaffoldError(f"--{name} {text}: write a day like 2026-07-06, or a month only like 2026-07")


def day_value(day: dt.date | str | None) -> str:
    if day is None:
        return '""'
    return day.isoformat() if isinstance(day, dt.date) else f'"{day}"'


def new_event_block(event_id: str, *, today: dt.date, start: str | None = None, end: str | None = None,
                    kind: str = "meeting", indent: int = 2, languages: Languages = UN_LANGUAGES) -> str:
    """The YAML of a new event, as an item of the `events:` list indented by `indent` spaces."""
    if kind not in tuple(EventKind):
        raise ScaffoldError(f"--kind {kind}: use one of {', '.join(EventKind)}")
    if end and not start:
        raise ScaffoldError("--end needs --start too")
    first = parse_day(start, "start") if start else None
    last = parse_day(end, "end") if end else first
    if first is not None and last is not None and type(first) is type(last) and str(last) < str(first):
        raise ScaffoldError(f"--end {end} is before --start {start}")

    def line(depth: int, text: str, comment: str = "") -> str:
        content = " " * (indent + depth) + text
        return f"{content.ljust(COMMENT_COLUMN - 1)} # {comment}" if comment else content

    def texts(key: str) -> list[str]:
        return [line(2, f"{key}:")] + [line(4, f'{lang}: ""') for lang in languages]

    lines = [
        line(0, "# Source: the letter or document these facts come from, and its date"),
        line(0, f"- id: {event_id}", "never change it once published"),
        line(2, f"kind: {kind}", " | ".join(EventKind)),
        line(2, "status: tentative", " | ".join(Status)),
        line(2, "revision: 0", "raise by one each time you change it once published"),
        line(2, f"updated: {today.isoformat()}", "the day you last changed it"),
        line(2, f"start: {day_value(first)}", 'the first day, like 2026-07-06 (a month only: "2026-07")'),
        line(2, f"end: {day_value(last)}", "the last day (inclusive)"),
        line(2, "# venue: palexpo", "optional: the id of a venue"),
        *texts("title"),
        *texts("summary"),
    ]
    return "\n".join(lines) + "\n"


def insert_event(text: str, event_id: str, *, today: dt.date, start: str | None = None,
                 end: str | None = None, kind: str = "meeting") -> tuple[str, int]:
    """The data file with a new event at the end of its `events:` list, and the block's first line."""
    check_new_id(event_id, used_ids(text))
    root = compose(text)
    events = None
    if isinstance(root, yaml.MappingNode):
        events = next((value for key, value in root.value if getattr(key, "value", None) == "events"), None)
    if not isinstance(events, yaml.SequenceNode):
        raise ScaffoldError("the data file has no `events:` list to add to: add the event by hand")
    if events.flow_style:
        if events.value:
            raise ScaffoldError("`events:` is written on one line ([...]): add the event by hand")
        # `events: []` on one line: the first event replaces the empty list.
        lines = text.splitlines(keepends=True)
        row = events.start_mark.line
        rest = lines[row][events.end_mark.column:].strip()
        if events.end_mark.line != row or (rest and not rest.startswith("#")):
            raise ScaffoldError("write `events: []` alone on its line, or add the event by hand")
        lines[row] = lines[row][: events.start_mark.column].rstrip() + "\n"
        lines.insert(row + 1, new_event_block(event_id, today=today, start=start, end=end, kind=kind,
                                              languages=site_languages(text)))
        return "".join(lines), row + 2
    block = new_event_block(event_id, today=today, start=start, end=end, kind=kind,
                            indent=events.start_mark.column, languages=site_languages(text))
    lines = text.splitlines(keepends=True)
    # The list ends where the next key starts; comments and blank lines just before that key
    # belong to it, so the new event goes after the last line of the last event.
    end_line = min(events.end_mark.line + (events.end_mark.column > 0), len(lines))
    while end_line > 0 and is_outside(lines[end_line - 1], events.start_mark.column):
        end_line -= 1
    if end_line and not lines[end_line - 1].endswith("\n"):
        lines[end_line - 1] += "\n"
    lines.insert(end_line, block)
    return "".join(lines), end_line + 1


def is_outside(line: str, dash_column: int) -> bool:
    """A blank line, or a comment no deeper than the list's dashes."""
    stripped = line.lstrip()
    return not stripped or (stripped.startswith("#") and len(line) - len(stripped) <= dash_column)
