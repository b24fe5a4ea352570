"""Shared fixtures: paths, the example data, and a hostile copy of it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "events.example.yaml"
TEMPLATES = ROOT / "overrides" / "eventsite"
HOSTILE_TITLE = """</script><script>alert("x")</script> <b>bold</b> & 'quoted' "double\""""


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    """The example data with an event title that tries to break out of HTML, attributes and JSON."""
    yaml_title = "'" + HOSTILE_TITLE.replace("'", "''") + "'"
    text = EXAMPLE.read_text(encoding="utf-8").replace('en: "WSIS Forum 2026"', f"en: {yaml_title}", 1)
    assert yaml_title in text
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path
