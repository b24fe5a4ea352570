"""The built site (real data) in a real browser: Debian's headless chromium driven by
Playwright, the site served on 127.0.0.1. Reading direction, the language switcher, no
console errors and no request to another host, the page without JavaScript, the status
script against the reader's clock, and search in the reader's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from sitebuild import ROOT

from eventsite.languages import LANGUAGES, url_prefix
from eventsite.loader import load_site
from eventsite.model import in_feeds
from eventsite.ui import t

pytest_plugins = ["serve"]

HOME, EVENT = "", "events/wsis-forum-2026/"
PAGES = [pytest.param(lang, path, id=f"{lang}-{'home' if path == HOME else 'event'}")
         for lang in LANGUAGES for path in (HOME, EVENT)]
DATA = load_site(ROOT / "data" / "events.yaml")
FORUM = DATA.event("wsis-forum-2026")


def expected_title(lang: str, path: str) -> str:
    return DATA.site.title.get(lang) if path == HOME else FORUM.title.get(lang)


@dataclass
class Recorder:
    """Every request a page makes (aborting those to another host) and every console error."""
    origin: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        def route(route):
            url = route.request.url
            if url.startswith(self.origin) or url.startswith("data:"):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()
        context.route("**/*", route)
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self.watch)

    def watch(self, page) -> None:
        page.on("console", lambda message: self.errors.append(f"{message.type}: {message.text} ({message.location})")
                if message.type in ("error", "assert") else None)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))


@pytest.fixture
def open_page(browser, site_address):
    """open_page(path, **context options) -> (page, recorder), in a fresh browser context."""
    contexts = []
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_address))

    def opener(path: str, init_script: str | None = None, **options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        contexts.append(context)
        recorder = Recorder(origin)
        recorder.attach(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        response = page.goto(site_address + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return page, recorder

    yield opener
    for context in contexts:
        context.close()


LAYOUT = """() => {
    const content = document.querySelector(".md-content__inner").getBoundingClientRect();
    // The first line of an element's text: the union of its boxes on that line (a line
    // of Arabic with a number in it has several, in visual order).
    const first = (selector) => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(selector));
        const boxes = Array.from(range.getClientRects()).filter((r) => r.width > 0);
        const top = Math.min(...boxes.map((r) => r.top));
        const line = boxes.filter((r) => r.top < top + 4);
        return {left: Math.min(...line.map((r) => r.left)), right: Math.max(...line.map((r) => r.right))};
    };
    return {direction: getComputedStyle(document.body).direction,
            content: {left: content.left, right: content.right, width: content.width},
            title: first(".md-content__inner h1"),
            text: first(".md-content__inner > p")};
}"""


@dataclass
class Visit:
    """What a reader's browser did on one page: its layout, its language switcher, the
    page reached through the switcher, and every request and console error on the way."""
    layout: dict
    offered: dict[str, str]  # the language bar: language -> absolute URL
    order: list[str]  # its languages, in the order shown
    current: list[str]  # the languages it marks with aria-current
    followed: str
    landed: tuple[str, str]
    recorder: Recorder


@pytest.fixture(scope="module")
def visits(browser, site_address) -> dict[tuple[str, str], Visit]:
    """Every page of PAGES visited once, all at the same time (each in its own browser
    context), so that the waits for the network to fall quiet overlap."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_address))
    keys = [tuple(param.values) for param in PAGES]
    contexts, pages, recorders = [], {}, {}
    try:
        for lang, path in keys:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            contexts.append(context)
            recorders[lang, path] = Recorder(origin)
            recorders[lang, path].attach(context)
            pages[lang, path] = context.new_page()
            pages[lang, path].goto(site_address + url_prefix(lang) + path, wait_until="commit")
        found = {}
        for (lang, path), page in pages.items():
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.documentElement.lang") == lang, page.url
            links = page.locator("nav.es-langbar a").all()
            offered = {link.get_attribute("hreflang"): link.evaluate("a => a.href") for link in links}
            order = [link.get_attribute("hreflang") for link in links]
            current = [link.get_attribute("hreflang") for link in links if link.get_attribute("aria-current")]
            found[lang, path] = (page.evaluate(LAYOUT), offered, order, current)
            # Follow one of them as a reader does: pick the next language in the bar.
            target = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
            page.click(f"nav.es-langbar a[hreflang='{target}']")
        result = {}
        for (lang, path), page in pages.items():
            target = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]
            page.wait_for_url(site_address + url_prefix(target) + path)
            page.wait_for_load_state("networkidle")
            landed = (page.url, page.evaluate("document.documentElement.lang"))
            result[lang, path] = Visit(*found[lang, path], target, landed, recorders[lang, path])
        return result
    finally:
        for context in contexts:
            context.close()


