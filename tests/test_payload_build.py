"""One build with an attack in every text and every link of the real data: the file is
accepted (it is only text), the site builds, no output holds anything that would run, and
no page opens a dialog in a real browser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from sitebuild import ROOT, Elements, build_site

from eventsite.languages import LANGUAGES
from eventsite.loader import read_site

pytest_plugins = ["serve"]

PAYLOAD = ("</title></script><script>alert(1)</script><img src=x onerror=alert(2)>"
           "{: onclick=\"alert(3)\" } <!-- ]]> & ' \" ` *x* [a](javascript:alert(4))")
LINK = "https://evil.example/x?q=');alert(5);//#'onmouseover=alert(6)"
RUNNABLE = ("alert(", "onerror", "onclick", "onmouseover", "javascript:")


def with_payloads(value: Any, key: str = "") -> Any:
    """The data with PAYLOAD after every text in every language and LINK as every link."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGUAGES):
            return {lang: f"{text} {PAYLOAD}" for lang, text in value.items()}
        return {name: with_payloads(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [with_payloads(item, key) for item in value]
    if key == "url" and isinstance(value, str) and value.startswith("http"):
        return LINK
    return value


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("payload")
    data = folder / "events.yaml"
    original = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    data.write_text(yaml.safe_dump(with_payloads(original), allow_unicode=True, sort_keys=False), encoding="utf-8")
    site, problems = read_site(data)
    assert site is not None, "\n".join(map(str, problems))
    target = folder / "site"
    result = build_site(target, data=data)
    assert result.returncode == 0, result.stderr
    return target


def test_every_text_of_the_payload_build_is_shown_as_text(payload_site: Path) -> None:
    home = (payload_site / "events" / "wsis-forum-2026" / "index.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;/script&gt;&lt;script&gt;alert(1)" in home.split("</title>")[0]
    assert "&lt;img src=x onerror=alert(2)&gt;" in home


def test_no_page_of_the_payload_build_has_a_script_handler_or_link_that_runs(payload_site: Path) -> None:
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 6 * 10
    for page in pages:
        elements = Elements(page.read_text(encoding="utf-8"))
        where = page.relative_to(payload_site)
        for tag, attributes in elements.tags:
            handlers = [name for name in attributes if name.startswith("on")]
            assert not handlers, f"{where}: <{tag}> has {handlers}"
            assert tag not in ("img", "svg", "iframe", "object", "embed") or "evil" not in str(attributes), where
            for name in ("href", "src", "action"):
                assert not attributes.get(name, "").lower().startswith("javascript:"), f"{where}: {tag} {name}"
        for attributes, text in elements.scripts:
            assert "alert(" not in text or (attributes.get("type") == "application/ld+json" and "<" not in text), where


def test_the_search_indexes_sitemap_and_feeds_of_the_payload_build_hold_no_markup(payload_site: Path) -> None:
    for index in payload_site.rglob("search_index.json"):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for field in ("title", "text"):
                assert "<script" not in doc[field] and "<img" not in doc[field], (index, doc["location"])
    for sitemap in payload_site.rglob("sitemap.xml"):
        ElementTree.parse(sitemap)  # well-formed: nothing from the data broke out of it
    for feed in payload_site.rglob("*.ics"):
        text = feed.read_bytes().decode("utf-8")
        assert all(line.startswith((" ", "\t")) or ":" in line or ";" in line for line in text.split("\r\n")[:-1])
        assert "\r\nBEGIN:VALARM" not in text and "\nalert" not in text


def test_no_page_of_the_payload_build_opens_a_dialog_in_chromium(payload_site: Path, browser, serve_folder) -> None:
    paths = ["", "deadlines/", "documents/", "venue/", "events/wsis-forum-2026/", "events/ai-for-good-2026/"]
    dialogs: list[str] = []
    with serve_folder(payload_site, urlsplit("https://example.org/events/").path) as address:
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(address)
                      else route.abort())
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for lang in LANGUAGES:
            for path in paths:
                page.goto(f"{address}{'' if lang == 'en' else lang + '/'}{path}", wait_until="load")
                page.mouse.move(10, 10)
                for link in page.locator("a[href]:visible").all()[:40]:
                    link.hover(timeout=2000, force=True)
        page.goto(address, wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type("alert")
        page.wait_for_timeout(1500)
        context.close()
    assert dialogs == []
