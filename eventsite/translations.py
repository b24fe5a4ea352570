"""Which translations are missing or stale, per language, and the translation exchange
(XLIFF 2.0 export and import, see `eventsite.xliff`).

Stale detection keeps a small sidecar next to the data, `translations.lock.yaml`: for
each text (its YAML path) the hash of the English text its translations were made from,
either one hash for every language or a hash per language. A translation is stale when
the English text's hash is no longer the recorded one. A text without a record counts
as translated from the current English (texts written before the sidecar, or written
together with their English).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from eventsite import xliff
from eventsite.languages import UN_LANGUAGES, Languages
from eventsite.loader import parse
from eventsite.problems import Problem
from eventsite.yamltypes import Walk

Report = dict[str, list[tuple[str, bool]]]
Lock = dict[str, object]  # path -> hash (all languages) or {lang: hash}
TARGETS = UN_LANGUAGES.targets  # of a data file that names no languages (tests); else DataTexts.languages
LOCK_HEADER = ("# The English text each translation was made from, as a hash: one for all languages, or one\n"
               "# per language. Written by `python -m eventsite translations import` and `... lock`;\n"
               "# a translation whose hash differs from its English text's is stale. See README.md.\n")


def missing_in(walk: Walk) -> Report:
    """For each language, the text fields without it: (field path, whether the field is required)."""
    report: Report = {lang: [] for lang in walk.languages}
    for field, required, missing in walk.translations:
        for lang in missing:
            report[lang].append((field, required))
    return report


def missing_by_language(path: str | Path) -> Report:
    """`missing_in` for a data file (empty lists if it cannot be read as YAML)."""
    walk = parse(Path(path).read_bytes(), str(path)).walk
    return missing_in(walk) if walk is not None else {}


# --- The lock -------------------------------------------------------------------------


def lock_path(data: Path) -> Path:
    """The sidecar of a data file: data/events.yaml -> data/translations.lock.yaml."""
    return data.with_name("translations.lock.yaml")


def source_hash(english: str) -> str:
    """A short, stable hash of an English text."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:12]


def read_lock(path: Path) -> Lock:
    """The lock file's records ({} when there is none yet)."""
    if not path.exists():
        return {}
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a mapping of text paths to hashes")
    return loaded


def recorded(lock: Lock, path: str, lang: str) -> str | None:
    """The hash of the English text `lang`'s translation of `path` was made from, if recorded."""
    record = lock.get(path)
    return record.get(lang) if isinstance(record, dict) else record  # type: ignore[return-value]


def with_records(lock: Lock, records: dict[tuple[str, str], str], targets: tuple[str, ...] = TARGETS) -> Lock:
    """The lock with (path, lang) -> hash set; one hash where every language of `targets`
    (the site's languages but the default) agrees."""
    updated = dict(lock)
    for (path, lang), digest in records.items():
        current = updated.get(path)
        per_lang = dict(current) if isinstance(current, dict) else (
            dict.fromkeys(targets, current) if current else {})
        per_lang[lang] = digest
        values = {per_lang.get(code) for code in targets}
        updated[path] = values.pop() if len(values) == 1 and None not in values else {
            code: per_lang[code] for code in targets if code in per_lang}
    return updated


def render_lock(lock: Lock, order: list[str]) -> str:
    """The lock file's text, in the data file's order of texts (then any others)."""
    ordered = {path: lock[path] for path in order if path in lock}
    ordered.update({path: value for path, value in sorted(lock.items()) if path not in ordered})
    return LOCK_HEADER + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=200)


# --- States ----------------------------------------------------------------------------


def state(target: str, english: str, record: str | None) -> str:
    """missing, stale or translated."""
    if not target:
        return "missing"
    if record is not None and record != source_hash(english):
        return "stale"
    return "translated"


@dataclass(frozen=True)
class DataTexts:
    """A data file read for the translation exchange: its text, node tree and text paths."""

    text: str
    root: yaml.Node
    paths: list[str]
    problems: list[Problem]
    languages: Languages = UN_LANGUAGES  # the file's own (site.languages)


def read_texts(data: bytes, file: str) -> DataTexts:
    """The data file's texts, or ValueError naming why it cannot be read as YAML."""
    parsed = parse(data, file)
    if parsed.walk is None:
        raise ValueError("\n".join(str(problem) for problem in parsed.problems))
    text = data.decode("utf-8")
    return DataTexts(text, xliff.compose(text), [path for path, _r, _m in parsed.walk.translations],
                     parsed.problems, parsed.walk.languages)


def units(texts: DataTexts, lang: str, lock: Lock) -> list[xliff.Unit]:
    """Every text with an English source, in `lang`, with its state and its context."""
    found = []
    source = texts.languages.default
    for text in xliff.texts(texts.root, texts.paths, lang, source):
        kind, title = xliff.context(texts.root, text.path, source)
        found.append(xliff.Unit(text.path, text.english_text, text.target_text,
                                state(text.target, text.english, recorded(lock, text.path, lang)), title, kind))
    return found


def stale_in(texts: DataTexts, lock: Lock) -> dict[str, list[str]]:
    """For each language, the paths of its stale translations."""
    return {lang: [unit.path for unit in units(texts, lang, lock) if unit.state == "stale"]
            for lang in texts.languages.targets}


# --- Import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What an import does: the new data text and lock, what changed, and warnings."""

    text: str
    lock: Lock
    changed: list[str]
    warnings: list[str]


def import_units(texts: DataTexts, lang: str, returned: list[xliff.Returned], lock: Lock) -> Imported:
    """Apply a translated file: the values that differ are rewritten, and the lock records
    the English each new or confirmed translation was made from (the unit's <source>)."""
    current = {text.path: text for text in xliff.texts(texts.root, texts.paths, lang, texts.languages.default)}
    values: dict[str, str] = {}
    records: dict[tuple[str, str], str] = {}
    warnings: list[str] = []
    for unit in returned:
        if unit.path not in current:
            warnings.append(f"{unit.path}: no such text in the data file; skipped")
            continue
        found = current[unit.path]
        new = found.restored(unit.target or "")  # with YAML's ending, where the value had one
        if not new.strip() or (unit.state not in xliff.DONE_STATES and new == found.target):
            continue  # not translated, or left as it was exported
        source = unit.source.rstrip("\n") + found.english_ending if found.english_ending else unit.source
        if source != found.english:
            warnings.append(f"{unit.path}: the English text changed since the export; "
                            "imported, and marked stale until translated again")
        was = state(found.target, found.english, recorded(lock, unit.path, lang))
        if new != found.target:
            values[unit.path] = new
        if new != found.target or was == "stale":
            records[(unit.path, lang)] = source_hash(source)
    text = xliff.apply_translations(texts.text, lang, values, texts.languages) if values else texts.text
    targets = texts.languages.targets
    return Imported(text, with_records(lock, records, targets) if records else lock, sorted(values), warnings)


def lock_current(texts: DataTexts, lock: Lock, *, langs: tuple[str, ...] | None = None,
                 paths: list[str] | None = None) -> Lock:
    """Record the current English for translations: with `paths`, those (confirming them
    current); without, only the translations that have no record yet."""
    records = {}
    for lang in langs or texts.languages.targets:
        for text in xliff.texts(texts.root, texts.paths, lang, texts.languages.default):
            if text.target and ((paths is None and recorded(lock, text.path, lang) is None)
                                or (paths and text.path in paths)):
                records[(text.path, lang)] = source_hash(text.english)
    return with_records(lock, records, texts.languages.targets) if records else lock
