"""What the data file may not contain, found in its text before any YAML parser reads it.

libyaml's composer recurses once per level of nesting (it crashes the interpreter from
about 30,000 levels), its parser slows down quadratically with depth, and anchors and
aliases let a few lines expand into millions of values. Editors never need deep nesting,
anchors, aliases, tags or merge keys, so `scan` refuses them, with their line and column,
together with characters that no text of the site may hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_BYTES = 5_000_000  # the real file is about 60 KB; 1,000 events are about 3 MB
MAX_DEPTH = 16  # the schema nests at most 7 levels (events[0].sessions[0].title.en)
MAX_REPORTED = 50  # of one kind, so that a binary file does not print a million lines

# Control characters (tab, line feed and carriage return are allowed), DEL, the C1 controls,
# the byte order mark, Unicode non-characters, and the bidirectional embeddings, overrides
# and isolates that can make a text or a link display as something else.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Where a node may start inside a line: after the indentation, "- ", "key: " or "? ".
ENTRY = re.compile(r"[-?](?=[ \t]|$)[ \t]*")
# A mapping key ending in ": " (linear: no two parts of the pattern can match the same text).
KEY = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(?:[^\s#'"\[\]{},&*!|>%@`-]|-(?=\S))"""
                 r"""(?:[^:#]|:(?=\S)|(?<=\S)#)*):(?=[ \t]|$)""")
BLOCK_SCALAR = re.compile(r"^[|>][1-9+-]{0,2}[ \t]*(#.*)?$")


@dataclass(frozen=True)
class Finding:
    """Something the file may not contain, at a 1-based line and column."""

    line: int
    column: int
    message: str
    expected: str
    found: str


def character_name(char: str) -> str:
    if char in BIDI_CONTROLS:
        return f"the invisible direction control U+{ord(char):04X}"
    if char == "\ufeff":
        return "an invisible byte order mark (U+FEFF)"
    if ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
        return f"the control character U+{ord(char):04X}"
    return f"the non-character U+{ord(char):04X}"


def scan(text: str) -> list[Finding]:
    """Every forbidden character, and the first place nesting is too deep, the first of
    each anchor, alias, tag or merge key (a list empty if the text may be parsed)."""
    text = text.removeprefix("\ufeff")  # a byte order mark at the very start is harmless
    findings = forbidden_characters(text)
    findings += structure(text.splitlines())
    return findings


def forbidden_characters(text: str) -> list[Finding]:
    findings = []
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    for count, match in enumerate(FORBIDDEN.finditer(text)):
        if count == MAX_REPORTED:
            findings.append(Finding(*position(line_starts, match.start()), "more forbidden characters follow",
                                    "text without control characters", "more of them"))
            break
        char = match.group()
        findings.append(Finding(*position(line_starts, match.start()),
                                "this character is not allowed (it is invisible, or it changes how the text "
                                "around it is displayed); delete it",
                                "visible text", character_name(char)))
    return findings


def position(line_starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    low, high = 0, len(line_starts) - 1
    while low < high:  # the last line start at or before the offset
        middle = (low + high + 1) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1, offset - line_starts[low] + 1


def structure(lines: list[str]) -> list[Finding]:
    """Nesting depth and the YAML features the file never needs, line by line."""
    findings: list[Finding] = []
    reported: dict[str, int] = {}

    def report(line: int, column: int, kind: str, found: str) -> None:
        reported[kind] = reported.get(kind, 0) + 1
        if reported[kind] <= (1 if kind == "depth" else MAX_REPORTED):
            findings.append(Finding(line, column + 1, MESSAGES[kind], EXPECTED[kind], found))

    open_columns: list[int] = []  # where each open block node starts
    flow = 0  # [ and { still open (a flow collection may span lines)
    block_scalar_indent: int | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_scalar_indent is not None:
            if not stripped.strip() or indent > block_scalar_indent:
                continue  # a line of a | or > text
            block_scalar_indent = None
        if flow:
            flow = scan_flow(line, 0, flow, len(open_columns), number, report)
            continue
        if not stripped.strip() or stripped.startswith("#"):
            continue
        while open_columns and open_columns[-1] >= indent:
            open_columns.pop()
        column = indent
        while (dash := ENTRY.match(line, column)) is not None and dash.end() > column:
            open_columns.append(column)  # "- " or "? ": an entry, which may hold another
            column = dash.end()
        open_columns.append(column)
        if len(open_columns) > MAX_DEPTH:
            report(number, column, "depth", f"{len(open_columns)} levels")
        key = KEY.match(line, column)
        if key:
            if line.startswith("<<", column):
                report(number, column, "merge", "'<<'")
            column = key.end()
            while column < len(line) and line[column] in " \t":
                column += 1
        rest = line[column:]
        if not rest or rest.startswith("#"):
            continue
        if rest[0] in "&*!":
            report(number, column, INDICATORS[rest[0]], describe_token(rest))
        elif rest[0] in "[{":
            flow = scan_flow(line, column, 0, len(open_columns), number, report)
        elif BLOCK_SCALAR.match(rest):
            block_scalar_indent = indent
    return findings


def scan_flow(line: str, column: int, flow: int, block_depth: int, number: int,
              report: Callable[[int, int, str, str], None]) -> int:
    """Follow [ ] { } from `column` to the end of the line; how many are still open."""
    quote = ""
    node_start = True  # where a node may begin: after [ { , or ": "
    index = column
    while index < len(line):
        char = line[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 2
                continue
            if char == quote and not (quote == "'" and line.startswith("''", index)):
                quote = ""
            index += 2 if quote == "'" and line.startswith("''", index) else 1
            continue
        if char == "#" and (index == 0 or line[index - 1] in " \t"):
            break
        if char in "\"'" and node_start:
            quote = char
        elif char in "[{":
            flow += 1
            if block_depth + flow > MAX_DEPTH:
                report(number, index, "depth", f"more than {MAX_DEPTH} levels")
                return 0  # the file is refused: no need to follow it further
        elif char in "]}":
            flow = max(flow - 1, 0)
        elif char in INDICATORS and node_start:
            report(number, index, INDICATORS[char], describe_token(line[index:]))
        if char in ",[{" or (char == ":" and line[index + 1:index + 2] in ("", " ", "\t")):
            node_start = True
        elif char not in " \t":
            node_start = False
        index += 1
    return flow


def describe_token(rest: str) -> str:
    token = rest.split(None, 1)[0] if rest.strip() else rest
    return repr(token[:40])


INDICATORS = {"&": "anchor", "*": "alias", "!": "tag"}
MESSAGES = {
    "merge": "merge keys (<<) are not used in this file; write the keys out in full",
    "depth": "the data is nested too deeply",
    "anchor": "anchors (&name) are not used in this file; write each value out in full",
    "alias": "aliases (*name) are not used in this file; write each value out in full",
    "tag": "YAML tags (!name) are not used in this file; remove it, and put the text in quotes if it "
           "starts with !",
}
EXPECTED = {
    "anchor": "a plain value",
    "alias": "a plain value",
    "tag": "a plain value",
    "merge": "keys written out",
    "depth": f"at most {MAX_DEPTH} levels of nesting",
}
