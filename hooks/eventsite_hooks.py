"""MkDocs glue for the eventsite package: each hook is one call into it.

Flow: load and validate data/events.yaml once per build and set the calendar feeds going
(`build.start`); then, for each language that mkdocs-static-i18n builds, add the event
pages and fill the data pages; at the end, write the feeds, the 404 pages and one search
index per language (`eventsite_after_i18n.py` holds the steps that must run after that
plugin). All logic lives in the `eventsite` package.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from eventsite import build
from eventsite.loader import DataError


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.plugins["i18n"].building:  # once per build, not once per language
        root = Path(config.config_file_path).parent
        try:
            build.start(root / config.extra["eventsite"]["data"], root / "overrides" / "eventsite",
                        site_url=config.site_url)
        except DataError as error:
            raise PluginError(f"{len(error.problems)} problem(s) in the data:\n{error}") from None
    config.site_name, config.site_description = build.site_identity(build.current(), build.language(config))
    return config


def on_env(env, config: MkDocsConfig, files: Files):
    env.globals["eventsite_t"] = build.translate
    return env


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files into languages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for uri in build.generated_page_uris(build.current()):
        files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build.page_meta(build.current(), page.meta, build.language(config))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build.page_html(build.current(), html, page.meta, build.language(config), page.url)


def on_template_context(context, template_name: str, config: MkDocsConfig):
    if template_name == "404.html":
        build.reset_language_switcher(config)
    return context


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    context["eventsite_alternates"] = build.alternates(build.current(), page.url, build.language(config))
    return context


def on_post_build(config: MkDocsConfig) -> None:
    build.write_language_outputs(build.current(), Path(config.site_dir), build.language(config))
