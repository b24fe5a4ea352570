"""data/events.schema.json: committed, up to date, and saying what the validator says.

Editors' YAML tools read the file as YAML 1.2 (dates stay text) and check it against the
JSON Schema; a tiny checker below covers the subset of JSON Schema the export uses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT

from eventsite.cli import render_schema
from eventsite.loader import read_site

SCHEMA_FILE = ROOT / "data" / "events.schema.json"

# patternErrorMessage: the message VS Code's YAML extension shows for a failed pattern.
ANNOTATIONS = {"$schema", "title", "description", "format", "patternErrorMessage"}
KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "enum", "pattern",
            "minLength", "maxLength", "minimum", "maximum", "anyOf", "not", "if", "then"}


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML without YAML 1.1's extras, like editors' tools: dates and yes/no stay text."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml12(relative: str) -> Any:
    return yaml.load((ROOT / relative).read_text(encoding="utf-8"), Loader=Yaml12Loader)


def is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    return isinstance(value, kinds[name])


def schema_errors(value: Any, schema: dict[str, Any], path: str = "") -> list[str]:
    """Where `value` breaks `schema`, as `path: reason` lines; [] if it conforms."""
    unknown = set(schema) - KEYWORDS - ANNOTATIONS
    assert not unknown, f"the checker does not support {sorted(unknown)} (at {path or 'the root'})"
    where = path or "(root)"
    if "anyOf" in schema and all(schema_errors(value, option, path) for option in schema["anyOf"]):
        return [f"{where}: matches none of anyOf"]
    if "not" in schema and not schema_errors(value, schema["not"], path):
        return [f"{where}: {value!r} matches what is not allowed: {schema['not']}"]
    if "if" in schema and not schema_errors(value, schema["if"], path):
        then = schema_errors(value, schema.get("then", {}), path)
        if then:
            return then
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} is not one of {schema['enum']}"]
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(is_type(value, name) for name in types):
            return [f"{where}: {value!r} is not of type {schema['type']}"]
    errors: list[str] = []
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{where}: {value!r} is shorter than {schema['minLength']}")
        if len(value) > schema.get("maxLength", len(value)):
            errors.append(f"{where}: {value!r} is longer than {schema['maxLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if is_type(value, "number") and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value!r} is less than {schema['minimum']}")
    if is_type(value, "number") and "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{where}: {value!r} is more than {schema['maximum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: {key!r} is required")
        for key, item in value.items():
            item_path = f"{path}.{key}" if path else str(key)
            if key in properties:
                errors += schema_errors(item, properties[key], item_path)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: additional property {key!r} is not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(item, schema["additionalProperties"], item_path)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{path}[{index}]")
    return errors


def committed_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_committed_schema_file_is_up_to_date() -> None:
    assert SCHEMA_FILE.is_file(), "data/events.schema.json is missing: run `make schema` and commit it"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_schema(), (
        "data/events.schema.json is out of date with eventsite/schema.py: run `make schema` and commit it"
    )


def test_schema_accepts_the_commented_example() -> None:
    assert schema_errors(load_yaml12("data/events.example.yaml"), committed_schema()) == []


def test_schema_accepts_the_minimal_valid_file() -> None:
    assert schema_errors(load_yaml12("tests/fixtures/valid/minimal.yaml"), committed_schema()) == []


def test_schema_rejects_an_unknown_key_like_the_validator() -> None:
    assert schema_errors(load_yaml12("tests/fixtures/invalid/unknown-key.yaml"), committed_schema()) == [
        "events[0]: additional property 'role' is not allowed",
    ]


def test_schema_accepts_an_optional_text_the_validator_accepts_without_all_six_languages(
    tmp_path: Path,
) -> None:
    text = (ROOT / "tests/fixtures/valid/minimal.yaml").read_text(encoding="utf-8")
    text += '    description: {ar: "نص", en: "Text", fr: "Texte", ru: "Текст", es: "Texto"}\n'
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_site(path)[1] == [], "the validator accepts an optional text without Chinese"
    data = yaml.load(text, Loader=Yaml12Loader)
    assert schema_errors(data, committed_schema()) == []


def test_yaml12_reading_keeps_dates_as_text_as_editors_tools_do() -> None:
    data = load_yaml12("data/events.example.yaml")
    assert data["events"][0]["start"] == "2026-07-06"
    assert data["events"][0]["revision"] == 0


def test_schema_rejects_a_quoted_revision_like_the_validator() -> None:
    data = load_yaml12("tests/fixtures/invalid/wrong-type-quoted-revision.yaml")
    assert schema_errors(data, committed_schema()) == ["events[0].revision: '1' is not of type integer"]
