"""The built site: pages per language, <head> and <body> essentials, no third parties,
reproducible output. The site is built once per session as `make site` builds it (the
languages in parallel processes), and compared byte for byte with `mkdocs build`."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DATA, EXAMPLE
from sitebuild import SITE_URL, Elements, build_site

from eventsite.languages import LANGUAGES, url_prefix
from eventsite.loader import load_site

pytestmark = pytest.mark.site  # every test here builds a site, or reads one built once

PAGES = ["index.html", "programme/index.html", "calendars/index.html", "about/index.html", "deadlines/index.html",
         "documents/index.html", "venue/index.html", "events/wsis-forum-2026/index.html", "404.html"]


@pytest.fixture(scope="session")
def site(example_site: Path) -> Path:
    return example_site


def page(site: Path, path: str) -> Elements:
    return Elements((site / path).read_text(encoding="utf-8"))


def test_every_language_has_the_same_pages(site):
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    expected = sorted(f"{url_prefix(lang)}{name}" for lang in LANGUAGES for name in PAGES)
    assert pages == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_declare_their_language_and_direction(site, lang):
    for name in PAGES:
        html = (site / url_prefix(lang) / name).read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"', html), name
        expected_dir = "rtl" if lang == "ar" else "ltr"
        assert re.search(rf'<body dir="{expected_dir}"', html), name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_head_has_absolute_hreflang_alternates_and_x_default(site, lang):
    elements = page(site, f"{url_prefix(lang)}events/wsis-forum-2026/index.html")
    alternates = {a["hreflang"]: a["href"] for a in elements.find("link", rel="alternate")}
    expected = {other: f"{SITE_URL}{url_prefix(other)}events/wsis-forum-2026/" for other in LANGUAGES}
    expected["x-default"] = f"{SITE_URL}events/wsis-forum-2026/"
    assert alternates == expected


def test_language_switcher_leads_to_the_same_page_in_each_language(site):
    elements = page(site, "fr/events/wsis-forum-2026/index.html")
    switcher = {a.get("hreflang"): a["href"] for a in elements.find("a") if "es-langbar__link" in a.get("class", "")}
    assert switcher["ar"].endswith("ar/events/wsis-forum-2026/")
    assert switcher["en"].endswith("/events/wsis-forum-2026/") and "/fr/" not in switcher["en"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_page_has_json_ld_in_its_language(site, lang):
    elements = page(site, f"{url_prefix(lang)}events/wsis-forum-2026/index.html")
    blocks = [json.loads(text) for attrs, text in elements.scripts if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    event = load_site(EXAMPLE).event("wsis-forum-2026")
    assert blocks[0]["name"] == event.title.get(lang)
    assert blocks[0]["inLanguage"] == lang


def test_times_carry_machine_readable_dates(site):
    elements = page(site, "zh/events/wsis-forum-2026/index.html")
    assert {t["datetime"] for t in elements.find("time")} >= {"2026-07-06", "2026-07-08", "2026-05-01"}


def test_no_page_loads_anything_from_another_origin(site):
    offenders = []
    for path in site.rglob("*.html"):
        elements = Elements(path.read_text(encoding="utf-8"))
        for tag, attrs in elements.tags:
            url = attrs.get("src") if tag in ("script", "img", "iframe", "audio", "video", "source") else None
            if tag == "link" and attrs.get("rel") not in ("alternate", "canonical"):
                url = attrs.get("href")
            if url and re.match(r"^(https?:)?//", url):
                offenders.append(f"{path.relative_to(site)}: <{tag}> {url}")
    for path in list(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(site)}: {url}")
    assert offenders == []


def test_root_404_is_english_and_each_language_has_its_own(site):
    assert "Page not found" in (site / "404.html").read_text(encoding="utf-8")
    assert "Page introuvable" in (site / "fr" / "404.html").read_text(encoding="utf-8")
    assert "الصفحة غير موجودة" in (site / "ar" / "404.html").read_text(encoding="utf-8")


def test_each_language_has_a_search_index_of_its_own_pages(site):
    for lang in LANGUAGES:
        index = json.loads((site / url_prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        locations = [doc["location"] for doc in index["docs"]]
        assert "events/wsis-forum-2026/" in locations
        assert not any(loc.split("/")[0] in LANGUAGES for loc in locations)
    french = page(site, "fr/index.html")
    config = json.loads(next(text for attrs, text in french.scripts if attrs.get("id") == "__config"))
    assert config["base"].rstrip("/").endswith("fr")


def sitemap_entries(site: Path) -> dict[str, tuple[str | None, dict[str, str]]]:
    """loc -> (lastmod, {hreflang: href}) from the built sitemap.xml."""
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {url.findtext("s:loc", namespaces=ns): (
                url.findtext("s:lastmod", namespaces=ns),
                {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)})
            for url in root.findall("s:url", ns)}


def test_sitemap_lists_every_page_of_every_language_with_its_alternates_and_x_default(site):
    entries = sitemap_entries(site)
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("index.html"))
    assert sorted(entries) == sorted(SITE_URL + page.removesuffix("index.html") for page in pages)
    for loc, (_, alternates) in entries.items():
        path = loc[len(SITE_URL):]
        path = path.split("/", 1)[1] if path.split("/", 1)[0] in LANGUAGES else path
        expected = {lang: f"{SITE_URL}{url_prefix(lang)}{path}" for lang in LANGUAGES}
        assert alternates == {**expected, "x-default": f"{SITE_URL}{path}"}, loc


def test_sitemap_dates_pages_from_the_data_not_from_the_build(site):
    data = load_site(EXAMPLE)
    newest = max(event.updated for event in data.events).isoformat()
    entries = sitemap_entries(site)
    for lang in LANGUAGES:
        for event in data.events:
            assert entries[f"{SITE_URL}{url_prefix(lang)}events/{event.id}/"][0] == event.updated.isoformat()
        assert entries[f"{SITE_URL}{url_prefix(lang)}venue/"][0] == newest
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_the_parallel_build_is_byte_identical_to_mkdocs_build_and_to_itself(site, tmp_path):
    """Two builds of the same data and epoch, in other processes (one of them `mkdocs build`),
    give the same bytes: the build is reproducible and the parallel merge exact."""
    sequential = tmp_path / "sequential"
    result = build_site(sequential, EXAMPLE, parallel=False)
    assert result.returncode == 0, result.stderr
    first = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {str(p.relative_to(sequential)): p.read_bytes() for p in sequential.rglob("*") if p.is_file()}
    assert sorted(set(first) ^ set(second)) == [], "files in only one of the builds"
    assert [name for name in sorted(first) if first[name] != second[name]] == [], "files that differ"


@pytest.mark.parametrize("parallel", [True, False], ids=["parallel", "mkdocs-build"])
def test_a_deploy_build_without_its_address_stops_and_says_so(tmp_path, parallel):
    result = build_site(tmp_path / "out", EXAMPLE, site_url=None, parallel=parallel, EVENTSITE_DEPLOY="1")
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr and "EVENTSITE_DEPLOY" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_preview_build_without_an_address_serves_locally(tmp_path):
    result = build_site(tmp_path, EXAMPLE, site_url=None)
    assert result.returncode == 0, result.stderr
    assert 'hreflang="x-default" href="http://127.0.0.1:8000/"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_site_under_a_sub_path_links_everything_below_it(site):
    assert SITE_URL.endswith("/events/")  # the test builds are published below a path
    html = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}fr/calendar/all.ics"' in html
    assert f'hreflang="x-default" href="{SITE_URL}"' in html


def test_the_real_data_builds_strictly_with_a_page_per_event_and_language(real_site):
    site = load_site(DATA)
    for lang in LANGUAGES:
        for event in site.events:
            assert (real_site / url_prefix(lang) / "events" / event.id / "index.html").exists()


def test_a_data_error_stops_the_build_and_names_the_problem(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace("end: 2026-07-10", "end: 2026-07-01"),
                      encoding="utf-8")
    result = build_site(tmp_path / "out", broken)
    assert result.returncode != 0
    assert "events[0].end: 2026-07-01 is before start 2026-07-06" in result.stderr


def test_the_404_language_menu_leads_to_each_language_home(site):
    for lang in LANGUAGES:
        elements = page(site, f"{url_prefix(lang)}404.html")
        menu = {a.get("hreflang"): a["href"] for a in elements.find("a") if "es-langbar__link" in a.get("class", "")}
        assert menu == {other: f"/events/{url_prefix(other)}" for other in LANGUAGES}, lang
