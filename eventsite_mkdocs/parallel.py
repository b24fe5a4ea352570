"""`mkdocs build` with the languages built at the same time, one MkDocs build per
language in worker processes, merged into the same site, byte for byte.

The data is loaded and validated once, here, and sent to the workers with the build
instant and the address, so that every language build uses the same. Each worker builds
one language in its usual folder with the language switcher and alternates of all (see
`i18n.build_only`): the default language into the site folder itself, the others into a
staging folder, whose `<lang>/` is moved in at the end. The calendar feeds are computed
in the same pool meanwhile; the sitemap is written last, from every worker's pages.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from eventsite_mkdocs import i18n
from eventsite_mkdocs.plugin import EventsitePlugin, load_inputs
from eventsite_mkdocs.site_build import FeedJob, Inputs, SiteBuild, spawn_pool

PLUGIN = "eventsite"


class BuildFailed(Exception):
    """A language build failed (its message says why)."""


def plugin_of(config: MkDocsConfig) -> EventsitePlugin:
    plugin = config.plugins[PLUGIN]
    assert isinstance(plugin, EventsitePlugin)
    return plugin


def build_site(config_file: Path, site_dir: Path | None = None, jobs: int | None = None) -> Path:
    """Build the whole site with `jobs` processes (default: one per core); its folder."""
    workers = jobs or os.cpu_count() or 1
    pool = spawn_pool(workers, initializer=prepare_worker)
    for _ in range(workers):  # start the workers now: they get ready while the data loads here
        pool.submit(int)
    try:
        config = load_config(str(config_file), **({"site_dir": str(site_dir)} if site_dir else {}))
        inputs = load_inputs(config, plugin_of(config).config)
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    languages, default = i18n.built_languages(config), inputs.site.languages.default
    target = Path(config.site_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-languages-", dir=target.parent))
    feeds: FeedJob | None = None
    try:
        compiled = staging / "compiled-templates"  # shared by the workers
        compiled.mkdir()
        builds = {lang: pool.submit(build_language, config_file, lang,
                                    target if lang == default else staging / lang, inputs, compiled)
                  for lang in languages}
        feeds = FeedJob(pool, inputs)
        pages = {lang: future.result() for lang, future in builds.items()}
        for lang in languages:
            if lang != default:
                shutil.rmtree(target / lang, ignore_errors=True)
                (staging / lang / lang).replace(target / lang)
        finish = SiteBuild.of(inputs)
        finish.feeds = feeds
        finish.write_site_outputs(target, pages)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if feeds is not None:
            feeds.close()
        shutil.rmtree(staging, ignore_errors=True)
    return target


def build_language(config_file: Path, lang: str, site_dir: Path, inputs: Inputs,
                   compiled: Path | None = None) -> list[str]:
    """One language's MkDocs build (in a worker process); the paths of its pages.
    `compiled`: a folder of compiled templates shared by the workers."""
    log_warnings()
    config = load_config(str(config_file), site_dir=str(site_dir))
    i18n.build_only(config, lang)
    plugin = plugin_of(config)
    plugin.prepared = SiteBuild.of(inputs, jinja2.FileSystemBytecodeCache(str(compiled)) if compiled else None)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except BaseException as error:  # MkDocs' own errors do not all survive pickling
        raise BuildFailed(f"{lang}: {error}") from None
    finally:
        config.plugins.on_shutdown()
    return plugin.prepared.pages.get(lang, [])


def prepare_worker() -> None:
    """Ready a worker process before its first language: MkDocs' warnings shown, and the
    Chinese word list loaded, which Material's search needs in every language build (the
    language menu is text in every page, "中文" included)."""
    log_warnings()
    try:
        import jieba
    except ImportError:  # Material's search then leaves Chinese unsegmented, in every build alike
        return
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def log_warnings() -> None:
    """Show MkDocs' warnings of a worker as `mkdocs build` does (once per process)."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
