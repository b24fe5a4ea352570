"""The seam to the site generator: the domain package names none of it, and the adapter's
own rules (search index per language, sitemap, the address of a deploy build) hold
without building a site."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
from xml.etree import ElementTree

import pytest
from conftest import EXAMPLE, ROOT

from eventsite.languages import LANGUAGES, UN_LANGUAGES
from eventsite.loader import load_site
from eventsite_mkdocs.search import language_index
from eventsite_mkdocs.site_build import LOCAL_URL, MissingAddress, site_address
from eventsite_mkdocs.sitemap import last_modified, sitemap

ENGINE_NAMES = re.compile(r"mkdocs|material|static_i18n|config\.plugins", re.IGNORECASE)


def test_the_domain_package_names_neither_the_engine_nor_its_theme_nor_its_plugins():
    offenders = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                 for path in sorted((ROOT / "eventsite").rglob("*")) if path.is_file() and path.suffix != ".pyc"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if ENGINE_NAMES.search(line)]
    assert offenders == []


@pytest.mark.parametrize("package", ["eventsite", "eventsite_mkdocs"])
def test_no_module_keeps_state_in_globals(package):
    offenders = []
    for path in sorted((ROOT / package).glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.name}:{node.lineno}: global" for node in ast.walk(tree) if isinstance(node, ast.Global)]
        for node in tree.body:  # module-level names bound to a fresh mutable value, other than CONSTANTS
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            value = getattr(node, "value", None)
            mutable = isinstance(value, (ast.List, ast.Dict, ast.Set)) or (
                isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("dict", "list", "set"))
            offenders += [f"{path.name}:{node.lineno}: {target.id}" for target in targets
                          if isinstance(target, ast.Name) and mutable and not target.id.isupper()
                          and target.id != "__all__"]
    assert offenders == []


BUILT = {  # a language build's index as Material writes it: locations from the site root
    "config": {"lang": ["en", "ar", "zh", "fr", "ru", "es"], "separator": "[\\s]+"},
    "docs": [
        {"location": "fr/", "title": "Accueil", "text": "x"},
        {"location": "fr/events/a/#programme", "title": "Programme", "text": "x"},
    ],
}


def test_a_language_index_has_locations_relative_to_its_root_and_its_own_stemmer():
    index = language_index(BUILT, "fr", UN_LANGUAGES)
    assert [doc["location"] for doc in index["docs"]] == ["", "events/a/#programme"]
    assert index["config"] == {"lang": ["fr"], "separator": "[\\s]+"}


def test_the_default_language_index_keeps_its_locations():
    built = {"config": BUILT["config"], "docs": [{"location": "events/a/", "title": "A", "text": "x"},
                                                  {"location": "french-news/", "title": "N", "text": "x"}]}
    index = language_index(built, "en", UN_LANGUAGES)
    assert [doc["location"] for doc in index["docs"]] == ["events/a/", "french-news/"]


def sitemap_of(text: str) -> dict[str, tuple[str | None, dict[str, str]]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {url.findtext("s:loc", namespaces=ns): (
                url.findtext("s:lastmod", namespaces=ns),
                {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)})
            for url in ElementTree.fromstring(text).findall("s:url", ns)}


def test_the_sitemap_gives_each_page_the_alternates_that_exist_and_x_default():
    site = load_site(EXAMPLE)
    pages = {lang: ["", "venue/"] for lang in LANGUAGES}
    pages["fr"] = [""]  # no French venue page
    entries = sitemap_of(sitemap(site, "https://example.org/e/", pages))
    assert set(entries) == ({f"https://example.org/e/{'' if lang == 'en' else lang + '/'}{path}"
                             for lang in LANGUAGES for path in pages[lang]})
    venue = entries["https://example.org/e/ru/venue/"][1]
    assert "fr" not in venue and venue["x-default"] == "https://example.org/e/venue/"
    assert entries["https://example.org/e/fr/"][1]["ar"] == "https://example.org/e/ar/"


def test_the_sitemap_dates_an_event_page_by_its_event_and_others_by_the_newest_event():
    site = load_site(EXAMPLE)
    first, *others = site.events
    older = dataclasses.replace(first, updated=dt.date(2020, 1, 2))
    newer = [dataclasses.replace(event, updated=dt.date(2030, 3, 4)) for event in others[:1]]
    changed = dataclasses.replace(site, events=(older, *newer))
    dates = last_modified(changed)
    assert dates[f"events/{first.id}/"] == dt.date(2020, 1, 2)
    assert dates[""] == (dt.date(2030, 3, 4) if newer else dt.date(2020, 1, 2))
    entries = sitemap_of(sitemap(changed, "https://example.org/", {"en": ["", f"events/{first.id}/"]}))
    assert entries[f"https://example.org/events/{first.id}/"][0] == "2020-01-02"
    assert entries["https://example.org/"][0] == dates[""].isoformat()


def test_a_deploy_build_needs_its_address():
    with pytest.raises(MissingAddress, match="SITE_URL"):
        site_address(LOCAL_URL, {"EVENTSITE_DEPLOY": "1"})
    deploy = {"EVENTSITE_DEPLOY": "1", "SITE_URL": "https://org.github.io/repo"}
    assert site_address("https://org.github.io/repo", deploy) == "https://org.github.io/repo/"


def test_a_preview_build_defaults_to_the_local_server():
    assert site_address(None, {}) == LOCAL_URL
    assert site_address(LOCAL_URL, {"EVENTSITE_DEPLOY": "0"}) == LOCAL_URL
