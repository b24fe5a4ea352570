"""Read the data file through the YAML parser's own events, refusing what it may not hold.

`read` makes one pass over PyYAML's event stream (`yaml.parse`, libyaml's parser where
PyYAML has it) and builds the node tree the schema walks from the same events, so the file
is parsed once and no composer or constructor of PyYAML ever runs. The parser knows what
is a key, an anchor, a tag or a block scalar; the pass refuses, each at its event's own
line and column:

- aliases, anchors and tags (a few aliased lines can expand to millions of values, and a
  tag asks for a type the file never needs), and merge keys (`<<`);
- nesting deeper than `MAX_DEPTH` (libyaml's composer recurses once per level and
  crashes the interpreter from about 30,000 levels; its parser slows down with depth);
- characters no text of the site may hold, in the decoded value of every scalar, keys
  included (a double-quoted `"\\e"` or `"\\u202E"` is only a character once decoded),
  named by the field's path;
- more than `MAX_EVENTS` events, or more than `MAX_SECONDS` of reading.

What only a scan of the raw text can see stays a scan (`raw_characters`): a forbidden
character typed as itself, wherever it is (libyaml reads U+0085 as a line break and
refuses control characters without saying where). The file's size, encoding and a byte
order mark at its start are checked by the loader before this module sees the text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 5_000_000  # the real file is about 140 KB; 1,000 events are about 3 MB
MAX_DEPTH = 16  # the schema nests at most 7 levels (events[0].sessions[0].title.en)
MAX_EVENTS = 1_000_000  # 1,000 events make about 250,000; the largest allowed file about 400,000
MAX_SECONDS = 5.0  # reading 1,000 events takes well under a second
MAX_REPORTED = 50  # of one kind, so that a binary file does not print a million lines
CHECK_EVERY = 1024  # events between two looks at the clock

# libyaml's parser when PyYAML has it (several times faster), with the same positions.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
# The same without the astral non-characters: a class of ranges only, ten times faster over
# a large text (which then needs FORBIDDEN only if it holds a character beyond U+FFFF at all).
FORBIDDEN_BMP = re.compile(FORBIDDEN.pattern[:FORBIDDEN.pattern.index("\U0001fffe")] + "]")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

YAML_TAG = "tag:yaml.org,2002:"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
MERGE_TAG = "tag:yaml.org,2002:merge"
IMPLICIT = LOADER.yaml_implicit_resolvers  # YAML 1.1's plain scalars: first character -> (tag, regexp)


@dataclass(frozen=True)
class Finding:
    """Something the file may not contain, at a 1-based line and column, in a field."""

    line: int
    column: int
    path: str
    message: str
    expected: str
    found: str


@dataclass
class Read:
    """The file read: its root node (None if it is empty or anything was found) and what
    was found, with the syntax error at which the parser stopped, if any."""

    root: yaml.Node | None
    findings: list[Finding] = field(default_factory=list)
    error: yaml.MarkedYAMLError | None = None  # where the parser stopped, if it did


def character_name(char: str) -> str:
    if char in BIDI_CONTROLS:
        return f"the invisible direction control U+{ord(char):04X}"
    if char == "\ufeff":
        return "an invisible byte order mark (U+FEFF)"
    if ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
        return f"the control character U+{ord(char):04X}"
    return f"the non-character U+{ord(char):04X}"


CHARACTER = ("this character is not allowed (it is invisible, or it changes how the text around it is "
             "displayed); delete it")
ESCAPED_CHARACTER = ("this text holds a character that is not allowed (it is invisible, or it changes how the "
                     "text around it is displayed); delete its escape")


def raw_characters(text: str) -> list[tuple[int, str]]:
    """(offset, character) of each forbidden character typed as itself, at most MAX_REPORTED + 1."""
    found = []
    for match in (FORBIDDEN if ASTRAL.search(text) else FORBIDDEN_BMP).finditer(text):
        found.append((match.start(), match.group()))
        if len(found) > MAX_REPORTED:
            break
    return found


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (lines end at line feeds, as editors count)."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def resolve(value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar (as PyYAML's resolver does)."""
    for tag, regexp in IMPLICIT.get(value[:1] if value else "", ()):
        if regexp.match(value):
            return str(tag)
    for tag, regexp in IMPLICIT.get(None, ()):
        if regexp.match(value):
            return str(tag)
    return STR_TAG


