"""The kinds of value the data file holds, each able to check itself and describe itself.

`convert` walks the YAML node tree (which keeps line numbers) and builds typed values,
recording every problem in a `Walk` instead of stopping at the first. `json_schema`
describes the same rules as JSON Schema. The data file's own schema is in schema.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel import Locale

from eventsite import model
from eventsite.languages import CODE_PATTERN, UN_LANGUAGES, Languages, problem_with_code
from eventsite.problems import Problem, describe

INVALID: Any = object()  # a value that failed; its problems are already recorded

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MONTH_PATTERN = r"^\d{4}-\d{2}$"
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$"
EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$"
HOST_PATTERN = r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$"

# Bounds that keep every accepted value buildable: years a calendar library and a file
# system can handle, ids that fit in a file name, revisions that fit a calendar SEQUENCE.
FIRST_YEAR, LAST_YEAR = 1900, 2200
# The same bounds as JSON Schema patterns (ECMA-262, as editors run them), for the years
# 1900-2200: the years, their leap years (2000 is one; 1900, 2100 and 2200 are not), and
# the real calendar days (each month's length, 29 February in leap years only), so that
# an editor underlines 2026-02-30 as the validator does. tests/test_schema_tools.py checks
# them against Python's calendar for every day of the bounded years.
YEAR = r"(?:19[0-9]{2}|2[01][0-9]{2}|2200)"
LEAP_YEAR = r"(?:(?:19|20|21)(?:0[48]|[2468][048]|[13579][26])|2000)"
CALENDAR_DAY = (rf"(?:{YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
                rf"|02-(?:0[1-9]|1[0-9]|2[0-8]))|{LEAP_YEAR}-02-29)")
CALENDAR_MONTH = rf"{YEAR}-(?:0[1-9]|1[0-2])"
TIME_OF_DAY = r"[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-][0-9]{2}:[0-9]{2})?"
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 10_000
MAX_INT = 2**31 - 1
# The characters yamlguard refuses anywhere in the file, as a JSON Schema pattern (BMP only).
FORBIDDEN_JSON = ("[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e"
                  "\\u2066-\\u2069\\ufeff\\ufdd0-\\ufdef\\ufffe\\uffff]")

YAML_TAG = "tag:yaml.org,2002:"


@dataclass
class Walk:
    """What one pass over the file collects: problems, node positions, ids, references."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    ids: list[tuple[str, str, type]] = field(default_factory=list)  # (id, path, model class)
    references: list[tuple[str, str, type]] = field(default_factory=list)  # (id, path, wanted)
    translations: list[tuple[str, bool, tuple[str, ...]]] = field(default_factory=list)
    languages: Languages = UN_LANGUAGES  # the file's own (site.languages), read before its texts

    def at(self, node: yaml.Node, path: str) -> None:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, path: str, message: str, expected: str = "", found: str = "",
              severity: str = "error") -> Any:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(
            Problem(self.file, line, column, path, message, expected, found, severity)
        )
        return INVALID


