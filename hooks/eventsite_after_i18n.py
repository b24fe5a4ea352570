"""The eventsite steps that must run after mkdocs-static-i18n (priority -100)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from eventsite import build


@event_priority(-200)  # the plugin rebuilt the File objects from disk: give generated pages their text
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in files.documentation_pages():
        source = build.generated_page_source(build.current(), file.src_uri)
        if source is not None:
            file.content_string = source
    return files


@event_priority(-200)  # the plugin has built every other language inside this call
def on_post_build(config: MkDocsConfig) -> None:
    if not config.plugins["i18n"].building:
        build.finish(build.current(), Path(config.site_dir))