@pytest.mark.parametrize(("lang", "path"), PAGES)
def test_the_browser_lays_pages_out_in_the_direction_of_their_language(visits, lang, path):
    layout = visits[lang, path].layout
    content = layout["content"]
    assert layout["direction"] == ("rtl" if lang == "ar" else "ltr")
    for block in ("title", "text"):  # the first line of the h1 and of the first paragraph
        box = layout[block]
        if lang == "ar":  # starts at the right edge of the text column, not at the left
            assert abs(content["right"] - box["right"]) <= 20, (block, layout)
            assert box["left"] - content["left"] > 20 or box["right"] - box["left"] > content["width"] * 0.8, layout
        else:
            assert abs(box["left"] - content["left"]) <= 20, (block, layout)


@pytest.mark.parametrize(("lang", "path"), PAGES)
def test_the_language_bar_offers_the_same_page_in_all_six_languages_in_un_order(visits, site_address, site_url,
                                                                               lang, path):
    visit = visits[lang, path]
    assert visit.offered == {other: site_address + url_prefix(other) + path for other in LANGUAGES}
    assert visit.order == ["ar", "zh", "en", "fr", "ru", "es"]  # the UN order, written out
    assert visit.current == [lang]
    assert visit.landed == (site_address + url_prefix(visit.followed) + path, visit.followed)


@pytest.mark.parametrize(("lang", "path"), PAGES)
def test_pages_load_without_console_errors_or_any_request_leaving_127_0_0_1(visits, lang, path):
    recorder = visits[lang, path].recorder
    assert recorder.errors == []
    assert recorder.blocked == []
    assert recorder.requests and all(url.startswith(recorder.origin) for url in recorder.requests)


@pytest.mark.parametrize(("lang", "path"), PAGES)
def test_without_javascript_the_page_still_shows_its_title_dates_and_events(open_page, lang, path):
    page, recorder = open_page(url_prefix(lang) + path, java_script_enabled=False)
    title = page.locator(".md-content__inner h1")
    assert title.is_visible() and title.inner_text().strip() == expected_title(lang, path)
    if path == EVENT:
        dates = page.locator(".es-when time")
        assert dates.is_visible() and dates.get_attribute("datetime") == FORUM.start.isoformat()
        assert page.locator(".es-agenda > li").count() == len(FORUM.sessions)
        assert page.locator(".es-agenda time").first.is_visible()
    else:
        cards = page.locator("ul.es-cards[data-es-list='upcoming'] > li")
        assert cards.count() >= 1
        for index in range(cards.count()):
            assert cards.nth(index).locator(".es-card__title a").is_visible()
            assert cards.nth(index).locator(".es-card__meta time").is_visible()
        assert page.get_by_role("link", name=FORUM.title.get(lang), exact=True).first.is_visible()
    # The labels are the build's: the status script did not run.
    badge = page.locator(".es-badge[data-es-start]").first
    assert badge.inner_text().strip() == t("site.status.upcoming", lang)
    assert recorder.errors == []


