"""Shared paths and fixtures: the data files, the real site built once per test session,
and the test lanes.

Lanes: a test that uses the browser is marked `browser`, a test that builds a site `site`
(by its fixtures, or marked by hand where it builds one itself). `pytest -m "not browser"`
runs the rest quickly; `make test` runs everything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import ROOT, SITE_URL, build_site

DATA = ROOT / "data" / "events.yaml"
EXAMPLE = ROOT / "data" / "events.example.yaml"
PAGES_SITE = ROOT / "tests" / "fixtures" / "pages" / "site.yaml"  # the page and programme tests' data
TEMPLATES = ROOT / "overrides" / "eventsite"
HOSTILE_TITLE = """</script><script>alert("x")</script> <b>bold</b> & 'quoted' "double\""""

BROWSER_FIXTURES = {"browser"}
SITE_FIXTURES = {"real_site", "example_site", "site_address", "payload_site"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session from the real data/events.yaml, as `make site` does
    (SOURCE_DATE_EPOCH 1780000000: 28 May 2026 in Geneva; published at SITE_URL)."""
    target = tmp_path_factory.mktemp("real-site")
    result = build_site(target, data=None, site_url=SITE_URL)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session from data/events.example.yaml."""
    target = tmp_path_factory.mktemp("example-site")
    result = build_site(target, EXAMPLE)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    """The example data with an event title that tries to break out of HTML, attributes and JSON."""
    yaml_title = "'" + HOSTILE_TITLE.replace("'", "''") + "'"
    text = EXAMPLE.read_text(encoding="utf-8").replace('en: "WSIS Forum 2026"', f"en: {yaml_title}", 1)
    assert yaml_title in text
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path
