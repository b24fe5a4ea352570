"""Every user-visible string of the site and feeds, in the languages that have them.

The package's strings live in `locales/*.yaml` (one file per area: site, calendar, ...),
each key mapping to the six UN languages. A site in another language brings that
language's strings in files of the same form in its own `locales/` folder (`key: {sw: ...}`),
read from the folder the commands and the build run in (the site's, as `make` runs them);
they may also replace a package string in a language. A site's languages must
each have every key: `missing_for` lists what is not there, and the build refuses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from eventsite.languages import UN_LANGUAGES

Strings = dict[str, dict[str, str]]  # key -> {lang: text}


@lru_cache(maxsize=1)
def package_strings() -> Strings:
    """The package's own strings. Keys are unique across the locale files."""
    merged: Strings = {}
    for entry in sorted(resources.files("eventsite.locales").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            add_file(merged, yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
    return merged


def add_file(merged: Strings, content: object, name: str) -> None:
    if not isinstance(content, dict):
        raise ValueError(f"{name}: expected key: {{lang: text}} mappings")
    for key, values in content.items():
        if key in merged:
            raise ValueError(f"{name}: {key} is defined twice in the locale files")
        if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
            raise ValueError(f"{name}: {key}: expected {{lang: text}}")
        merged[key] = dict(values)


def read_site_strings(folder: Path) -> Strings:
    """A site's own strings (`locales/*.yaml` of the site; none if it has no such folder)."""
    merged: Strings = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            add_file(merged, yaml.safe_load(path.read_text(encoding="utf-8")) or {}, str(path))
    return merged


def read_site_strings_file(path: Path) -> Strings:
    """The strings of one locale file."""
    merged: Strings = {}
    add_file(merged, yaml.safe_load(path.read_text(encoding="utf-8")) or {}, str(path))
    return merged


SITE_LOCALES = Path("locales")  # a site's own strings, in the folder a command runs in


def with_site_strings(folder: Path) -> Strings:
    """The package's strings with those of a site's locales folder added."""
    merged = {key: dict(values) for key, values in package_strings().items()}
    for key, values in read_site_strings(folder).items():
        merged.setdefault(key, {}).update(values)
    return merged


@lru_cache(maxsize=4)
def strings_in(folder: str) -> Strings:
    """The strings of a command run in `folder` (read once: `t` is called for every string
    of every page, so it must not resolve a path each time)."""
    return with_site_strings(Path(folder) / SITE_LOCALES)


def strings() -> Strings:
    """All strings in use: the package's, with the site's (key -> {lang: text})."""
    return strings_in(os.getcwd())


def t(key: str, lang: str, **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled in."""
    text = strings()[key][lang]
    return text.format(**values) if values else text


def missing_for(lang: str, catalog: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """The keys without a string in `lang` (in the installed strings, or in `catalog`)."""
    catalog = strings() if catalog is None else catalog
    return [key for key, values in catalog.items() if not (values or {}).get(lang)]


def missing(languages: Iterable[str] = UN_LANGUAGES) -> list[str]:
    """`key.lang` for every string that lacks one of `languages` (should be empty)."""
    return [f"{key}.{lang}" for lang in languages for key in missing_for(lang)]


def refusals(languages: Iterable[str], catalog: Mapping[str, Mapping[str, str]] | None = None) -> list[str]:
    """One message per language that lacks UI strings, naming every missing key."""
    catalog = strings() if catalog is None else catalog
    messages = []
    for lang in languages:
        keys = missing_for(lang, catalog)
        if keys:
            messages.append(f"site.languages: {lang} has no UI strings for {len(keys)} of {len(catalog)} keys "
                            f"(expected a text for each key in locales/*.yaml, found none for: {', '.join(keys)}); "
                            f"get them translated with: python -m eventsite translations export --ui --lang {lang} "
                            f"--output {lang}-ui.xlf")
    return messages
