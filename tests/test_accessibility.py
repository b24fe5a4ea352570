"""Accessibility checks that axe does not make, in a real browser (Debian's chromium via
Playwright), in all six languages: reflow at 320 CSS pixels with and without JavaScript
(WCAG 1.4.10), a visible focus indicator on every focusable element (2.4.7), no focusable
element of zero size, and the same language bar everywhere."""

from __future__ import annotations

import pytest

from eventsite.languages import LANGUAGES, url_prefix

pytest_plugins = ["serve"]

PATHS = ["", "programme/", "events/wsis-forum-2026/", "documents/", "deadlines/"]


@pytest.fixture(scope="module")
def contexts(browser):
    """Two browser contexts per width: with and without JavaScript."""
    made = {}
    for js in (True, False):
        made[js] = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=js)
    yield made
    for context in made.values():
        context.close()


OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll("body *")).filter((node) => {
        const box = node.getBoundingClientRect();
        const style = getComputedStyle(node);
        return style.visibility !== "hidden" && box.width > 0 && (box.right > width + 1 || box.left < -1);
    }).slice(0, 5).map((node) => node.tagName + "." + node.className);
    return {scroll: document.documentElement.scrollWidth - width, scrollX: window.scrollX, wide: wide};
}"""


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_reflow_at_320_css_pixels_without_scrolling_sideways(contexts, site_address, lang, js):
    page = contexts[js].new_page()
    try:
        for path in PATHS:
            page.goto(site_address + url_prefix(lang) + path, wait_until="load")
            found = page.evaluate(OVERFLOW)
            assert found["scroll"] <= 0 and found["scrollX"] == 0, (path, found)
            # The language bar: all six, none clipped ("Español" was cut off in a dropdown).
            boxes = [link.bounding_box() for link in page.locator("nav.es-langbar a").all()]
            assert len(boxes) == len(LANGUAGES)
            assert all(box and box["x"] >= 0 and box["x"] + box["width"] <= 320 and box["width"] >= 24
                       for box in boxes), (path, boxes)
    finally:
        page.close()


FOCUSABLE = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, label[for], [tabindex]:not([tabindex="-1"])'))
    .filter((node) => !node.disabled)"""

ZERO_SIZE = FOCUSABLE.replace("    .filter((node) => !node.disabled)", """
    .filter((node) => !node.disabled && node.tabIndex >= 0)
    .filter((node) => {
        const style = getComputedStyle(node), box = node.getBoundingClientRect();
        // Reachable by Tab: rendered and not hidden.
        return node.getClientRects().length > 0 && style.visibility !== "hidden"
            && (box.width < 1 || box.height < 1);
    }).map((node) => node.outerHTML.slice(0, 120))""")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_focusable_element_has_zero_size(browser, site_address, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for path in ("", "events/wsis-forum-2026/"):
            page.goto(site_address + url_prefix(lang) + path, wait_until="load")
            assert page.evaluate(ZERO_SIZE) == [], path
    finally:
        context.close()


INDICATOR = """() => {
    const node = document.activeElement, style = getComputedStyle(node);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const name = node.getAttribute("aria-label") || node.textContent || node.className;
    return {tag: node.tagName, text: name.trim().slice(0, 40),
            visible: outline || style.boxShadow !== "none", body: node === document.body};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_element_reached_by_tab_shows_where_the_focus_is(browser, site_address, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_address + url_prefix(lang), wait_until="load")
        seen, missing = [], []
        for _ in range(80):
            page.keyboard.press("Tab")
            state = page.evaluate(INDICATOR)
            if state["body"]:
                break
            seen.append(state)
            if not state["visible"]:
                missing.append(state)
        assert missing == []
        tags = {(state["tag"]) for state in seen}
        assert {"A", "INPUT"} <= tags  # the links and the search field were among them
    finally:
        context.close()


def test_the_logo_link_and_search_field_show_a_focus_indicator(browser, site_address):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_address, wait_until="load")
        for selector in ("nav.es-langbar a[hreflang='fr']", ".md-logo", ".md-search__input"):
            page.focus(selector)
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # focus by keyboard, so that :focus-visible applies
            assert page.evaluate("(selector) => document.activeElement.matches(selector)", selector), \
                (selector, page.evaluate("() => document.activeElement.outerHTML.slice(0, 100)"))
            assert page.evaluate(INDICATOR)["visible"], selector
    finally:
        context.close()
