"""Translation exchange in XLIFF 2.0: export the texts of the data file for one language,
import a translated file back by rewriting only the changed values.

One unit per text of the data (`events[3].title`), with the English source, the current
translation and its state: `missing`, `stale` (the English changed since the translation
was made, see `eventsite.translations`) or `translated`, and notes giving the text's place
and the English title of its event. XLIFF 2.0 ids are NMTOKENs, so a unit's `id` writes
`[3]` as `.3` (`events.3.title`) and its `name` keeps the YAML path. Texts travel without
the line break YAML's block scalars end with; import puts it back (`Found.restored`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import yaml

from eventsite.languages import UN_LANGUAGES, Languages

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SUBSTATE = "eventsite:"  # XLIFF 2.0 subState values are "prefix:value"

# Our states and XLIFF's: a missing or stale text needs (re)translating ("initial").
XLIFF_STATES = {"missing": "initial", "stale": "initial", "translated": "final"}
DONE_STATES = {"translated", "reviewed", "final"}

PATH_PART = re.compile(r"([A-Za-z_][\w-]*)|\[(\d+)\]")
# Characters XML 1.0 cannot carry (and CR, which XML parsers turn into LF): XLIFF's <cp>.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class XliffError(ValueError):
    """The XLIFF file cannot be used (not XLIFF 2.0, wrong language, DTD, ...)."""


@dataclass(frozen=True)
class Unit:
    """One text of the data file in one target language, as translators see it: without
    the line break a YAML block scalar (`|` or `>`) ends with, which is YAML's, not theirs."""

    path: str
    source: str
    target: str
    state: str  # missing | stale | translated
    context: str = ""  # the English title or name of the item the text belongs to (a note for translators)
    context_kind: str = ""  # event, session, document, venue, organisation, site


@dataclass(frozen=True)
class Returned:
    """A unit read back from a translated XLIFF file."""

    path: str
    source: str
    target: str | None
    state: str  # the XLIFF state: initial | translated | reviewed | final


# --- The data file's texts ----------------------------------------------------------


def compose(text: str) -> yaml.Node:
    """The YAML node tree, with character offsets in its marks (libyaml's, like the pure-Python
    parser's, count characters; it is five times faster). Only for a text the validator has
    read: its composer recurses once per level of nesting."""
    root: yaml.Node | None = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return root if root is not None else yaml.MappingNode("tag:yaml.org,2002:map", [])


def node_at(root: yaml.Node, path: str) -> yaml.Node | None:
    """The node at a YAML path like `events[3].title`, or None."""
    node: yaml.Node | None = root
    for key, index in PATH_PART.findall(path):
        if node is None:
            return None
        if key and isinstance(node, yaml.MappingNode):
            node = next((value for name, value in node.value if name.value == key), None)
        elif index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
        else:
            return None
    return node