def found_node(node: yaml.Node) -> str:
    """How a node looks to an editor, for the `found ...` part of a message."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value pairs)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == YAML_TAG + "null":
        return "nothing"
    return describe(node.value)


def yaml11_surprise(node: yaml.ScalarNode) -> str:
    """Why an unquoted scalar is not text for YAML 1.1 (PyYAML), or '' if it is text."""
    if node.style or node.tag == YAML_TAG + "str":
        return ""
    kind = node.tag.removeprefix(YAML_TAG)
    if kind == "bool":
        meaning = "true" if node.value.lower() in ("yes", "y", "true", "on") else "false"
        return f"YAML reads an unquoted {node.value} as the boolean {meaning}"
    if kind == "int" and ":" in node.value and len(node.value) <= 20:
        seconds = 0
        for part in node.value.replace("_", "").lstrip("+-").split(":"):
            seconds = seconds * 60 + int(part)
        return f"YAML reads an unquoted {node.value} as the number {seconds}, not a time"
    if kind in ("int", "float"):
        return f"YAML reads an unquoted {node.value} as a number"
    if kind == "timestamp":
        return f"YAML reads an unquoted {node.value} as a date"
    if kind == "null":
        return "the value is empty"
    return f"YAML reads it as {kind}"


class Type:
    """One kind of value in the file."""

    expected = "a value"

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def scalar(self, node: yaml.Node, path: str, walk: Walk) -> str | Any:
        """The text of a scalar node that YAML reads as a string, else a recorded problem."""
        if not isinstance(node, yaml.ScalarNode):
            return walk.error(node, path, "wrong type", self.expected, found_node(node))
        surprise = yaml11_surprise(node)
        if surprise:
            hint = "put it in quotes" if node.value else "fill it in or remove the key"
            return walk.error(node, path, f"{surprise}; {hint}", self.expected, found_node(node))
        return node.value


@dataclass
class Str(Type):
    pattern: str | None = None
    expected: str = "text"
    check: Callable[[str], bool] | None = None
    suggestions: Callable[[str], list[str]] | None = None
    max_length: int = 500
    problem: Callable[[str], str | None] | None = None  # what is wrong with a value, in words

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        value = self.scalar(node, path, walk)
        if value is INVALID:
            return INVALID
        value = value.strip()
        if not value:
            return walk.error(node, path, "empty value", self.expected, "nothing")
        if len(value) > self.max_length:
            return walk.error(node, path, "too long", f"at most {self.max_length} characters",
                              f"{len(value)} characters")
        if self.pattern and not re.match(self.pattern, value):
            return walk.error(node, path, "not allowed here", self.expected, describe(value))
        if self.check and not self.check(value):
            guess = self.suggestions(value) if self.suggestions else []
            hint = f"; did you mean '{guess[0]}'?" if guess else ""
            return walk.error(node, path, f"not allowed here{hint}", self.expected, describe(value))
        problem = self.problem(value) if self.problem else None
        if problem:
            return walk.error(node, path, problem, self.expected, describe(value))
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.pattern:
            schema["pattern"] = self.pattern
        return {**schema, "not": {"pattern": FORBIDDEN_JSON}}


@dataclass
class Id(Str):
    kind: type = object  # the model class of the item
    pattern: str | None = ID_PATTERN
    expected: str = "an id of lowercase letters, digits and single hyphens (it becomes a URL)"
    reserved: tuple[str, ...] = ()
    max_length: int = MAX_ID_LENGTH

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        value = super().convert(node, path, walk)
        if value in self.reserved:
            return walk.error(node, path, "this id is reserved for a calendar feed of the same name",
                              "another id", describe(value))
        if value is not INVALID:
            walk.ids.append((value, path, self.kind))
        return value


@dataclass
class Ref(Str):
    kind: type = object  # the model class of the item
    pattern: str | None = ID_PATTERN
    expected: str = "the id of an item defined in this file"
    max_length: int = MAX_ID_LENGTH

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        value = super().convert(node, path, walk)
        if value is not INVALID:
            walk.references.append((value, path, self.kind))
        return value


def link_problem(value: str) -> str:
    """Why a link is refused, or '' if it is a good one."""
    if re.search(r"\s", value):
        return "a link cannot contain spaces or line breaks"
    if "\\" in value:
        return "a link cannot contain a backslash (browsers read it as /, which can hide the real address)"
    if re.search(r'[<>"{}|^`]', value):
        return 'a link cannot contain < > " { } | ^ or ` (write them %-encoded, as an address bar shows them)'
    if value.startswith("mailto:"):
        return "" if re.match(EMAIL_PATTERN, value[len("mailto:"):]) else "not an e-mail address after mailto:"
    if not re.match(r"^https?://", value):
        return "not a link"
    parts = urlsplit(value)
    if "@" in parts.netloc:
        return ("a link cannot have a user name or '@' before its host: it hides the real address "
                "(https://good.example@evil.example goes to evil.example)")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not re.match(HOST_PATTERN, parts.hostname or "") or port == -1 or parts.netloc.endswith(":"):
        return "the part after // is not a host name like www.itu.int"
    return ""


@dataclass
class Link(Str):
    """A web link (http or https) or an e-mail link (mailto:), with nothing that hides its
    real address: no user name or password before the host (https://good.example@evil.example)."""

    expected: str = "a link starting with https://, http:// or mailto:"
    max_length: int = 2000
    problem: Callable[[str], str | None] | None = link_problem

    def json_schema(self) -> dict[str, Any]:
        schema = super().json_schema()
        return {**schema, "pattern": r'^(https?://[A-Za-z0-9.-]+(:[0-9]+)?([/?#][^\s<>"{}|^`\\]*)?|mailto:[^@\s<>]+@[^@\s<>]+)$',
                "format": "uri"}


ZONE_ALIASES = {"Europe/Geneva": "Europe/Zurich", "Europe/Bern": "Europe/Zurich",
                "America/Washington": "America/New_York"}


def is_timezone(value: str) -> bool:
    return value in available_timezones()


def timezone_suggestions(value: str) -> list[str]:
    if value in ZONE_ALIASES:
        return [ZONE_ALIASES[value]]
    return difflib.get_close_matches(value, sorted(available_timezones()), n=1)


@lru_cache(maxsize=1)
def available_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


# ISO 3166-1 alpha-2: the officially assigned codes, from CLDR's territories (Babel, pinned)
# less the codes CLDR adds that ISO 3166-1 does not assign (EU, UN, XK, ZZ, ...) or only
# reserves (AC, CP, CQ, DG, EA, IC, TA). Read once; the schema lists them for editors.
NOT_ISO_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK",
                               "ZZ"})


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English name."""
    territories = Locale("en").territories
    return {str(code): str(name) for code, name in sorted(territories.items())
            if len(code) == 2 and code.isalpha() and code.isupper() and code not in NOT_ISO_COUNTRIES}


def is_country(value: str) -> bool:
    return value in country_names()


def country_suggestions(value: str) -> list[str]:
    """'ch' -> 'CH'; 'Switzerland' -> 'CH'."""
    by_name = {name.casefold(): code for code, name in country_names().items()}
    guess = value.upper() if is_country(value.upper()) else by_name.get(value.casefold())
    return [guess] if guess else []


@dataclass
class Country(Str):
    """A country as an ISO 3166-1 alpha-2 code (CH), the form schema.org and maps read."""

    expected: str = "an ISO 3166-1 alpha-2 country code in capitals, like CH"
    check: Callable[[str], bool] | None = is_country
    suggestions: Callable[[str], list[str]] | None = country_suggestions
    max_length: int = 100

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(country_names())}


URL = Link()
EMAIL = Str(pattern=EMAIL_PATTERN, expected="an e-mail address like name@example.org", max_length=254)
TIMEZONE = Str(expected="an IANA time zone like Europe/Zurich", check=is_timezone,
               suggestions=timezone_suggestions)


@dataclass
class Enum(Type):
    """One of the values of a model enumeration (converted to its member)."""

    kind: type[StrEnum] = StrEnum

    @property
    def values(self) -> list[str]:
        return [member.value for member in self.kind]

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.values)

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        value = self.scalar(node, path, walk)
        if value is INVALID:
            return INVALID
        if value not in self.values:
            guess = difflib.get_close_matches(value, self.values, n=1)
            hint = f"; did you mean '{guess[0]}'?" if guess else ""
            return walk.error(node, path, f"unknown value{hint}", self.expected, describe(value))
        return self.kind(value)

    def json_schema(self) -> dict[str, Any]:
        return {"enum": self.values}


@dataclass
class Int(Type):
    minimum: int = 0
    maximum: int = MAX_INT
    expected: str = f"a whole number from 0 to {MAX_INT}"

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.style and re.match(r"^[0-9]+$", node.value):
            return walk.error(node, path, "a number must not be in quotes; remove them",
                              self.expected, found_node(node))
        if not isinstance(node, yaml.ScalarNode) or node.style or node.tag != YAML_TAG + "int" \
                or not re.match(r"^[0-9]+$", node.value):
            return walk.error(node, path, "wrong type", self.expected, found_node(node))
        if len(node.value.lstrip("0")) > len(str(self.maximum)):
            return walk.error(node, path, "too large", self.expected, f"a number of {len(node.value)} digits")
        value = int(node.value)
        if value < self.minimum:
            return walk.error(node, path, "too small", self.expected, describe(value))
        if value > self.maximum:
            return walk.error(node, path, "too large", self.expected, describe(value))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class When(Type):
    """A day ("2026-07-06"); optionally a month only ("2026-03") or a date-time."""

    months: bool = False
    times: bool = False

    @property
    def expected(self) -> str:  # type: ignore[override]
        forms = ["a date like 2026-07-06"]
        if self.months:
            forms.append('a month like "2026-03"')
        if self.times:
            forms.append('a date and time like "2026-07-08T10:00"')
        return " or ".join(forms)

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return walk.error(node, path, "wrong type", self.expected, found_node(node))
        if node.tag not in (YAML_TAG + "str", YAML_TAG + "timestamp"):
            return walk.error(node, path, f"{yaml11_surprise(node)}; write a date", self.expected, found_node(node))
        text = node.value.strip()
        if re.match(r"^\d{4}-", text) and not FIRST_YEAR <= int(text[:4]) <= LAST_YEAR:
            return walk.error(node, path, f"the year must be between {FIRST_YEAR} and {LAST_YEAR}",
                              self.expected, describe(text))
        try:
            if re.match(DATE_PATTERN, text):
                return dt.date.fromisoformat(text)
            if self.months and re.match(MONTH_PATTERN, text):
                year, month = (int(part) for part in text.split("-"))
                if not 1 <= month <= 12:
                    raise ValueError
                return model.Month(year, month)
            if self.times and re.match(DATETIME_PATTERN, text):
                return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return walk.error(node, path, "no such day on the calendar",
                              "a real calendar date", describe(text))
        return walk.error(node, path, "not a date", self.expected, describe(text))

    def json_schema(self) -> dict[str, Any]:
        # The same forms as DATE_PATTERN, MONTH_PATTERN and DATETIME_PATTERN, with the years
        # bounded and only real calendar days (editors' own `format: date` check accepts 31
        # February). patternErrorMessage is the message VS Code's YAML extension shows.
        forms: list[dict[str, Any]] = [{"type": "string", "format": "date", "pattern": f"^{CALENDAR_DAY}$",
                                        "patternErrorMessage": f"not a real calendar date from {FIRST_YEAR} to "
                                                               f"{LAST_YEAR} (expected a date like 2026-07-06)"}]
        if self.months:
            forms.append({"type": "string", "pattern": f"^{CALENDAR_MONTH}$"})
        if self.times:
            forms.append({"type": "string", "pattern": f"^{CALENDAR_DAY}{TIME_OF_DAY}$"})
        return forms[0] if len(forms) == 1 else {"anyOf": forms}


# The languages JSON Schema is written for (`schema_languages`): a schema describes one site.
SCHEMA_LANGUAGES: ContextVar[Languages] = ContextVar("SCHEMA_LANGUAGES", default=UN_LANGUAGES)


@contextmanager
def schema_languages(languages: Languages) -> Iterator[None]:
    """Within it, `json_schema()` describes texts in `languages`."""
    token = SCHEMA_LANGUAGES.set(languages)
    try:
        yield
    finally:
        SCHEMA_LANGUAGES.reset(token)


def all_languages(languages: Languages) -> str:
    """"all six languages: ar, zh, en, fr, ru, es" (the number in words up to ten)."""
    words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    count = len(languages)
    number = words[count - 1] if count <= len(words) else str(count)
    noun = "language" if count == 1 else "languages"
    return f"{'the' if count == 1 else 'all'} {number} {noun}: " + ", ".join(languages)


class LocalText(Type):
    """A text in the site's languages: `{ar: ..., zh: ..., en: ..., fr: ..., ru: ..., es: ...}`."""

    expected = "a text in each language, like {en: ..., fr: ...}"

    def convert(self, node: yaml.Node, path: str, walk: Walk, required: bool = True) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return walk.error(node, path, "wrong type", self.expected, found_node(node))
        languages = walk.languages
        values: dict[str, str] = {}
        written: set[str] = set()  # languages present, even if their value has a problem
        for key_node, value_node in unique_pairs(node, path, walk):
            lang = key_node.value
            lang_path = f"{path}.{lang}"
            walk.at(value_node, lang_path)
            if lang not in languages:
                walk.error(key_node, lang_path, "unknown language code",
                           "one of " + ", ".join(languages), describe(lang))
                continue
            written.add(lang)
            text = TEXT.convert(value_node, lang_path, walk)
            if text is not INVALID:
                values[lang] = text
        # The report lists every language without a usable text; the error names only the
        # languages not written at all (a written but broken one has its own message).
        walk.translations.append((path, required, tuple(lang for lang in languages if lang not in values)))
        missing = tuple(lang for lang in languages if lang not in written)
        if languages.default in missing or (required and missing):
            word = "translation" if len(missing) == 1 else "translations"
            walk.error(node, path, f"missing {word}", all_languages(languages),
                       "no " + ", ".join(missing))
        return model.Text(values, languages.default) if values else INVALID

    def json_schema(self, required: bool = True) -> dict[str, Any]:
        languages = SCHEMA_LANGUAGES.get()
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": {lang: TEXT.json_schema() for lang in languages},
            "required": list(languages) if required else [languages.default],
        }


