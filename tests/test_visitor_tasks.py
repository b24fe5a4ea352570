"""What a visitor comes for, done on a phone in each of the six languages (issue 20).

Each task starts on the language's home page in a phone-sized browser (390 x 844, touch,
JavaScript on, the browser's clock at the moment the site was built, so that the page's
script relabels nothing) and must end on the answer in at most three taps, with no dead
end: every page a tap opens answers 200 from the local server, and nothing is requested
from another host. A tap on a link that leaves the site (an official page, an e-mail
address) is not followed: its address is the answer, checked against the data. A tap on
one of the site's own files (a calendar) fetches it from the local server.

The answers are checked against the data (data/events.yaml) and the locale files, in the
reader's language:

1. when and where the WSIS Forum 2026 is;
2. how and by when to ask to speak at it;
3. adding the Global Dialogue on AI Governance to a calendar (its .ics holds the event);
4. what happens on 8 July 2026 (the programme's day);
5. resolution 78/311 in the reader's language (the UN's document resolver);
6. whom to contact about the AI for Good Global Summit;
7. on a site built after the week (4 December 2026), what took place.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

import pytest
from sitebuild import ROOT, SITE_URL, build_site

from eventsite.dates import format_date_range, format_day
from eventsite.languages import LANGUAGES, url_prefix
from eventsite.loader import load_site
from eventsite.model import LinkKind, first_day, last_day
from eventsite.ui import t

pytest_plugins = ["serve"]

DATA = load_site(ROOT / "data" / "events.yaml")
FORUM = DATA.event("wsis-forum-2026")
DIALOGUE = DATA.event("global-dialogue-ai-governance-2026")
AI_FOR_GOOD = DATA.event("ai-for-good-2026")
RESOLUTION = DATA.document("unga-res-78-311")
DAY = dt.date(2026, 7, 8)

# The moment real_site is built at (tests/conftest.py builds it with build_site's default),
# and the moment of the build after the week.
BUILT = dt.datetime.fromtimestamp(int(inspect.signature(build_site).parameters["epoch"].default), dt.UTC)
AFTER = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "java_script_enabled": True}
SCREEN_HEIGHT = PHONE["viewport"]["height"]
MAX_TAPS = 3

ISOLATES = re.compile("[\u2066-\u2069\u200e\u200f\u202a-\u202e]")  # bidi marks and isolates


def plain(text: str) -> str:
    """Text as a reader compares it: any run of spaces (no-break ones too) as one space,
    without the invisible direction marks of right-to-left pages."""
    return re.sub(r"\s+", " ", ISOLATES.sub("", text)).strip()


@dataclass
class Visitor:
    """A visitor's phone on the site: starts on the home page, counts every tap, follows
    the site's own links only, and notes each page's status and anything sent elsewhere."""
    page: object
    address: str  # the local server's address of the site root (http://127.0.0.1:N/events/)
    lang: str
    taps: int = 0
    opened: list[tuple[str, int]] = field(default_factory=list)  # (page or file, HTTP status)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    file: bytes = b""  # the last file a tap fetched (a calendar)

    def home(self) -> None:
        self.taps = 0
        self.open(self.address + url_prefix(self.lang))

    def open(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        self.opened.append((url, response.status if response else 0))
        assert response is not None and response.status == 200, f"dead end: {url} answers " \
            f"{response and response.status}"

    def local(self, href: str) -> str | None:
        """The local address of one of the site's own links (relative, or written with the
        site's published address), or None for a link that leaves the site."""
        if href.startswith(SITE_URL):
            return self.address + href[len(SITE_URL):]
        if href.startswith(self.address):
            return href
        return None

    def tap(self, target) -> str:
        """Tap a link or button the visitor sees; returns the link's address ("" for a button)."""
        self.taps += 1
        assert self.taps <= MAX_TAPS, f"more than {MAX_TAPS} taps from the home page ({self.page.url})"
        target.scroll_into_view_if_needed()
        assert target.is_visible(), f"tap {self.taps}: not visible on {self.page.url}"
        href = target.evaluate("node => node.href || ''")
        if not href:
            target.tap()
            return ""
        local = self.local(href)
        if local is None:  # leaves the site (another host, mailto:, webcal:): the answer
            return href
        if urldefrag(local).url == urldefrag(self.page.url).url:  # further down this page
            target.tap()
            return href
        if target.get_attribute("download") is not None or urlsplit(local).path.endswith(".ics"):
            response = self.page.context.request.get(local)
            self.opened.append((local, response.status))
            assert response.status == 200, f"dead end: {href} answers {response.status}"
            self.file = response.body()
            return href
        if href.startswith(SITE_URL):  # written with the published address: open it here
            self.open(local)
            return href
        with self.page.expect_navigation(wait_until="load") as navigation:
            target.tap()
        response = navigation.value
        self.opened.append((self.page.url, response.status if response else 0))
        assert response is not None and response.status == 200, f"dead end: {href} answers " \
            f"{response and response.status}"
        return href

    def link(self, text: str, within: str = "body"):
        """The first link inside `within` whose visible text is `text`."""
        index = self.page.evaluate("""([within, text]) => {
            const plain = (s) => s.replace(/[\\u2066-\\u2069\\u200e\\u200f\\u202a-\\u202e]/g, "")
                .replace(/\\s+/g, " ").trim();
            const links = Array.from(document.querySelectorAll(within + " a"));
            return links.findIndex((a) => plain(a.innerText || a.textContent) === plain(text)
                && a.getClientRects().length > 0);
        }""", [within, text])
        assert index >= 0, f"no link {text!r} in {within} on {self.page.url}"
        return self.page.locator(f"{within} a").nth(index)

    def menu(self, href_end: str):
        """Open the menu (one tap) and return its link to the page whose path ends so."""
        self.tap(self.page.locator("label.md-header__button[for='__drawer']"))
        link = self.page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{href_end}']").first
        link.wait_for(state="visible")
        return link

    def text(self, selector: str) -> str:
        return plain(self.page.locator(selector).first.inner_text())

    def on_first_screen(self, selector: str) -> bool:
        box = self.page.locator(selector).first.bounding_box()
        scroll = self.page.evaluate("window.scrollY")
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN_HEIGHT and scroll == 0

    def done(self) -> None:
        """No page or file answered other than 200, nothing went to another host, no script failed."""
        assert [item for item in self.opened if item[1] != 200] == []
        assert self.blocked == []
        assert self.errors == []