class Frame:
    """An open mapping or sequence: its start event, its children so far, and (in a
    mapping) the key whose value comes next."""

    __slots__ = ("event", "items", "key", "mapping")

    def __init__(self, event: Any, mapping: bool) -> None:  # a MappingStartEvent or SequenceStartEvent
        self.event = event
        self.mapping = mapping
        self.items: list[object] = []
        self.key: yaml.Node | None = None


def field_path(stack: list[Frame], key: str | None = None) -> str:
    """The path (`events[2].title.en`) of the node about to be added under `stack`; of the
    key `key` itself when the node is a mapping key."""
    path = ""
    for frame in stack:
        if frame.mapping:
            if frame.key is None:  # "?": inside a key that is itself a mapping or a list
                part = key if frame is stack[-1] and key is not None else "?"
            else:
                part = frame.key.value if isinstance(frame.key, yaml.ScalarNode) else "?"
            path = f"{path}.{part}" if path else part
        else:
            path = f"{path}[{len(frame.items)}]"
    return path


class Reader:
    """One pass over the events of one file."""

    def __init__(self, text: str, raw: list[tuple[int, str]]) -> None:
        self.text = text  # as typed
        self.findings: list[Finding] = []
        self.reported: dict[str, int] = {}
        self.raw = raw  # forbidden characters typed as themselves, still to be given a field

    def report(self, kind: str, mark: Any, path: str, message: str, expected: str, found: str) -> None:
        self.reported[kind] = self.reported.get(kind, 0) + 1
        if self.reported[kind] <= MAX_REPORTED:
            self.findings.append(Finding(mark.line + 1, mark.column + 1, path, message, expected, found))
        elif self.reported[kind] == MAX_REPORTED + 1:
            self.findings.append(Finding(mark.line + 1, mark.column + 1, path, f"more of the same follow: {message}",
                                         EXPECTED.get(kind, expected), "more of them"))

    def features(self, event: Any, path: str) -> None:
        """Anchors and tags, which the file never needs."""
        if event.anchor is not None:
            self.report("anchor", event.start_mark, path, MESSAGES["anchor"], EXPECTED["anchor"],
                        shown_token("&" + str(event.anchor)))
        tag = getattr(event, "tag", None)
        if tag is not None:
            written = "!!" + tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else tag if tag.startswith("!") \
                else f"!<{tag}>"
            self.report("tag", event.start_mark, path, MESSAGES["tag"], EXPECTED["tag"], shown_token(written))

    def characters(self, event: Any, stack: list[Frame], key: bool) -> None:
        """Forbidden characters in a scalar: typed as themselves (found by the scan: located
        exactly, and given their field here), or written as escapes (decoded by the parser)."""
        start, end = event.start_mark.index, event.end_mark.index
        value: str = event.value
        while self.raw and self.raw[0][0] < end:
            offset, char = self.raw.pop(0)
            path = ""
            if offset >= start:  # a key is named as typed (the parser read it with the character blanked out)
                typed = self.text[start:end]
                path = field_path(stack, (typed[1:-1] if event.style in ("'", '"') else typed) if key else None)
            line, column = position(self.text, offset)
            self.findings.append(Finding(line, column, path, CHARACTER, "visible text", character_name(char)))
        match = FORBIDDEN.search(value)
        if match:
            self.report("escaped", event.start_mark, field_path(stack, value if key else None), ESCAPED_CHARACTER,
                        "visible text", f"{character_name(match.group())} in {shown_token(value)}")

    def rest_of_raw(self) -> None:
        for offset, char in self.raw:
            line, column = position(self.text, offset)
            self.findings.append(Finding(line, column, "", CHARACTER, "visible text", character_name(char)))
        self.raw = []


def read(text: str) -> Read:
    """Parse `text` (a byte order mark at its start already removed) event by event."""
    raw = raw_characters(text)
    reader = Reader(text, raw[:MAX_REPORTED])
    if len(raw) > MAX_REPORTED:
        line, column = position(text, raw[MAX_REPORTED][0])
        reader.findings.append(Finding(line, column, "", "more forbidden characters follow", "visible text",
                                       "more of them"))
    if raw:  # blanked out, so that the parser reads the rest as the editor sees it
        text = FORBIDDEN.sub(" ", text)
    error = None
    loader = LOADER(text)
    try:
        # Only a double-quoted scalar can hold a character not typed as itself (an escape).
        root = events_to_nodes(loader.get_event, reader, escapes="\\" in text)
    except yaml.MarkedYAMLError as stopped:
        root, error = None, stopped
    finally:
        loader.dispose()
    reader.rest_of_raw()
    findings = sorted(reader.findings, key=lambda finding: (finding.line, finding.column))
    return Read(None if findings else root, findings, error)


