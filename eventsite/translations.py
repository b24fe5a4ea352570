"""Which translations are missing, per language."""

from __future__ import annotations

from pathlib import Path

import yaml

from eventsite import schema
from eventsite.languages import LANGUAGES
from eventsite.loader import YAML_LOADER


def missing_by_language(path: str | Path) -> dict[str, list[tuple[str, bool]]]:
    """For each language, the text fields without it: (field path, whether the field is required)."""
    walk = schema.Walk(str(path))
    root = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER)
    if root is not None:
        schema.SITE.convert(root, "", walk)
    report: dict[str, list[tuple[str, bool]]] = {lang: [] for lang in LANGUAGES}
    for field, required, missing in walk.translations:
        for lang in missing:
            report[lang].append((field, required))
    return report