def frozen_clock(instant: dt.datetime) -> str:
    """A script that makes `new Date()` and `Date.now()` return `instant` (UTC)."""
    millis = int(instant.replace(tzinfo=dt.UTC).timestamp() * 1000)
    return f"""(() => {{
      const RealDate = Date, fixed = {millis};
      class FrozenDate extends RealDate {{
        constructor(...args) {{ super(...(args.length ? args : [fixed])); }}
        static now() {{ return fixed; }}
      }}
      globalThis.Date = FrozenDate;
    }})();"""


@pytest.mark.parametrize(("day", "state"), [
    (FORUM.start - dt.timedelta(days=1), "upcoming"),
    (FORUM.start + dt.timedelta(days=1), "ongoing"),
    (FORUM.end + dt.timedelta(days=1), "past"),
], ids=["day-before", "during", "day-after"])
def test_the_status_script_relabels_the_event_by_the_readers_clock(open_page, day, state):
    instant = dt.datetime.combine(day, dt.time(10, 0))  # noon in Geneva
    page, recorder = open_page(EVENT, init_script=frozen_clock(instant))
    badge = page.locator(".es-when .es-badge[data-es-start]")
    assert badge.inner_text().strip() == t(f"site.status.{state}", "en")
    assert badge.get_attribute("class") == f"es-badge es-badge--{state}"
    assert recorder.errors == []


@pytest.mark.parametrize(("lang", "words"), [("fr", ["forum", "Palexpo"]), ("ar", ["منتدى", "Palexpo"]),
                                            ("zh", ["论坛", "Palexpo"])])
def test_search_finds_pages_in_the_readers_language_only(open_page, site_address, lang, words):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    # "Palexpo" is on pages in all six languages: an unfiltered index would return them all.
    page, recorder = open_page(url_prefix(lang))
    results = page.locator("a.md-search-result__link")
    for index, word in enumerate(words):
        if index:
            page.goto(site_address + url_prefix(lang))
        page.click(".md-search__input")
        # Search is ready (its index loaded) when it asks for a query.
        page.wait_for_function("""() => document.querySelector(".md-search-result__meta").textContent.trim()
            === JSON.parse(document.getElementById("__config").textContent)
                .translations["search.result.placeholder"]""")
        # Latin letters are typed as key presses; Arabic ones arrive as text without key
        # events, as from dictation (Material alone searches on keyup; eventsite.js fixes it).
        page.keyboard.type(word)
        # Wait for the answer: "no results", "1 result" or "N results", in the page's language.
        answered = r"""(word) => {
            const said = JSON.parse(document.getElementById("__config").textContent).translations;
            const meta = document.querySelector(".md-search-result__meta").textContent.trim();
            const count = new RegExp("^" + said["search.result.other"].replace("#", "\\d+") + "$");
            return document.querySelector(".md-search__input").value === word
                && (meta === said["search.result.none"] || meta === said["search.result.one"] || count.test(meta));
        }"""
        try:
            page.wait_for_function(answered, arg=word, timeout=15000)
        except PlaywrightTimeout:
            pytest.fail(f"searching {word!r}: no answer after 15 s; the search says "
                        f"{page.inner_text('.md-search-result__meta')!r}")
        hrefs = [link.evaluate("a => a.href") for link in results.all()]
        assert hrefs, f"searching {word!r} found nothing: {page.inner_text('.md-search-result__meta')!r}"
        assert [href for href in hrefs if not href.startswith(site_address + url_prefix(lang))] == [], word
    indexes = [url for url in recorder.requests if url.endswith("search_index.json")]
    assert indexes and set(indexes) == {site_address + url_prefix(lang) + "search/search_index.json"}
    assert recorder.errors == []


def test_a_first_visit_loads_neither_materials_script_nor_a_search_index_until_the_reader_searches(open_page,
                                                                                                  site_address):
    page, recorder = open_page(url_prefix("ru"))
    page.wait_for_load_state("networkidle")
    # Material's bundle, its search worker and lunr all live in assets/javascripts/.
    loaded = [url for url in recorder.requests if "/assets/javascripts/" in url or url.endswith("search_index.json")]
    assert loaded == []
    assert page.evaluate("document.documentElement.className") == "js"  # the search button shows
    page.keyboard.press("/")  # Material's shortcut opens search and loads it
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
    page.wait_for_function("() => Array.from(performance.getEntriesByType('resource'))"
                           ".some(entry => entry.name.endsWith('search_index.json'))")
    indexes = [url for url in recorder.requests if url.endswith("search_index.json")]
    assert indexes == [site_address + "ru/search/search_index.json"]
    assert recorder.errors == []


