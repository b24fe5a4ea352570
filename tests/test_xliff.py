"""Translation exchange: XLIFF 2.0 export and import (eventsite/xliff.py, eventsite/translations.py)."""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from eventsite import cli, xliff
from eventsite import translations as exchange
from eventsite.loader import parse

DATA = ROOT / "data" / "events.yaml"
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
HOSTILE = ('Fin <b>gras</b> & "guillemets" \'apostrophes\' ]]> <![CDATA[x]]> &amp; \\ fin\n'
           "deuxième ligne\r\ntroisième\ttab \x01\x1f # not: a comment {x} %s "
           "العربية: منتدى 2026 — 中文：信息社会世界峰会 \u2028 \x85 \ufeff")


def data_copy(tmp_path: Path) -> Path:
    """The real data file (and its lock, if any) in a temporary folder."""
    target = tmp_path / "data" / "events.yaml"
    target.parent.mkdir()
    shutil.copyfile(DATA, target)
    if exchange.lock_path(DATA).exists():
        shutil.copyfile(exchange.lock_path(DATA), exchange.lock_path(target))
    return target


def run_process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m eventsite ARGS` in a new process, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "eventsite", *args], capture_output=True, text=True, cwd=cwd)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The same command run in this process (a second apiece less than a new process);
    `run_process` checks the entry point itself."""
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def read(path: Path) -> exchange.DataTexts:
    return exchange.read_texts(path.read_bytes(), str(path))


def export(path: Path, lang: str) -> bytes:
    texts = read(path)
    units = exchange.units(texts, lang, exchange.read_lock(exchange.lock_path(path)))
    return xliff.render_xliff(units, lang, original="data/events.yaml")


def with_target(document: bytes, path: str, target: str, state: str = "translated") -> bytes:
    """The XLIFF document with one unit's target replaced, as a CAT tool would save it."""
    root = ET.fromstring(document)
    unit = root.find(f".//x:unit[@name='{path}']", NS)
    assert unit is not None, path
    segment = unit.find("x:segment", NS)
    old = segment.find("x:target", NS)
    if old is not None:
        segment.remove(old)
    xliff.add_text(ET.SubElement(segment, f"{{{NS['x']}}}target"), target)
    segment.set("state", state)
    segment.attrib.pop("subState", None)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# --- Round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", exchange.TARGETS)
def test_export_then_import_without_edits_leaves_the_real_data_file_byte_identical(tmp_path: Path, lang: str) -> None:
    data = data_copy(tmp_path)
    lock = exchange.lock_path(data)
    lock_before = lock.read_bytes() if lock.exists() else None
    xlf = tmp_path / f"{lang}.xlf"
    result = run_cli("translations", "export", "--lang", lang, "--output", str(xlf), str(data))
    assert result.returncode == 0, result.stderr
    result = run_cli("translations", "import", str(xlf), str(data))
    assert result.returncode == 0, result.stderr
    assert data.read_bytes() == DATA.read_bytes()
    assert (lock.read_bytes() if lock.exists() else None) == lock_before
    assert f"0 {lang} texts changed" in result.stderr


def test_export_has_one_unit_per_text_with_its_yaml_path_english_and_translation() -> None:
    document = ET.fromstring(export(DATA, "fr"))
    assert document.get("version") == "2.0"
    assert (document.get("srcLang"), document.get("trgLang")) == ("en", "fr")
    units = document.findall(".//x:unit", NS)
    site = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    names = [unit.get("name") for unit in units]
    assert len(names) == len(set(names)) > 50
    first_event = names.index("events[0].title")
    unit = units[first_event]
    assert unit.get("id") == "events.0.title"
    assert unit.findtext("x:segment/x:source", namespaces=NS) == site["events"][0]["title"]["en"]
    assert unit.findtext("x:segment/x:target", namespaces=NS) == site["events"][0]["title"]["fr"]
    assert unit.find("x:segment", NS).get("state") == "final"


# --- Import of a translated file ---------------------------------------------------------


def test_importing_a_changed_translation_rewrites_only_that_value(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    before = data.read_text(encoding="utf-8")
    xlf = tmp_path / "fr.xlf"
    xlf.write_bytes(with_target(export(data, "fr"), "events[0].title", "Forum du SMSI : nouvelle version"))
    result = run_cli("translations", "import", str(xlf), str(data))
    assert result.returncode == 0, result.stdout + result.stderr
    after = data.read_text(encoding="utf-8")
    changes = changed_lines(before, after)
    assert len(changes) == 2, changes  # one line out, one line in
    assert changes[1][1:].strip() == 'fr: "Forum du SMSI : nouvelle version"'
    assert yaml.safe_load(after)["events"][0]["title"]["fr"] == "Forum du SMSI : nouvelle version"
    assert "OK" in result.stderr and "1 fr text changed" in result.stderr


def test_hostile_text_survives_export_xml_and_import_exactly(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    document = with_target(export(data, "ru"), "site.title", HOSTILE)
    lang, units = xliff.read_xliff(document)
    assert lang == "ru"
    assert next(unit.target for unit in units if unit.path == "site.title") == HOSTILE
    imported = exchange.import_units(read(data), lang, units, {})
    assert imported.changed == ["site.title"]
    assert yaml.safe_load(imported.text)["site"]["title"]["ru"] == HOSTILE
    assert len(changed_lines(data.read_text(encoding="utf-8"), imported.text)) == 2


def test_the_exported_file_escapes_hostile_source_text_and_reads_back(tmp_path: Path) -> None:
    unit = xliff.Unit("site.title", HOSTILE, HOSTILE + "!", "translated")
    document = xliff.render_xliff([unit], "zh", original="data/events.yaml")
    assert b"]]>" not in document and b"<b>" not in document and b"\x01" not in document
    assert b'<cp hex="000D" />' in document and b'<cp hex="0001" />' in document
    ET.fromstring(document)  # well-formed
    _lang, units = xliff.read_xliff(document)
    assert (units[0].source, units[0].target) == (HOSTILE, HOSTILE + "!")


@pytest.mark.parametrize("value", [
    "", " ", "plain", "a: b", "# hash", "- dash", "'single'", '"double"', "\\back\\slash", "tab\there",
    "line\nbreak", "\r\n", "\x00\x07\x1b\x7f\x9f", "\u2028\u2029\x85", "\ufeff", "yes", "2026-07-06", "null",
    "العربية", "中文：全角", "😀 emoji", HOSTILE])
def test_quote_yaml_reads_back_as_the_same_string(value: str) -> None:
    quoted = xliff.quote_yaml(value)
    assert "\n" not in quoted and "\r" not in quoted
    assert yaml.safe_load(f"key: {quoted}\n") == {"key": value}


def test_a_missing_translation_is_exported_without_target_and_imported_in_language_order(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    text = data.read_text(encoding="utf-8")
    site = yaml.safe_load(text)
    french = site["events"][0]["summary"]["fr"]
    line = f"      fr: {xliff.quote_yaml(french)}\n"
    assert line in text, "the fixture expects the first event's summary in French on one line"
    data.write_text(text.replace(line, "", 1), encoding="utf-8")
    document = export(data, "fr")
    unit = ET.fromstring(document).find(".//x:unit[@name='events[0].summary']", NS)
    segment = unit.find("x:segment", NS)
    assert (segment.get("state"), segment.get("subState")) == ("initial", "eventsite:missing")
    assert segment.find("x:target", NS) is None
    _lang, units = xliff.read_xliff(with_target(document, "events[0].summary", french))
    imported = exchange.import_units(read(data), "fr", units, {})
    assert imported.text == text  # put back exactly where it was, after en and before ru
    assert parse(imported.text.encode("utf-8"), "events.yaml").site is not None


def test_untouched_missing_and_stale_units_are_not_imported(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    _lang, units = xliff.read_xliff(xliff.render_xliff(
        [xliff.Unit("site.title", "WSIS and AI meetings in Geneva", "", "missing")], "es", original="x"))
    assert exchange.import_units(read(data), "es", units, {}).changed == []


def test_blank_targets_are_skipped_and_the_import_ends_with_the_validators_report(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    xlf = tmp_path / "es.xlf"
    xlf.write_bytes(with_target(export(data, "es"), "site.title", "   "))
    result = run_cli("translations", "import", str(xlf), str(data))
    assert result.returncode == 0 and "0 es texts changed" in result.stderr
    assert data.read_bytes() == DATA.read_bytes()
    # A problem elsewhere in the file (here an unknown key) is reported after the import.
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("\nsite:\n", "\nsite:\n  titel: x\n", 1), encoding="utf-8")
    xlf.write_bytes(with_target(export(data, "es"), "events[0].title", "Foro de la CMSI"))
    result = run_cli("translations", "import", str(xlf), str(data))
    assert result.returncode == 1
    assert "1 es text changed" in result.stderr
    assert "site.titel: unknown key" in result.stdout
    assert yaml.safe_load(data.read_text(encoding="utf-8"))["events"][0]["title"]["es"] == "Foro de la CMSI"


@pytest.mark.parametrize("document, message", [
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', "DTD"),
    (b"<xliff/>", "XLIFF 2.0"),
    (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en"/>',
     "srcLang"),
    (b"not xml", "not XML"),
])
def test_files_that_are_not_our_xliff_are_refused(document: bytes, message: str) -> None:
    with pytest.raises(xliff.XliffError, match=message):
        xliff.read_xliff(document)


def test_export_refuses_english_and_unknown_languages() -> None:
    for lang in ("en", "de"):
        with pytest.raises(xliff.XliffError):
            xliff.render_xliff([], lang, original="x")


# --- Stale detection ----------------------------------------------------------------------


def test_changing_the_english_marks_the_other_languages_stale_until_updated(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    exchange.lock_path(data).unlink(missing_ok=True)
    assert run_cli("translations", "lock", str(data)).returncode == 0
    lock = exchange.read_lock(exchange.lock_path(data))
    english = yaml.safe_load(data.read_text(encoding="utf-8"))["events"][0]["title"]["en"]
    assert lock["events[0].title"] == exchange.source_hash(english)
    assert exchange.stale_in(read(data), lock) == {lang: [] for lang in exchange.TARGETS}

    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(f"en: {xliff.quote_yaml(english)}", f"en: {xliff.quote_yaml(english + ' (new)')}",
                                 1), encoding="utf-8")
    stale = exchange.stale_in(read(data), lock)
    assert stale == {lang: ["events[0].title"] for lang in exchange.TARGETS}
    report = run_cli("translations", "report", str(data))
    assert "fr: 0 missing, 1 stale:" in report.stdout
    assert "events[0].title (stale" in report.stdout

    document = export(data, "fr")
    segment = ET.fromstring(document).find(".//x:unit[@name='events[0].title']/x:segment", NS)
    assert (segment.get("state"), segment.get("subState")) == ("initial", "eventsite:stale")
    xlf = tmp_path / "fr.xlf"
    xlf.write_bytes(with_target(document, "events[0].title", "Nouveau titre"))
    assert run_cli("translations", "import", str(xlf), str(data)).returncode == 0
    lock = exchange.read_lock(exchange.lock_path(data))
    stale = exchange.stale_in(read(data), lock)
    assert stale["fr"] == [] and stale["es"] == ["events[0].title"]
    assert lock["events[0].title"]["fr"] == exchange.source_hash(english + " (new)")


def test_a_stale_translation_confirmed_unchanged_in_the_cat_tool_is_no_longer_stale(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    texts = read(data)
    lock = exchange.with_records({}, {("site.title", lang): "0" * 12 for lang in exchange.TARGETS})
    assert "site.title" in exchange.stale_in(texts, lock)["zh"]
    french = yaml.safe_load(texts.text)["site"]["title"]["zh"]
    _lang, units = xliff.read_xliff(with_target(export(data, "zh"), "site.title", french, state="final"))
    imported = exchange.import_units(texts, "zh", units, lock)
    assert imported.text == texts.text and imported.changed == []
    assert "site.title" not in exchange.stale_in(texts, imported.lock)["zh"]
    assert "site.title" in exchange.stale_in(texts, imported.lock)["ar"]


def test_lock_records_collapse_to_one_hash_when_all_languages_agree() -> None:
    lock = exchange.with_records({}, {("a.title", lang): "abc" for lang in exchange.TARGETS})
    assert lock == {"a.title": "abc"}
    lock = exchange.with_records(lock, {("a.title", "ru"): "def"})
    assert lock == {"a.title": {"ar": "abc", "zh": "abc", "fr": "abc", "ru": "def", "es": "abc"}}
    assert exchange.recorded(lock, "a.title", "ru") == "def" and exchange.recorded(lock, "b", "ru") is None
    rendered = exchange.render_lock(lock, ["a.title"])
    assert yaml.safe_load(rendered) == lock and rendered.startswith("# ")


def test_the_bare_translations_command_still_reports(tmp_path: Path) -> None:
    bare, named = run_process("translations", str(DATA)), run_process("translations", "report", str(DATA))
    assert bare.returncode == named.returncode == 0
    assert bare.stdout == named.stdout and "fr: 0 missing\n" in bare.stdout


@pytest.mark.parametrize("before, after", [
    ('t:\n  en: "A"\n  fr:\n  ru: "R"\n', 't:\n  en: "A"\n  fr: "N"\n  ru: "R"\n'),               # null value
    ('t:\n  en: "A"\n  fr: ""\n', 't:\n  en: "A"\n  fr: "N"\n'),                                    # empty text
    ("t:\n  en: A\n  fr: old   # keep this comment\n", 't:\n  en: A\n  fr: "N"   # keep this comment\n'),
    ("t: {en: A, ru: R}\n", 't: {en: A, fr: "N", ru: R}\n'),                                        # flow style
    ("t: {ru: R}\n", 't: {fr: "N", ru: R}\n'),
    ("t:\n  ru: R\n  en: A\n", 't:\n  ru: R\n  en: A\n  fr: "N"\n'),                                # after en
    ("t:\n  ru: R\n", 't:\n  fr: "N"\n  ru: R\n'),                                                  # before ru
    ("t:\n  en: A\n  fr: >\n    folded\n    lines\n\nnext: 1\n", 't:\n  en: A\n  fr: "N"\n\nnext: 1\n'),  # block
    ("t:\n  en: A\n  fr: plain on\n    two lines\n  es: E\n", 't:\n  en: A\n  fr: "N"\n  es: E\n'),
    ("t:\r\n  en: A\r\n  fr: old\r\n", 't:\r\n  en: A\r\n  fr: "N"\r\n'),                           # CRLF kept
    ("t:\r\n  en: A\r\n  ru: R\r\n", 't:\r\n  en: A\r\n  fr: "N"\r\n  ru: R\r\n'),
    ("t:\n  en: A", 't:\n  en: A\n  fr: "N"\n'),                                                  # no final newline
])
def test_apply_translations_edits_only_the_value_whatever_its_style(before: str, after: str) -> None:
    assert xliff.apply_translations(before, "fr", {"t": "N"}) == after


# --- What CAT tools do with the file ------------------------------------------------------


def unit_element(document: bytes, path: str) -> ET.Element:
    unit = ET.fromstring(document).find(f".//x:unit[@name='{path}']", NS)
    assert unit is not None, path
    return unit


def test_block_texts_travel_without_yamls_final_line_break_and_units_carry_notes() -> None:
    site = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    english, french = site["events"][0]["description"]["en"], site["events"][0]["description"]["fr"]
    assert english.endswith("\n") and french.endswith("\n"), "events[0].description is a block scalar (|)"
    unit = unit_element(export(DATA, "fr"), "events[0].description")
    assert unit.findtext("x:segment/x:source", namespaces=NS) == english.removesuffix("\n")
    assert unit.findtext("x:segment/x:target", namespaces=NS) == french.removesuffix("\n")
    assert [child.tag.split("}")[1] for child in unit] == ["notes", "segment"]  # XLIFF 2.0's order
    notes = {note.get("category"): note.text for note in unit.findall("x:notes/x:note", NS)}
    assert notes == {"field": "events[0].description", "event": site["events"][0]["title"]["en"]}
    session = unit_element(export(DATA, "fr"), "events[1].sessions[0].title")
    assert {note.get("category"): note.text for note in session.findall("x:notes/x:note", NS)}["event"] == \
        site["events"][1]["title"]["en"]
    document = unit_element(export(DATA, "fr"), "documents[0].title")
    assert {note.get("category"): note.text for note in document.findall("x:notes/x:note", NS)} == {
        "field": "documents[0].title", "document": site["documents"][0]["title"]["en"]}


def test_a_cat_tool_that_trims_every_text_changes_only_what_the_translator_edited(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    document = export(data, "fr")
    root = ET.fromstring(document)
    for element in root.iter():
        if element.tag in (f"{{{NS['x']}}}source", f"{{{NS['x']}}}target") and element.text and not len(element):
            element.text = element.text.strip()  # what a CAT tool that trims does to each text
    trimmed = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    edits = {"events[0].title": "Dialogue mondial (révisé)", "events[0].description": "Nouvelle description.\n\nFin.",
             "site.description": "Nouvelle description du site."}
    for path, target in edits.items():
        trimmed = with_target(trimmed, path, target)
    lang, units = xliff.read_xliff(trimmed)
    lock = exchange.read_lock(exchange.lock_path(data))
    imported = exchange.import_units(read(data), lang, units, lock)
    assert imported.changed == sorted(edits) and imported.warnings == []
    after = yaml.safe_load(imported.text)
    assert after["events"][0]["description"]["fr"] == "Nouvelle description.\n\nFin.\n"  # YAML's ending put back
    assert exchange.stale_in(read(data), imported.lock)["fr"] == []  # nothing falsely stale
    assert imported.lock == lock  # the English of every text is the one its translations were made from


# translate-toolkit is the library under Weblate: its XLIFF 2.0 store (Weblate's "XLIFF 2.0"
# file format) reads our files; its file-name factory takes `.xlf` for XLIFF 1.2.
def test_translate_toolkit_reads_the_export_as_xliff_2_and_its_saved_file_imports_cleanly(tmp_path: Path) -> None:
    from translate.storage import factory
    from translate.storage.xliff2 import Xliff2File

    data = data_copy(tmp_path)
    document = export(data, "fr")
    store = Xliff2File.parsestring(document)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "fr")
    units = {unit.getid(): unit for unit in store.units}
    site = yaml.safe_load(data.read_text(encoding="utf-8"))
    title = units["events.0.title"]
    assert (title.source, title.target) == (site["events"][0]["title"]["en"], site["events"][0]["title"]["fr"])
    assert title.isapproved()
    # XLIFF 2.0 puts <notes> in the <unit> (where ours are); translate-toolkit 3.20 reads and
    # writes them inside the <segment> only, so Weblate shows the unit's id, not our notes.
    assert title.getnotes() == "" and unit_element(document, "events[0].title").find("x:notes", NS) is not None
    with pytest.raises(ValueError, match=r"XLIFF 2\.x \(version='2\.0'\)"):  # by its name, .xlf is XLIFF 1.2 to it
        factory.getobject(str(write(tmp_path / "fr.xlf", document)))

    # A translator's work in the tool: one text changed, the rest saved as the tool writes them.
    title.target = "Dialogue mondial sur la gouvernance de l'IA (révisé)"
    title.marktranslated()
    saved = bytes(store)
    lang, returned = xliff.read_xliff(saved)
    imported = exchange.import_units(read(data), lang, returned, exchange.read_lock(exchange.lock_path(data)))
    assert imported.changed == ["events[0].title"] and imported.warnings == []
    assert changed_lines(data.read_text(encoding="utf-8"), imported.text) == [
        f"-      fr: {xliff.quote_yaml(site['events'][0]['title']['fr'])}",
        '+      fr: "Dialogue mondial sur la gouvernance de l\'IA (révisé)"']

    # Saved without a change: the data file stays byte-identical.
    untouched = bytes(Xliff2File.parsestring(document))
    _lang, returned = xliff.read_xliff(untouched)
    assert exchange.import_units(read(data), "fr", returned, {}).text == data.read_text(encoding="utf-8")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
