"""The eventsite MkDocs plugin: each method is one step of the build, one call into it.

Flow: load and validate the data once (`on_config` of the first language build) and set
the calendar feeds going in another process; for each language mkdocs-static-i18n builds,
add the event pages and render the data part of every page; at the end, write the
feeds, the 404 pages, one search index per language and the sitemap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from eventsite import ui
from eventsite.clock import build_time
from eventsite.loader import DataError, load_site
from eventsite.model import Site
from eventsite_mkdocs import i18n
from eventsite_mkdocs.site_build import (
    FeedJob,
    Inputs,
    MissingAddress,
    SiteBuild,
    site_address,
    spawn_pool,
)


class EventsiteConfig(Config):
    data_file = config_options.Type(str, default="data/events.yaml")  # ("data" is taken by Config)
    templates = config_options.Type(str, default="overrides/eventsite")


class EventsitePlugin(BasePlugin[EventsiteConfig]):
    """Holds the one build object of a `mkdocs build` (or of each `mkdocs serve` rebuild)."""

    def __init__(self) -> None:
        super().__init__()
        self.build: SiteBuild | None = None
        self.prepared: SiteBuild | None = None  # given by eventsite_mkdocs.parallel: one language

    def site_build(self) -> SiteBuild:
        if self.build is None:
            raise PluginError("eventsite: the build was not started (on_config did not run)")
        return self.build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.prepared is not None:
            self.build = self.prepared
        elif i18n.is_outer_build(config):  # once per build, not once per language
            self.build = self.start(config)
        lang = i18n.language(config)
        config.site_name, config.site_description = self.site_build().site_identity(lang)
        return config

    def start(self, config: MkDocsConfig) -> SiteBuild:
        """Load and validate the data; the feeds are computed meanwhile on the other core."""
        build = SiteBuild.of(load_inputs(config, self.config))
        build.feeds = FeedJob(spawn_pool(1), build.inputs, own_pool=True)
        return build

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.site_build().theme_environment(env)
        return env

    @event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files into languages
    def _add_event_pages(self, files: Files, config: MkDocsConfig) -> Files:
        for uri in self.site_build().generated_page_uris(i18n.language(config)):
            files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        return files

    @event_priority(-200)  # the i18n plugin rebuilt the File objects from disk: give them their text
    def _fill_event_pages(self, files: Files, config: MkDocsConfig) -> Files:
        for file in files.documentation_pages():
            source = self.site_build().generated_page_source(file.src_uri)
            if source is not None:
                file.content_string = source
        return files

    on_files = CombinedEvent(_add_event_pages, _fill_event_pages)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.site_build().page_meta(page.meta, page.file.src_uri, i18n.language(config))
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.site_build().page_html(html, page.file.src_uri, page.meta, i18n.language(config), page.url)

    def on_template_context(self, context: Any, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == "404.html":
            context["eventsite"] = self.site_build().not_found_chrome(i18n.language(config))
        return context

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        build, lang = self.site_build(), i18n.language(config)
        context["eventsite"] = build.chrome(page.url, lang, page.file.src_uri, page.title)
        build.record_page(page.url, lang)
        return context

    @event_priority(-50)  # after Material's search (0) wrote this language's index, before i18n (-100)
    def _after_language(self, config: MkDocsConfig) -> None:
        self.site_build().keep_language_outputs(Path(config.site_dir), i18n.language(config))

    @event_priority(-200)  # i18n (-100) has built every other language inside this call
    def _after_all_languages(self, config: MkDocsConfig) -> None:
        build = self.site_build()
        if self.prepared is not None:  # one language of a parallel build: the rest is merged later
            build.write_default_outputs(Path(config.site_dir))
        elif i18n.is_outer_build(config):
            build.write_default_outputs(Path(config.site_dir))
            build.write_site_outputs(Path(config.site_dir), build.pages)

    on_post_build = CombinedEvent(_after_language, _after_all_languages)

    def on_build_error(self, error: Exception) -> None:
        if self.build is not None and self.build.feeds is not None and self.prepared is None:
            self.build.feeds.close()


def load_inputs(config: MkDocsConfig, options: EventsiteConfig) -> Inputs:
    """The validated data and what else a build is made from (PluginError on a problem)."""
    root = Path(config.config_file_path).parent
    try:
        site_url = site_address(config.site_url)
        site = load_site(root / options.data_file)
    except MissingAddress as error:
        raise PluginError(str(error)) from None
    except DataError as error:
        raise PluginError(f"{len(error.problems)} problem(s) in the data:\n{error}") from None
    declared = config.plugins[i18n.PLUGIN].config.languages
    if [lang.locale for lang in declared] != list(site.languages.default_first):
        raise PluginError(f"{i18n.PLUGIN}: its languages must come from site.languages of the data file: "
                          f"remove `languages:` from its options in mkdocs.yml")
    if (root / ui.SITE_LOCALES).resolve() != ui.SITE_LOCALES.resolve() and (root / ui.SITE_LOCALES).is_dir():
        raise PluginError(f"{root / ui.SITE_LOCALES}: the site's own UI strings are read from the folder the "
                          f"build runs in: run it from {root}")
    refused = ui.refusals(site.languages, ui.with_site_strings(root / ui.SITE_LOCALES))
    if refused:
        raise PluginError("\n".join(refused))
    return Inputs(site, build_time(), site_url, root / options.templates, sharing_cards(config, site, site_url))


def sharing_cards(config: MkDocsConfig, site: Site, site_url: str) -> dict[str, str]:
    """Each language's sharing image (extra.eventsite.brand.image, "{lang}" standing for the
    language), for the languages whose file the theme folder has: a site made by `init` in
    other languages has no card until it draws its own, rather than a card that is not there."""
    image = config.extra.get("eventsite", {}).get("brand", {}).get("image")
    theme = config.theme.custom_dir
    if not (isinstance(image, str) and image and theme):
        return {}
    paths = {lang: image.replace("{lang}", lang) for lang in site.languages}
    return {lang: site_url + path for lang, path in paths.items() if (Path(theme) / path).is_file()}