def language_nodes(text_node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """lang -> (key node, value node) of a text's mapping."""
    if not isinstance(text_node, yaml.MappingNode):
        return {}
    return {key.value: (key, value) for key, value in text_node.value if isinstance(key, yaml.ScalarNode)}


def scalar(node: yaml.Node | None) -> str:
    """The text of a scalar node ('' for null or anything else)."""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        return str(node.value)
    return ""


def block_ending(node: yaml.Node | None) -> str:
    """The line breaks a block scalar (`|` or `>`) ends with: YAML's, not part of the text a
    translator works on ('' for any other scalar, whose every character is the author's)."""
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        value = scalar(node)
        return value[len(value.rstrip("\n")):]
    return ""


@dataclass(frozen=True)
class Found:
    """A text of the data file in English and in one language, as the YAML holds them."""

    path: str
    english: str
    target: str  # '' where the language has no text
    english_ending: str  # see `block_ending`
    target_ending: str

    @property
    def english_text(self) -> str:
        """The English as translators see it (without YAML's ending)."""
        return self.english[:len(self.english) - len(self.english_ending)]

    @property
    def target_text(self) -> str:
        return self.target[:len(self.target) - len(self.target_ending)]

    def restored(self, text: str) -> str:
        """A translator's text as the value to write: with the ending the language's block
        scalar had (or, for a new text, the English one's), so that a text a CAT tool
        returns without it, or with it trimmed, is not taken for an edit."""
        ending = self.target_ending if self.target else self.english_ending
        return text.rstrip("\n") + ending if ending else text


def texts(root: yaml.Node, paths: list[str], lang: str, source: str = UN_LANGUAGES.default) -> list[Found]:
    """Each text path that has a text in the `source` language (the site's default; "English"
    below), with it and its `lang` text."""
    found = []
    for path in paths:
        nodes = language_nodes(node_at(root, path))
        english_node, target_node = nodes.get(source, (None, None))[1], nodes.get(lang, (None, None))[1]
        english = scalar(english_node)
        if english:
            target = scalar(target_node)
            found.append(Found(path, english, target, block_ending(english_node),
                               block_ending(target_node) if target else ""))
    return found


# The lists whose items give a unit its context note, and the kind each is.
CONTEXT_KINDS = {"events": "event", "sessions": "session", "documents": "document", "venues": "venue",
                 "organisations": "organisation", "site": "site"}


def context(root: yaml.Node, path: str, source: str = UN_LANGUAGES.default) -> tuple[str, str]:
    """(kind, English title or name) of the top-level item a text path belongs to
    (`events[3].sessions[0].title` -> the event's title), or (kind, '')."""
    top = PATH_PART.match(path)
    kind = CONTEXT_KINDS.get(top.group(1), "") if top and top.group(1) else ""
    item_path = re.match(r"^[A-Za-z_][\w-]*(\[\d+\])?", path)
    item = node_at(root, item_path.group()) if item_path and item_path.group(1) else None
    for key in ("title", "name"):
        english = scalar(language_nodes(node_at(item, key) if item is not None else None)
                         .get(source, (None, None))[1])
        if english:
            return kind, english.strip()
    return kind, ""


# --- XLIFF out ------------------------------------------------------------------------


def unit_id(path: str) -> str:
    """An XLIFF NMTOKEN for a YAML path: `events[3].title` -> `events.3.title`."""
    return re.sub(r"\[(\d+)\]", r".\1", path)


def add_text(element: ET.Element, text: str) -> None:
    """Put `text` in an element, characters XML cannot carry as XLIFF <cp hex="..."/>."""
    element.set(XML_SPACE, "preserve")
    last: ET.Element | None = None
    position = 0
    for match in NOT_IN_XML.finditer(text):
        chunk = text[position:match.start()]
        if last is None:
            element.text = (element.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        last = ET.SubElement(element, f"{{{NS}}}cp", hex=f"{ord(match.group()):04X}")
        position = match.end()
    rest = text[position:]
    if last is None:
        element.text = rest
    else:
        last.tail = rest


def add_notes(element: ET.Element, unit: Unit) -> None:
    """Context for translators, before the segment (XLIFF 2.0 order): the text's place in the
    data file (`category="field"`) and the English title of its event or other item."""
    notes = ET.SubElement(element, f"{{{NS}}}notes")
    ET.SubElement(notes, f"{{{NS}}}note", category="field").text = unit.path
    if unit.context:  # a note carries text only (no <cp>): characters XML cannot carry are left out
        ET.SubElement(notes, f"{{{NS}}}note", category=unit.context_kind or "item").text = \
            NOT_IN_XML.sub("", unit.context)


def render_xliff(units: list[Unit], lang: str, *, original: str, languages: Languages = UN_LANGUAGES,
                 source: str | None = None, file_id: str = "events") -> bytes:
    """An XLIFF 2.0 document (UTF-8) with one unit per text, in the data file's order, from
    `source` (the site's default language) into `lang`, one of the site's other languages."""
    source = source or languages.default
    if lang == source or lang not in languages:
        raise XliffError(f"cannot export '{lang}': choose one of " + ", ".join(
            code for code in languages if code != source))
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", version="2.0", srcLang=source, trgLang=lang)
    file = ET.SubElement(root, f"{{{NS}}}file", id=file_id, original=original)
    for unit in units:
        element = ET.SubElement(file, f"{{{NS}}}unit", id=unit_id(unit.path), name=unit.path)
        add_notes(element, unit)
        segment = ET.SubElement(element, f"{{{NS}}}segment", state=XLIFF_STATES[unit.state])
        if unit.state != "translated":
            segment.set("subState", SUBSTATE + unit.state)
        add_text(ET.SubElement(segment, f"{{{NS}}}source"), unit.source)
        if unit.target:
            add_text(ET.SubElement(segment, f"{{{NS}}}target"), unit.target)
        segment.text, element.text = "\n        ", "\n      "
        for child in segment:
            child.tail = "\n        "
        segment[-1].tail = "\n      "
        segment.tail = "\n    "
        element.tail = "\n    "
        if element[0].tag == f"{{{NS}}}notes":
            element[0].text, element[0].tail = "\n        ", "\n      "
            for note in element[0]:
                note.tail = "\n        "
            element[0][-1].tail = "\n      "
    file.text = "\n    "
    if len(file):
        file[-1].tail = "\n  "
    root.text, file.tail = "\n  ", "\n"
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data.replace(
        b"<?xml version='1.0' encoding='UTF-8'?>", b'<?xml version="1.0" encoding="UTF-8"?>') + b"\n"


# --- XLIFF in -------------------------------------------------------------------------


def read_text(element: ET.Element | None) -> str | None:
    """The text of a <source> or <target>, with <cp> characters put back."""
    if element is None:
        return None
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{NS}}}cp":
            parts.append(chr(int(child.get("hex", "0"), 16)))
        else:  # inline markup we never write: keep its text
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def read_xliff(data: bytes, languages: Languages = UN_LANGUAGES) -> tuple[str, list[Returned]]:
    """The target language and the units of a translated XLIFF 2.0 file."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise XliffError("the file declares a DTD or entities; XLIFF 2.0 files have none")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise XliffError(f"not XML: {error}") from None
    if root.tag != f"{{{NS}}}xliff" or not root.get("version", "").startswith("2."):
        raise XliffError("not an XLIFF 2.0 file (expected <xliff version=\"2.0\"> in its namespace)")
    lang = root.get("trgLang", "")
    if root.get("srcLang") != languages.default or lang not in languages or lang == languages.default:
        raise XliffError(f"expected srcLang=\"{languages.default}\" and trgLang one of the site's languages, found "
                         f"{root.get('srcLang')!r} and {lang!r}")
    units = []
    for unit in root.iter(f"{{{NS}}}unit"):
        segments = unit.findall(f"{{{NS}}}segment")
        if len(segments) != 1:
            raise XliffError(f"unit {unit.get('id')}: expected one segment, found {len(segments)} "
                             "(do not split or join segments)")
        segment = segments[0]
        units.append(Returned(
            path=unit.get("name") or unit.get("id") or "",
            source=read_text(segment.find(f"{{{NS}}}source")) or "",
            target=read_text(segment.find(f"{{{NS}}}target")),
            state=segment.get("state", "initial"),
        ))
    return lang, units


# --- Writing translations back into the YAML text ---------------------------------------


YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0",
                "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}


def quote_yaml(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `value`, on one line."""
    def escape(char: str) -> str:
        if char in YAML_ESCAPES:
            return YAML_ESCAPES[char]
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code in (0xFFFE, 0xFFFF):
            return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"
        return char
    return '"' + "".join(escape(char) for char in value) + '"'


