"""What search engines and sharing services read: Open Graph and Twitter cards in each
page's language, schema.org Event data (parsed with extruct, as a crawler does), robots.txt."""

from __future__ import annotations

from pathlib import Path

import extruct
import pytest
from sitebuild import ROOT, build_site

from eventsite.languages import LANGUAGES
from eventsite.loader import load_site

SITE_URL = "https://example.org/events/"
DATA = load_site(ROOT / "data" / "events.yaml")
OG_LOCALES = {"ar": "ar_AR", "zh": "zh_CN", "en": "en_GB", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES"}


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    result = build_site(target, ROOT / "data" / "events.yaml", site_url=SITE_URL)
    assert result.returncode == 0, result.stderr
    return target


def metadata(site: Path, path: str) -> dict:
    html = (site / path).read_text(encoding="utf-8")
    url = SITE_URL + path.removesuffix("index.html")
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"])


def og(data: dict) -> dict[str, list[str]]:
    """Open Graph properties, each with all its values (og:locale:alternate repeats)."""
    found: dict[str, list[str]] = {}
    for item in data["opengraph"]:
        for key, value in item["properties"]:
            found.setdefault(key, []).append(value)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["index.html", "programme/index.html", "events/wsis-forum-2026/index.html"])
def test_every_page_has_a_sharing_card_in_its_language(site, lang, page):
    card = og(metadata(site, prefix(lang) + page))
    assert card["og:locale"] == [OG_LOCALES[lang]]
    assert sorted(card["og:locale:alternate"]) == sorted(OG_LOCALES[other] for other in LANGUAGES if other != lang)
    assert card["og:site_name"] == [DATA.site.title.get(lang)]
    assert card["og:url"] == [SITE_URL + prefix(lang) + page.removesuffix("index.html")]
    assert card["og:image"] == [SITE_URL + "assets/site-card.png"]
    assert (site / "assets" / "site-card.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if page.startswith("events/"):
        assert card["og:title"] == [DATA.event("wsis-forum-2026").title.get(lang)]
        assert card["og:description"] == [DATA.event("wsis-forum-2026").summary.get(lang)]
    html = (site / prefix(lang) / page).read_text(encoding="utf-8")
    assert '<meta name="twitter:card" content="summary_large_image">' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_pages_carry_a_schema_org_event_with_the_fields_the_data_has(site, lang):
    for event in DATA.events:
        events = [item for item in metadata(site, f"{prefix(lang)}events/{event.id}/index.html")["json-ld"]
                  if item.get("@type") == "Event"]
        assert len(events) == 1, event.id
        item = events[0]
        assert item["name"] == event.title.get(lang)
        assert item["startDate"] == event.start.isoformat() and item["endDate"] == event.end.isoformat()
        assert item["url"] == f"{SITE_URL}{prefix(lang)}events/{event.id}/"
        if event.venue:
            venue = DATA.venue(event.venue)
            assert item["location"]["name"] == venue.name.get(lang)
            if venue.address:
                assert item["location"]["address"]["@type"] == "PostalAddress"
        else:  # no venue in the data: no invented location
            assert "location" not in item
        assert "image" not in item  # the data has no image of any event


def test_robots_txt_points_at_the_sitemap(site):
    lines = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert "Disallow: /" not in lines
    assert (site / "sitemap.xml").is_file()

