"""One search index per language, from Material's index of one language build.

Material's search plugin writes `search/search_index.json` at the site root after each
language build, with that build's pages only (locations from the site root, "fr/x/").
Each language's pages look for their index at `<lang>/search/search_index.json` instead
(see overrides/layout.html), with locations relative to that language's root and the
language's own stemmer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventsite.languages import Languages

INDEX = Path("search") / "search_index.json"


def language_index(built: dict[str, Any], lang: str, languages: Languages) -> dict[str, Any]:
    """A language build's index with locations relative to the language's root."""
    prefix = languages.url_prefix(lang)
    docs = [{**doc, "location": doc["location"][len(prefix):]} for doc in built["docs"]
            if doc["location"].startswith(prefix)]
    return {"config": {**built["config"], "lang": [lang]}, "docs": docs}


def read_language_index(site_dir: Path, lang: str, languages: Languages) -> bytes | None:
    """The index of the language just built, as its pages will fetch it (None without search)."""
    path = site_dir / INDEX
    if not path.exists():
        return None
    index = language_index(json.loads(path.read_text(encoding="utf-8")), lang, languages)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def index_path(lang: str, languages: Languages) -> Path:
    """Where a language's pages fetch their index, from the site root."""
    return Path(languages.url_prefix(lang)) / INDEX