def phone(browser, address: str, moment: dt.datetime) -> Iterator:
    """opener(lang) -> Visitor on the home page, each in a browser context of its own."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(address))
    contexts = []

    def opener(lang: str) -> Visitor:
        context = browser.new_context(**PHONE)
        contexts.append(context)
        context.set_default_timeout(10000)  # a missing element fails in 10 s, not 30
        context.clock.set_fixed_time(moment)
        visitor = Visitor(context.new_page(), address, lang)

        def route(route):
            url = route.request.url
            if url.startswith(origin) or url.startswith("data:"):
                route.continue_()
            else:
                visitor.blocked.append(url)
                route.abort()
        context.route("**/*", route)
        visitor.page.on("console", lambda message: visitor.errors.append(f"{message.type}: {message.text}")
                        if message.type in ("error", "assert") else None)
        visitor.page.on("pageerror", lambda error: visitor.errors.append(f"uncaught: {error}"))
        visitor.home()
        return visitor

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def visit(browser, site_address) -> Iterator:
    """A visitor of the site built on 28 May 2026, the browser's clock at that moment."""
    yield from phone(browser, site_address, BUILT)


@pytest.fixture(scope="module")
def after_address(tmp_path_factory, serve_folder) -> Iterator[str]:
    """The real data built as of 4 December 2026 (after the week), served like real_site."""
    target = tmp_path_factory.mktemp("after-site")
    result = build_site(target, epoch=str(int(AFTER.timestamp())))
    assert result.returncode == 0, result.stderr[-3000:]
    with serve_folder(target, urlsplit(SITE_URL).path) as address:
        yield address


@pytest.fixture
def visit_after(browser, after_address) -> Iterator:
    """A visitor of the site built on 4 December 2026, the browser's clock at that moment."""
    yield from phone(browser, after_address, AFTER)


def calendar_entries(text: str) -> list[dict[str, str]]:
    """The VEVENTs of an iCalendar file: property name (without parameters) -> value."""
    lines = re.sub(r"\r?\n[ \t]", "", text).splitlines()
    entries, entry = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            entry = {}
        elif line == "END:VEVENT" and entry is not None:
            entries.append(entry)
            entry = None
        elif entry is not None and ":" in line:
            name, value = line.split(":", 1)
            entry[name.split(";", 1)[0]] = re.sub(r"\\([,;\\])", r"\1", value)
    return entries


def events_on(day: dt.date):
    return [event for event in DATA.events if event.start <= day <= event.end]


def sessions_on(event, day: dt.date):
    return [session for session in event.sessions
            if first_day(session.start) <= day <= last_day(session.end or session.start)]


