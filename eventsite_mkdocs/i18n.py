"""What mkdocs-static-i18n decides: which language is building, and its language switcher.

The plugin runs one full MkDocs build per language: the default language first (at the
site root), then each other language under /<lang>/, all inside the first build's
`on_post_build`. Every other module asks this one.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from eventsite.languages import DEFAULT_LANGUAGE

PLUGIN = "i18n"


def language(config: MkDocsConfig) -> str:
    """The language being built now."""
    return config.plugins[PLUGIN].current_language or DEFAULT_LANGUAGE  # type: ignore[attr-defined]


def is_outer_build(config: MkDocsConfig) -> bool:
    """True in the build that starts the others (the default language's), outside the
    language builds that the plugin runs from its `on_post_build`."""
    return not config.plugins[PLUGIN].building  # type: ignore[attr-defined]


def built_languages(config: MkDocsConfig) -> list[str]:
    """The languages the configuration builds, the default language first."""
    return list(config.plugins[PLUGIN].build_languages)  # type: ignore[attr-defined]


def build_only(config: MkDocsConfig, lang: str) -> None:
    """Make this configuration's build produce one language, in its usual folder, with the
    switcher and alternates of all: the plugin starts at `lang` and believes the other
    languages are being built around it (so it does not build them itself)."""
    plugin: Any = config.plugins[PLUGIN]
    plugin.current_language = lang
    plugin.building = True