def test_events_move_to_happening_now_and_to_past_on_the_home_page_as_the_days_pass(open_page):
    dialogue = DATA.event("global-dialogue-ai-governance-2026")  # 6-7 July, the forum 6-10 July
    instant = dt.datetime.combine(dialogue.end + dt.timedelta(days=1), dt.time(10, 0))
    page, recorder = open_page(HOME, init_script=frozen_clock(instant))
    ongoing = page.locator('[data-es-list="ongoing"] .es-card__title').all_inner_texts()
    past = page.locator('[data-es-list="past"] .es-card__title').all_inner_texts()
    assert dialogue.title.get("en") in past[0]  # the newest past event comes first
    assert FORUM.title.get("en") in " ".join(ongoing)
    assert page.locator('[data-es-section="ongoing"]').is_visible()
    assert page.locator("[data-es-hero]").inner_text() == t("visitor.hero.ongoing", "en")
    assert page.locator(".es-countdown").inner_text() == t("site.status.ongoing", "en")
    later = dt.datetime.combine(max(event.end for event in DATA.events if in_feeds(event)) + dt.timedelta(days=1),
                                dt.time(10, 0))
    page, recorder = open_page(HOME, init_script=frozen_clock(later))
    assert page.locator('[data-es-list="upcoming"] li').count() == 0
    assert page.locator('[data-es-empty="upcoming"]').is_visible()
    assert page.locator("[data-es-hero]").inner_text() == t("visitor.hero.past", "en")
    assert page.locator(".es-hero .es-actions").is_hidden()
    assert recorder.errors == []


