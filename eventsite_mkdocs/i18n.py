"""What mkdocs-static-i18n decides: which language is building, and its language switcher.

The plugin runs one full MkDocs build per language: the default language first (at the
site root), then each other language under /<lang>/, all inside the first build's
`on_post_build`. Every other module asks this one.

mkdocs.yml does not list the languages: `eventsite-i18n` is mkdocs-static-i18n with its
`languages` option filled in from the data file's `site.languages` (the one list of the
site's languages), each with its CLDR name and the site's word for "Home".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs_static_i18n.plugin import I18n

from eventsite import schema, ui
from eventsite.languages import UN_LANGUAGES, Languages
from eventsite.loader import YAML_LOADER

PLUGIN = "eventsite-i18n"
DEFAULT_DATA = "data/events.yaml"


def language(config: MkDocsConfig) -> str:
    """The language being built now."""
    plugin: Any = config.plugins[PLUGIN]
    return str(plugin.current_language or plugin.default_language)


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


def declared_languages(data_file: Path) -> Languages:
    """The languages a data file names (the UN set if it names none; a file that cannot be
    read gets them too, and the eventsite plugin then reports its problems)."""
    try:
        root = yaml.compose(data_file.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        root = None
    return schema.declared_languages(root) if root is not None else UN_LANGUAGES


def plugin_languages(languages: Languages, strings: ui.Strings) -> list[dict[str, Any]]:
    """mkdocs-static-i18n's `languages` option: the default language first, each with its
    own name and, where the site has the string, its word for the navigation's "Home"."""
    entries = []
    for code in languages.default_first:
        entry: dict[str, Any] = {"locale": code, "name": languages.native_name(code), "build": True}
        if code == languages.default:
            entry["default"] = True
        home = strings.get("site.home", {}).get(code)
        if home and code != languages.default:
            entry["nav_translations"] = {"Home": home}
        entries.append(entry)
    return entries


class SiteLanguagesPlugin(I18n):  # type: ignore[misc]
    """mkdocs-static-i18n, its languages taken from `site.languages` of `data_file`."""

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> Any:
        options = dict(options)
        data_file = str(options.pop("data_file", DEFAULT_DATA))
        if "languages" not in options:
            root = Path(config_file_path).parent if config_file_path else Path.cwd()
            strings = ui.with_site_strings(root / ui.SITE_LOCALES)
            options["languages"] = plugin_languages(declared_languages(root / data_file), strings)
        return super().load_config(options, config_file_path)
