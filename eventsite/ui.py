"""Every user-visible string of the site and feeds, in the six languages.

The strings live in `locales/*.yaml` (one file per area: site, calendar, ...), each key
mapping to the six languages. `tests/test_ui.py` checks that none is missing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from eventsite.languages import LANGUAGES


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """All strings: key -> {lang: text}. Keys are unique across the locale files."""
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files("eventsite.locales").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            for key, values in yaml.safe_load(entry.read_text(encoding="utf-8")).items():
                if key in merged:
                    raise ValueError(f"{entry.name}: {key} is defined twice in the locale files")
                merged[key] = values
    return merged


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled in."""
    text = strings()[key][lang]
    return text.format(**values) if values else text


def missing() -> list[str]:
    """`key.lang` for every string that lacks a language (should be empty)."""
    return [f"{key}.{lang}" for key, values in strings().items() for lang in LANGUAGES
            if not (values or {}).get(lang)]
