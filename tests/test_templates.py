"""The line between Python and the templates: the templates (overrides/eventsite/) get one
`page` object and a handful of helpers, make no decision of their own, join no list with
a separator of their own, and every UI string they or the code ask for exists in six
languages and is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, TEMPLATES
from jinja2 import meta, nodes

from eventsite import typography
from eventsite.languages import LANGUAGES
from eventsite.ui import strings
from eventsite.views import render

ENV = render.make_environment(TEMPLATES)
TEMPLATE_FILES = sorted(TEMPLATES.glob("*.html"))
BUILTIN_FILTERS_ALLOWED = {"tojson"}  # the browser labels' JSON


def test_templates_are_given_at_most_six_names():
    names = render.template_names(ENV)
    assert names == {"page", "t", "text", "paragraphs", "when", "iso"}
    assert len(names) <= 6


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda path: path.name)
def test_a_template_uses_no_name_but_its_page_and_the_helpers(path: Path):
    tree = ENV.parse(path.read_text(encoding="utf-8"))
    assert meta.find_undeclared_variables(tree) <= {"page", "t"}
    filters = {node.name for node in tree.find_all(nodes.Filter)}
    assert filters <= {"text", "paragraphs", "when", "iso"} | BUILTIN_FILTERS_ALLOWED
    assert not list(tree.find_all(nodes.Test)), "a test (`is ...`) is a decision: make it in the view"


# What templates used to decide themselves (issue 17): each is now a field of a view.
DECISIONS = {
    "whether a request to speak is open": re.compile(r"speaking_deadline|\.deadline\("),
    "where something stands in time": re.compile(r"\btiming\(|\btoday\b|days_until|relative_days"),
    "coming and earlier weeks": re.compile(r"selectattr|rejectattr|\|\s*reject|\|\s*select"),
    "the events of a venue": re.compile(r"\bsite\.(?:events|venue|event)\b"),
    "a date or a date-time": re.compile(r"\.hour\b|is defined|is not none"),
    "a status read from the data": re.compile(r"\.status\s*==|status_of|in_feeds"),
    "a link of the data looked up": re.compile(r"\.link\(|document_link|\.urls\b"),
}


def template_code(source: str) -> str:
    """The expressions and statements of a template ({{ }}, {% %}), without their string literals."""
    code = " ".join(re.findall(r"\{\{.*?\}\}|\{%.*?%\}", source, re.S))
    return re.sub(r'"[^"]*"|\'[^\']*\'', '""', code)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda path: path.name)
def test_no_template_makes_a_business_decision(path: Path):
    code = template_code(path.read_text(encoding="utf-8"))
    found = [what for what, pattern in DECISIONS.items() if pattern.search(code)]
    assert found == []


def list_separators() -> set[str]:
    """The separators CLDR and the typography module put between list items, other than a
    plain comma (which code uses for other things)."""
    found = {separator for group in typography.LIST_SEPARATORS.values() for separator in group}
    found |= set(typography.SAFE_SEPARATORS.values())
    return {separator.strip() for separator in found if separator.strip() not in (",", ";", "和", "و")}


def test_no_template_or_module_but_the_typography_module_holds_a_list_separator():
    separators = list_separators()
    assert separators >= {"、", "،", "；", "؛"}
    sources = [*TEMPLATE_FILES, *(ROOT / "overrides").rglob("*.html"), *(ROOT / "eventsite").rglob("*.py"),
               *(ROOT / "eventsite_mkdocs").rglob("*.py")]
    offenders = [f"{path.relative_to(ROOT)}: {separator!r}" for path in sorted(set(sources))
                 if path.name != "typography.py" for separator in sorted(separators)
                 if separator in path.read_text(encoding="utf-8")]
    assert offenders == []


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda path: path.name)
def test_templates_join_items_with_the_languages_punctuation_only(path: Path):
    """Between the items of a loop only `page.punctuation` may stand, never a literal."""
    literal_joins = re.findall(r"if not loop\.last %\}([^{]*)\{%", path.read_text(encoding="utf-8"))
    assert [join for join in literal_joins if join.strip()] == []


KEY = re.compile(r"""["']((?:calendar|content|site|visitor)\.[a-z0-9_\-]+(?:\.[a-z0-9_\-]+)*)["']""")


def keys_in_sources() -> set[str]:
    """Every string literal in the code and templates that names a UI string."""
    sources = [*(ROOT / "eventsite").rglob("*.py"), *(ROOT / "eventsite_mkdocs").rglob("*.py"),
               *(ROOT / "overrides").rglob("*.html")]
    return {key for path in sources for key in KEY.findall(path.read_text(encoding="utf-8"))}


def test_every_ui_string_is_used_and_every_one_asked_for_exists_in_six_languages():
    defined, used = set(strings()), keys_in_sources()
    tools = {key for folder in ("bench", "tools") for path in (ROOT / folder).rglob("*.py")
             for key in KEY.findall(path.read_text(encoding="utf-8"))}
    assert sorted((used | tools) - defined) == [], "asked for, not defined"
    assert sorted(defined - used) == [], "defined, never used"
    incomplete = [f"{key}.{lang}" for key, texts in strings().items() for lang in LANGUAGES
                  if not (texts or {}).get(lang)]
    assert incomplete == []