@dataclass
class LanguageCode(Str):
    """A CLDR locale code (`en`, `pt-BR`): a language of the site."""

    pattern: str | None = CODE_PATTERN
    expected: str = "a CLDR locale code like en, fr, sw or pt-BR"
    max_length: int = 11
    problem: Callable[[str], str | None] | None = problem_with_code


TEXT = Str(max_length=MAX_TEXT_LENGTH)


@dataclass
class ListOf(Type):
    item: Type = field(default_factory=Str)

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "a list"

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return walk.error(node, path, "wrong type", "a list (lines starting with '- ')", found_node(node))
        items = []
        for index, item_node in enumerate(node.value):
            item_path = f"{path}[{index}]"
            walk.at(item_node, item_path)
            items.append(self.item.convert(item_node, item_path, walk))
        # Broken items are left out (their problems are recorded) so that the checks
        # across fields still run on the rest: the editor sees every mistake at once.
        return tuple(item for item in items if item is not INVALID)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.json_schema()}


@dataclass
class Field:
    type: Type
    required: bool = True
    description: str = ""


@dataclass
class Record(Type):
    """A mapping with known keys, built into a model class."""

    cls: type = object
    fields: dict[str, Field] = field(default_factory=dict)
    expected: str = "a mapping (key: value pairs)"
    # With stand-ins for broken fields, a record is still built so that the checks across
    # fields run (the file stays invalid: its problems are recorded).
    stand_ins: dict[str, Any] = field(default_factory=dict)
    # A rule across its fields that JSON Schema can say too (`if`/`then`), for editors; the
    # validator's own check of it lives in checks.py.
    json_rule: dict[str, Any] = field(default_factory=dict)

    def convert(self, node: yaml.Node, path: str, walk: Walk) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return walk.error(node, path, "wrong type", self.expected, found_node(node))
        values: dict[str, Any] = {}
        for key_node, value_node in unique_pairs(node, path, walk):
            key = key_node.value
            key_path = f"{path}.{key}" if path else key
            walk.at(value_node, key_path)
            spec = self.fields.get(key)
            if spec is None:
                guess = difflib.get_close_matches(key, self.fields, n=1)
                hint = f"; did you mean '{guess[0]}'?" if guess else ""
                walk.error(key_node, key_path, f"unknown key{hint}",
                           "one of " + ", ".join(self.fields), describe(key))
                values[key] = INVALID
                continue
            if isinstance(spec.type, LocalText):
                values[key] = spec.type.convert(value_node, key_path, walk, spec.required)
            else:
                values[key] = spec.type.convert(value_node, key_path, walk)
        for key, spec in self.fields.items():
            if spec.required and key not in values:
                walk.error(node, f"{path}.{key}" if path else key, "missing required key",
                           spec.type.expected, "no such key")
                values[key] = INVALID
        if INVALID in values.values():
            if not self.stand_ins:
                return INVALID
            values = {key: self.stand_ins[key] if value is INVALID else value
                      for key, value in values.items() if key in self.fields}
        return self.cls(**values)

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for key, spec in self.fields.items():
            if isinstance(spec.type, LocalText):
                schema = spec.type.json_schema(required=spec.required)
            else:
                schema = spec.type.json_schema()
            if spec.description:
                schema = {"description": spec.description, **schema}
            properties[key] = schema
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": properties,
            "required": [key for key, spec in self.fields.items() if spec.required],
            **self.json_rule,
        }


def unique_pairs(node: yaml.MappingNode, path: str, walk: Walk) -> list[tuple[yaml.Node, yaml.Node]]:
    """The key/value pairs of a mapping; a repeated key is a problem (PyYAML would keep the last)."""
    seen: dict[str, yaml.Node] = {}
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            walk.error(key_node, path, "a key must be a plain word", "a key", found_node(key_node))
            continue
        key = key_node.value
        if key in seen:
            first = seen[key].start_mark.line + 1
            walk.error(key_node, f"{path}.{key}" if path else key,
                       f"duplicate key: it would silently replace the one on line {first}",
                       "each key once", f"'{key}' twice")
            continue
        seen[key] = key_node
        pairs.append((key_node, value_node))
    return pairs


def tuple_of(item: Type) -> ListOf:
    return ListOf(item=item)