def apply_translations(text: str, lang: str, values: dict[str, str], languages: Languages = UN_LANGUAGES) -> str:
    """`text` with the `lang` value of each text path in `values` replaced or added, and
    every other character left as it was."""
    root = compose(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in the original text
    for path, value in values.items():
        node = node_at(root, path)
        nodes = language_nodes(node)
        if node is None or not isinstance(node, yaml.MappingNode):
            raise XliffError(f"{path}: no text at this place in the data file")
        if lang in nodes:
            edits.append(replace_value(text, nodes[lang][1], value))
        else:
            edits.append(insert_language(text, node, nodes, lang, value, languages))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def replace_value(text: str, node: yaml.Node, value: str) -> tuple[int, int, str]:
    """The edit that replaces a value node's span by the quoted value."""
    start, end = node.start_mark.index, node.end_mark.index
    replacement = quote_yaml(value)
    if start == end and text[start - 1:start] == ":":  # `fr:` with nothing after it
        replacement = " " + replacement
    span = text[start:end]
    if span.endswith("\n"):  # a block scalar's span runs to the next line
        replacement += "\n" * (len(span) - len(span.rstrip("\n")))
    return start, end, replacement


def insert_language(text: str, node: yaml.MappingNode, nodes: dict[str, tuple[yaml.Node, yaml.Node]],
                    lang: str, value: str, languages: Languages = UN_LANGUAGES) -> tuple[int, int, str]:
    """The edit that adds `lang: "value"` to a text's mapping, after the languages before it
    in the site's order."""
    codes = languages.codes
    before = [code for code in codes[:codes.index(lang)] if code in nodes]
    if node.flow_style:
        if before:
            at = nodes[before[-1]][1].end_mark.index
            return at, at, f", {lang}: {quote_yaml(value)}"
        at = node.value[0][0].start_mark.index if node.value else node.start_mark.index + 1
        return at, at, f"{lang}: {quote_yaml(value)}" + (", " if node.value else "")
    first_key = node.value[0][0]
    indent = " " * first_key.start_mark.column
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f"{indent}{lang}: {quote_yaml(value)}{newline}"
    if not before:
        at = first_key.start_mark.index - first_key.start_mark.column
        return at, at, line
    at = nodes[before[-1]][1].end_mark.index
    if text[at - 1:at] != "\n":
        end_of_line = text.find("\n", at)
        at = len(text) if end_of_line < 0 else end_of_line + 1
        if end_of_line < 0:
            line = newline + line
    return at, at, line