# --- 1. When and where is the WSIS Forum ------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visitor_finds_when_and_where_the_wsis_forum_is(visit, lang):
    visitor = visit(lang)
    visitor.tap(visitor.link(FORUM.title.get(lang), ".md-content"))
    assert visitor.text("h1") == plain(FORUM.title.get(lang))
    when = visitor.page.locator(".es-when time").first
    assert when.get_attribute("datetime") == FORUM.start.isoformat()
    assert plain(when.inner_text()) == plain(format_date_range(FORUM.start, FORUM.end, lang))
    venue = DATA.venue(FORUM.venue)
    where = visitor.text(".es-where")
    assert plain(venue.name.get(lang)) in where and plain(venue.address.get(lang)) in where
    assert "Palexpo" in where
    assert visitor.on_first_screen(".es-when") and visitor.on_first_screen(".es-where")
    assert visitor.taps == 1
    visitor.done()


# --- 2. How and by when to ask to speak at the WSIS Forum --------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visitor_finds_how_and_by_when_to_ask_to_speak_at_the_wsis_forum(visit, lang):
    deadline = FORUM.deadline(FORUM.speaking_deadline)
    channel = FORUM.link(LinkKind.SPEAKING_REQUEST)
    assert channel is not None and FORUM.speaking is not None
    visitor = visit(lang)
    visitor.tap(visitor.link(FORUM.title.get(lang), ".md-content"))
    # By when: the deadline, dated in the reader's language, on the event's page.
    item = visitor.page.locator("li.es-deadline").filter(
        has=visitor.page.locator(f"time[datetime='{deadline.date.isoformat()}']"))
    assert item.count() == 1
    assert plain(item.locator("time").inner_text()) == plain(format_day(deadline.date, lang, weekday=True))
    assert plain(deadline.title.get(lang)) in plain(item.inner_text())
    # How: the section on requesting to speak, and the channel it names.
    assert visitor.text("#speaking") == plain(t("content.how_speak", lang))
    section = visitor.page.locator("#speaking + p")
    assert plain(section.inner_text()) == plain(FORUM.speaking.get(lang))
    if BUILT.date() > deadline.date:
        closed = visitor.page.locator("#speaking ~ .es-state--past")
        assert closed.is_visible() and plain(closed.inner_text()) == plain(t("content.speaking_closed", lang))
    answer = visitor.tap(visitor.link(channel.label.get(lang), ".md-content"))
    assert answer == channel.url
    assert visitor.taps == 2
    visitor.done()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_the_speaking_deadline_the_home_page_no_longer_offers_to_request_to_speak(visit, lang):
    # The event's page says the deadline has passed: its first screen must not say otherwise.
    deadline = FORUM.deadline(FORUM.speaking_deadline)
    assert BUILT.date() > deadline.date  # real_site is built after the deadline
    visitor = visit(lang)
    label = plain(t("visitor.action_for.speaking-request", lang, event=FORUM.title.get(lang)))
    offered = [plain(text) for text in visitor.page.locator(".es-hero .es-actions a:visible").all_inner_texts()]
    assert label not in offered, f"the home page offers {label!r} after the deadline ({deadline.date})"
    visitor.done()


# --- 3. Add the Global Dialogue to a calendar --------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visitor_adds_the_global_dialogue_to_a_calendar(visit, lang):
    visitor = visit(lang)
    visitor.tap(visitor.link(DIALOGUE.title.get(lang), ".md-content"))
    href = visitor.tap(visitor.link(t("content.action.calendar", lang), ".es-actions"))
    assert href == f"{SITE_URL}{url_prefix(lang)}calendar/{DIALOGUE.id}.ics"
    entries = calendar_entries(visitor.file.decode("utf-8"))
    assert len(entries) == 1, entries
    entry = entries[0]
    assert plain(entry["SUMMARY"]) == plain(DIALOGUE.title.get(lang))
    assert entry["UID"] == f"{DIALOGUE.id}@{DATA.site.uid_domain}"
    assert entry["DTSTART"] == DIALOGUE.start.strftime("%Y%m%d")
    assert entry["DTEND"] == (DIALOGUE.end + dt.timedelta(days=1)).strftime("%Y%m%d")
    assert visitor.taps == 2
    visitor.done()