def test_chinese_search_matches_whole_words_not_single_characters_of_dates(open_page, site_address):
    # 日内瓦 (Geneva) is one word in the index (jieba); 日 alone ("day") is in every date.
    page, recorder = open_page(url_prefix("zh"))
    page.click(".md-search__input")
    page.wait_for_function("""() => document.querySelector(".md-search-result__meta").textContent.trim()
        === JSON.parse(document.getElementById("__config").textContent).translations["search.result.placeholder"]""")
    page.keyboard.insert_text("日内瓦")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result mark').length > 0", timeout=15000)
    # (Material also leaves some empty <mark> elements: nothing shows highlighted there.)
    marks = [mark for mark in page.locator(".md-search-result mark").all_inner_texts() if mark]
    assert marks and all("日内瓦" in mark for mark in marks), marks
    hrefs = [link.evaluate("a => a.href") for link in page.locator("a.md-search-result__link").all()]
    assert site_address + "zh/venue/" in [href.split("#")[0] for href in hrefs]
    assert page.input_value(".md-search__input") == "日内瓦"  # the reader's text is left as typed
    assert recorder.errors == []


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_phone_screen_says_when_and_where_the_next_meetings_are_how_long_until_and_what_to_do(
        open_page, lang, js):
    page, recorder = open_page(url_prefix(lang), viewport={"width": 390, "height": 844}, java_script_enabled=js,
                               init_script=frozen_clock(dt.datetime(2026, 6, 1, 10)) if js else None)
    screen = 844
    for selector in (".es-hero__when time", ".es-countdown", ".es-hero__where", ".es-hero__events a",
                     ".es-actions a.es-button"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= screen, (selector, box)
    assert page.locator(".es-hero__when time").first.get_attribute("datetime") == "2026-07-06"
    if js:  # refreshed by the reader's clock: 1 June -> 6 July
        assert page.locator(".es-countdown").inner_text().strip() != ""
        assert "35" in page.locator(".es-countdown").inner_text()
    assert recorder.errors == []


PRINTED = """() => {
    const shown = (selector) => Array.from(document.querySelectorAll(selector))
        .some((node) => node.getClientRects().length > 0 && getComputedStyle(node).visibility !== "hidden");
    const link = Array.from(document.querySelectorAll(".md-content a[href^='http']"))[0];
    return {langbar: shown(".es-langbar"), calendar: shown("#calendar, .es-subscribe, .es-feeds"),
            address: shown(".es-print-address"), addressText: document.querySelector(".es-print-address").textContent,
            after: link ? getComputedStyle(link, "::after").content : null, href: link ? link.href : null};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", [EVENT, "programme/"])
def test_printed_pages_show_link_addresses_and_the_sites_name_and_address_not_the_calendar_help(
        open_page, site_url, lang, path):
    page, recorder = open_page(url_prefix(lang) + path)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert not printed["langbar"] and not printed["calendar"], printed
    assert printed["address"] and DATA.site.title.get(lang) in printed["addressText"]
    assert site_url + url_prefix(lang) + path in printed["addressText"]
    if path == EVENT:
        assert printed["href"] and printed["href"] in printed["after"], printed
    assert recorder.errors == []


PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/156.0.0.0 Mobile Safari/537.36")


@pytest.mark.parametrize("agent, form, end", [(None, "/calendar/0/action/compose", "2026-07-11"),
                                              (PHONE, "/calendar/0/deeplink/compose", "2026-07-10")])
def test_the_outlook_copy_uses_the_form_and_end_outlook_expects_on_that_device(open_page, agent, form, end):
    page, recorder = open_page("events/wsis-forum-2026/", **({"user_agent": agent} if agent else {}))
    hrefs = page.eval_on_selector_all("a[data-es-phone-href]", "links => links.map(link => link.href)")
    assert {urlsplit(href).netloc for href in hrefs} == {"outlook.live.com", "outlook.office.com"}
    for href in hrefs:  # the WSIS Forum 2026 is 6-10 July
        url = urlsplit(href)
        assert url.path == form
        assert dict(part.split("=", 1) for part in url.query.split("&"))["enddt"] == end
    assert recorder.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_build_read_after_the_week_relabels_everything_that_depends_on_the_day(open_page, lang):
    """The 28 May build read on 4 December: no "registration is open", no Register button,
    no speaking block; the page says the event has ended and the home's box what took place."""
    clock = frozen_clock(dt.datetime(2026, 12, 4, 10))
    page, recorder = open_page(url_prefix(lang) + EVENT, init_script=clock)
    head = page.locator(".es-event-head")
    assert not head.locator(".es-state--open").is_visible()
    assert head.locator(".es-state--past").is_visible()
    assert head.locator(".es-state--past").inner_text().strip() == t("content.ended", lang)
    assert not page.locator(".es-actions").is_visible()
    assert not page.locator("#speaking").is_visible()
    home, _ = open_page(url_prefix(lang), init_script=clock)
    for hidden in home.locator(".es-hero [data-es-until]").all():
        assert not hidden.is_visible(), hidden.evaluate("node => node.outerHTML.slice(0, 200)")
    assert recorder.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_header_shows_the_whole_site_name(open_page, lang):
    page, recorder = open_page(url_prefix(lang) + EVENT, viewport={"width": 360, "height": 740})
    title = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert title.inner_text().strip() == DATA.site.title.get(lang)
    clipped = title.evaluate("node => node.scrollHeight > node.clientHeight + 1"
                             " || node.scrollWidth > node.clientWidth + 1")
    assert not clipped
    assert recorder.errors == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_a_desktop_the_content_takes_the_width_the_navigation_leaves(open_page, lang):
    """No empty right-hand column: the pages have no table of contents beside them."""
    page, recorder = open_page(url_prefix(lang), viewport={"width": 1280, "height": 900})
    grid = page.locator(".md-main__inner").bounding_box()
    navigation = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert grid and navigation and content
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert content["width"] >= grid["width"] - navigation["width"] - 2, (grid, navigation, content)
    assert recorder.errors == []
