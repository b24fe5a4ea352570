"""One search index per language, so that readers find pages in their own language.

mkdocs-static-i18n merges every language's entries into one index at the site root;
each language's pages point their search at `<lang>/search/search_index.json` instead
(see overrides/main.html), with locations relative to that language's root.
"""

from __future__ import annotations

from typing import Any

from eventsite.languages import DEFAULT_LANGUAGE, LANGUAGES, url_prefix


def language_of(location: str) -> str:
    """The language of a search entry from its location ("fr/events/x/" -> "fr")."""
    first = location.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def split_index(combined: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The combined index split by language, each with its own stemmer and relative locations."""
    split: dict[str, dict[str, Any]] = {}
    for lang in LANGUAGES:
        prefix = url_prefix(lang)
        docs = [
            {**doc, "location": doc["location"][len(prefix):]}
            for doc in combined["docs"]
            if language_of(doc["location"]) == lang
        ]
        split[lang] = {"config": {**combined["config"], "lang": [lang]}, "docs": docs}
    return split