def events_to_nodes(next_event: Callable[[], yaml.Event | None], reader: Reader, escapes: bool) -> yaml.Node | None:
    """The node tree of the events, as PyYAML's composer would build it (tags resolved the
    same way), checking each event as it comes; stops at a limit."""
    root: yaml.Node | None = None
    stack: list[Frame] = []
    top: Frame | None = None  # stack[-1]
    documents = 0
    count = 0
    deadline = time.monotonic() + MAX_SECONDS
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    scalar_node, mapping_node, sequence_node = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    search = FORBIDDEN.search
    tags: dict[str, str] = {}  # plain scalar -> its tag, for values seen before
    node: yaml.Node
    while True:
        event: Any = next_event()
        if event is None:
            return root
        count += 1
        if not count % CHECK_EVERY:
            if count > MAX_EVENTS:
                reader.report("limit", event.start_mark, field_path(stack), "the file holds too many values to be "
                              "read", f"at most {MAX_EVENTS:,} YAML events", f"more than {MAX_EVENTS:,}")
                return None
            if time.monotonic() > deadline:
                reader.report("limit", event.start_mark, field_path(stack), "reading the file takes too long",
                              f"at most {MAX_SECONDS:g} seconds", f"more than {MAX_SECONDS:g} seconds")
                return None
        kind = type(event)
        if kind is scalar_event:
            value = event.value
            key = top is not None and top.mapping and top.key is None
            if event.anchor is not None or event.tag is not None:
                reader.features(event, field_path(stack, value if key else None))
            if reader.raw or (escapes and event.style == '"' and search(value)):
                reader.characters(event, stack, key)
            if event.implicit[0]:
                tag = tags.get(value)
                if tag is None:
                    tag = tags[value] = resolve(value)
                if key and tag == MERGE_TAG:
                    reader.report("merge", event.start_mark, field_path(stack, value), MESSAGES["merge"],
                                  EXPECTED["merge"], "'<<'")
            else:
                tag = STR_TAG
            node = scalar_node(tag, value, event.start_mark, event.end_mark, event.style)
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                reader.features(event, field_path(stack))
            if len(stack) >= MAX_DEPTH:
                reader.report("depth", event.start_mark, field_path(stack), MESSAGES["depth"], EXPECTED["depth"],
                              f"{len(stack) + 1} levels")
                return None  # the rest is not read: deeper nesting only slows the parser down
            top = Frame(event, kind is mapping_start)
            stack.append(top)
            continue
        elif kind is mapping_end or kind is sequence_end:
            frame = stack.pop()
            top = stack[-1] if stack else None
            start = frame.event
            items = frame.items
            if frame.mapping:
                pairs = list(zip(items[::2], items[1::2], strict=True))
                node = mapping_node(MAP_TAG, pairs, start.start_mark, event.end_mark, start.flow_style)
            else:
                node = sequence_node(SEQ_TAG, items, start.start_mark, event.end_mark, start.flow_style)
        elif kind is yaml.AliasEvent:
            reader.report("alias", event.start_mark, field_path(stack), MESSAGES["alias"], EXPECTED["alias"],
                          shown_token("*" + str(event.anchor)))
            node = scalar_node(STR_TAG, "", event.start_mark, event.end_mark)  # a stand-in
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                reader.report("documents", event.start_mark, "", MESSAGES["documents"], EXPECTED["documents"],
                              "another document")
                return None
            continue
        else:  # the start and end of the stream, the end of a document
            continue
        if top is None:
            root = node
        else:
            top.items.append(node)
            if top.mapping:
                top.key = node if top.key is None else None


def shown_token(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


MESSAGES = {
    "merge": "merge keys (<<) are not used in this file; write the keys out in full",
    "depth": "the data is nested too deeply",
    "anchor": "anchors (&name) are not used in this file; write each value out in full",
    "alias": "aliases (*name) are not used in this file; write each value out in full",
    "tag": "YAML tags (!name) are not used in this file; remove it, and put the text in quotes if it "
           "starts with !",
    "documents": "the file holds more than one YAML document; remove the line '---' or '...' and what follows",
}
EXPECTED = {
    "anchor": "a plain value",
    "alias": "a plain value",
    "tag": "a plain value",
    "merge": "keys written out",
    "depth": f"at most {MAX_DEPTH} levels of nesting",
    "documents": "one document",
}