# --- 4. What happens on 8 July 2026 -------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visitor_finds_what_happens_on_8_july(visit, lang):
    visitor = visit(lang)
    visitor.tap(visitor.link(t("visitor.full_programme", lang), ".md-content"))
    assert urlsplit(visitor.page.url).path.endswith(f"/{url_prefix(lang)}programme/")
    day = visitor.page.locator(f"#day-{DAY.isoformat()}")
    day.scroll_into_view_if_needed()
    assert day.is_visible()
    assert plain(day.locator("time").first.inner_text()) == plain(format_day(DAY, lang, weekday=True))
    expected = events_on(DAY)
    assert {event.id for event in expected} == {FORUM.id, AI_FOR_GOOD.id}  # the data as of this test
    shown = [plain(text) for text in day.locator("a").all_inner_texts()]
    assert sorted(shown) == sorted(plain(event.title.get(lang)) for event in expected)
    text = plain(day.inner_text())
    sessions = {session.id: session for event in expected for session in sessions_on(event, DAY)}
    assert sessions, "no session on 8 July in the data"
    for session in sessions.values():
        assert plain(session.title.get(lang)) in text, session.id
    assert visitor.taps == 1
    visitor.done()


# --- 5. Resolution 78/311 in the reader's language ----------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visitor_opens_resolution_78_311_in_their_language(visit, lang):
    visitor = visit(lang)
    visitor.tap(visitor.menu("documents/"))
    assert urlsplit(visitor.page.url).path.endswith(f"/{url_prefix(lang)}documents/")
    link = visitor.link(RESOLUTION.title.get(lang), f"[id='{RESOLUTION.id}']")
    answer = visitor.tap(link)
    assert answer == f"https://undocs.org/{lang}/{RESOLUTION.symbol}"
    assert link.get_attribute("hreflang") in (None, lang)
    assert visitor.taps == 3
    visitor.done()


# --- 6. Whom to contact about AI for Good ---------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_visitor_finds_whom_to_contact_about_ai_for_good(visit, lang):
    visitor = visit(lang)
    visitor.tap(visitor.link(AI_FOR_GOOD.title.get(lang), ".md-content"))
    assert visitor.text("#contacts") == plain(t("site.contacts", lang))
    assert AI_FOR_GOOD.contacts
    for contact in AI_FOR_GOOD.contacts:
        mailto = f"a[href='mailto:{contact.email}']"
        address = visitor.page.locator(f"ul.es-contacts {mailto}")
        assert address.count() == 1 and address.is_visible()
        assert plain(address.inner_text()) == contact.email
        entry = plain(visitor.page.locator("ul.es-contacts > li").filter(has=visitor.page.locator(mailto)).inner_text())
        if contact.role:
            assert plain(contact.role.get(lang)) in entry
        if contact.name and contact.name.values.get(lang):
            assert plain(contact.name.get(lang)) in entry
    answer = visitor.tap(visitor.page.locator(f"ul.es-contacts a[href='mailto:{AI_FOR_GOOD.contacts[0].email}']"))
    assert answer == f"mailto:{AI_FOR_GOOD.contacts[0].email}"
    assert visitor.taps == 2
    visitor.done()


# --- 7. After the week, what happened -----------------------------------------------------

WEEK = [event for event in DATA.events if event.start <= FORUM.end and event.end >= FORUM.start]


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_the_week_a_visitor_finds_what_took_place(visit_after, lang):
    assert {event.id for event in WEEK} == {DIALOGUE.id, FORUM.id, AI_FOR_GOOD.id}
    visitor = visit_after(lang)
    assert visitor.text("[data-es-hero]") == plain(t("visitor.hero.past", lang))
    assert visitor.on_first_screen("[data-es-hero]")
    shown = [plain(text) for text in visitor.page.locator(".es-hero__events a").all_inner_texts()]
    assert sorted(shown) == sorted(plain(event.title.get(lang)) for event in WEEK)
    assert visitor.text(".es-countdown") == plain(t("visitor.ended", lang))
    for event in WEEK:
        visitor.home()
        visitor.tap(visitor.link(event.title.get(lang), ".es-hero__events"))
        assert visitor.text("h1") == plain(event.title.get(lang))
        assert visitor.page.locator(".es-when time").first.get_attribute("datetime") == event.start.isoformat()
        assert visitor.text(".es-when .es-badge") == plain(t("site.status.past", lang))
        ended = visitor.page.locator(".es-state--past")
        assert ended.is_visible() and plain(ended.inner_text()) == plain(t("content.ended", lang))
        assert visitor.on_first_screen(".es-state--past")
        # Nothing on the page still invites to register or to speak.
        body = plain(visitor.page.locator(".md-content").inner_text())
        assert plain(t("content.registration_open", lang)) not in body
        assert visitor.page.locator(".es-actions:visible").count() == 0
        assert visitor.taps == 1
    visitor.done()
