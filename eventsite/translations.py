"""Which translations are missing, per language."""

from __future__ import annotations

from pathlib import Path

from eventsite.languages import LANGUAGES
from eventsite.loader import parse
from eventsite.yamltypes import Walk

Report = dict[str, list[tuple[str, bool]]]


def missing_in(walk: Walk) -> Report:
    """For each language, the text fields without it: (field path, whether the field is required)."""
    report: Report = {lang: [] for lang in LANGUAGES}
    for field, required, missing in walk.translations:
        for lang in missing:
            report[lang].append((field, required))
    return report


def missing_by_language(path: str | Path) -> Report:
    """`missing_in` for a data file (empty lists if it cannot be read as YAML)."""
    walk = parse(Path(path).read_bytes(), str(path)).walk
    return missing_in(walk) if walk is not None else {lang: [] for lang in LANGUAGES}
