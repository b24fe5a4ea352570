"""Quality gates over the whole built site (real data): valid HTML (Nu Html Checker),
WCAG 2.1 AA as axe-core sees it in chromium, every internal link and feed resolving to a
file of the site, and nothing loaded from a third party."""

from __future__ import annotations

import json
import re
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

import pytest

from eventsite.languages import LANGUAGES, url_prefix

pytest_plugins = ["serve"]  # the fixtures real_site, site_url, site_address, browser, ...

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Plus the rules outside those tags that stock Material fails (../shared/PLATFORM.md).
AXE_EXTRA_RULES = ["aria-dialog-name"]
AXE_PAGES = {"home": "", "event": "events/wsis-forum-2026/", "deadlines": "deadlines/",
             "not-found": "no-such-page/"}  # served with the language's 404 page


class Document(HTMLParser):
    """A page's URL-bearing attributes, element ids and inline CSS."""

    URL_ATTRIBUTES: ClassVar[dict[str, list[str]]] = {
        "a": ["href"], "area": ["href"], "link": ["href"], "script": ["src"],
        "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
        "video": ["src", "poster"], "audio": ["src"], "track": ["src"], "embed": ["src"],
        "object": ["data"], "form": ["action"], "input": ["src"]}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, dict[str, str], str]] = []  # (tag, attribute, attributes, url)
        self.ids: set[str] = set()
        self.css: list[str] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for name in self.URL_ATTRIBUTES.get(tag, []):
            if name in attributes:
                values = [part.split()[0] for part in attributes[name].split(",") if part.strip()] \
                    if name == "srcset" else [attributes[name].strip()]
                self.urls += [(tag, name, attributes, value) for value in values]
        if "style" in attributes:
            self.css.append(attributes["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)


def css_urls(css: str) -> list[str]:
    return [m.strip("'\" ") for m in re.findall(r"url\(([^)]*)\)", css)] + \
        re.findall(r"@import\s+['\"]([^'\"]+)['\"]", css)


class Site:
    """The built site and the address it is built for."""

    def __init__(self, root: Path, url: str) -> None:
        self.root, self.url, self.parts = root, url, urlsplit(url)
        self.documents = {path: Document(path.read_text(encoding="utf-8")) for path in sorted(root.rglob("*.html"))}

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def address(self, path: Path) -> str:
        """The published address of a built file (index.html -> its folder)."""
        name = self.name(path)
        return self.url + (name[: -len("index.html")] if name.endswith("index.html") else name)

    def file(self, url: str) -> Path | None:
        """The built file an address of the site serves, or None if it is not one of ours."""
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (self.parts.scheme, self.parts.netloc) \
                or not parts.path.startswith(self.parts.path):
            return None
        path = self.root / unquote(parts.path[len(self.parts.path):])
        return path / "index.html" if parts.path.endswith("/") or path.is_dir() else path

    def is_ours(self, base: str, url: str) -> bool:
        parts = urlsplit(urljoin(base, url))
        own = (self.parts.scheme, self.parts.netloc)
        return parts.scheme in ("data", "blob") or (parts.scheme, parts.netloc) == own


@pytest.fixture(scope="module")
def site(real_site, site_url) -> Site:
    return Site(real_site, site_url)


def test_the_nu_html_checker_finds_no_error_in_any_page(real_site, vnu_command):
    result = subprocess.run([*vnu_command, "--skip-non-html", "--format", "json", "--stdout", "--no-langdetect",
                             str(real_site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout)["messages"]
    errors = [f"{unquote(urlsplit(m.get('url', '')).path)}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] != "info"]
    warnings = [m for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    print(f"Nu Html Checker: {len(errors)} errors, {len(warnings)} warnings")
    assert errors == []
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def axe_results(browser, site_address, axe_script) -> dict[tuple[str, str], dict]:
    """axe-core's WCAG 2.0/2.1 A and AA rules (and AXE_EXTRA_RULES) on each page of
    AXE_PAGES in each language."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    results = {}
    try:
        for lang in LANGUAGES:
            for name, path in AXE_PAGES.items():
                response = page.goto(site_address + url_prefix(lang) + path)
                assert response is not None and response.status == (404 if name == "not-found" else 200), path
                assert page.evaluate("document.documentElement.lang") == lang
                page.add_script_tag(path=str(axe_script))
                results[lang, name] = page.evaluate(
                    """([tags, extra]) => axe.run(document, {runOnly: {type: "tag", values: tags},
                        rules: Object.fromEntries(extra.map((id) => [id, {enabled: true}]))})""",
                    [AXE_TAGS, AXE_EXTRA_RULES])
    finally:
        context.close()
    return results


@pytest.mark.parametrize("name", AXE_PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_wcag_2_1_aa_violation(axe_results, lang, name):
    result = axe_results[lang, name]
    violations = [f"{v['id']} ({v['impact']}): {v['help']} — "
                  + "; ".join(f"{n['target']}: {n['failureSummary']}" for n in v["nodes"][:5])
                  for v in result["violations"]]
    assert violations == []
    ran = {rule["id"] for kind in ("passes", "incomplete", "inapplicable") for rule in result[kind]}
    assert len(ran) > 20 and set(AXE_EXTRA_RULES) <= ran  # axe did run its rules


def test_every_internal_link_and_feed_resolves_to_a_file_of_the_site(site):
    broken, external, counts = [], defaultdict(set), defaultdict(int)

    def check(source: Path, url: str, what: str) -> None:
        target = site.file(url)
        if target is None:
            external[url].add(site.name(source))
        elif not target.is_file():
            broken.append(f"{site.name(source)}: {what} {url} -> no file {site.name(target)}")
        else:
            counts["internal"] += 1
            fragment = unquote(urlsplit(url).fragment)
            counts["fragment"] += bool(fragment)
            if fragment and target.suffix == ".html" and fragment not in site.documents[target].ids:
                broken.append(f"{site.name(source)}: {what} {url} -> no id {fragment!r} in {site.name(target)}")

    def check_feed(source: Path, url: str, what: str) -> None:
        address = "https:" + url[len("webcal:"):]
        if site.file(address) is None or not urlsplit(address).path.endswith(".ics"):
            broken.append(f"{site.name(source)}: {what} {url} is not a feed of this site")
        else:
            counts["feed"] += 1
            check(source, address, what)

    for source, document in site.documents.items():
        base = site.address(source)
        for tag, attribute, _, value in document.urls:
            what = f"<{tag} {attribute}>"
            scheme = urlsplit(value).scheme
            if not value or scheme in ("data", "javascript"):
                continue
            if scheme == "webcal":
                check_feed(source, value, what)
            elif scheme in ("mailto", "tel"):
                external[value].add(site.name(source))
            else:
                check(source, urljoin(base, value), what)
                # Calendar services' "subscribe" links carry the address of one of our feeds.
                for _, parameter in parse_qsl(urlsplit(value).query):
                    if parameter.startswith("webcal://"):
                        check_feed(source, parameter, f"{what} (query of {value})")
                    elif parameter.startswith(("http://", "https://")) and site.file(parameter):
                        check(source, parameter, f"{what} (query of {value})")
    # The sitemap's pages and their alternates.
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    for url in re.findall(r"<loc>([^<]+)</loc>", sitemap) + re.findall(r'<xhtml:link[^>]*href="([^"]+)"', sitemap):
        check(site.root / "sitemap.xml", url, "sitemap")

    by_address = defaultdict(lambda: (set(), set()))  # address without its query -> (links, pages)
    for url, pages in external.items():
        links, on = by_address[url.split("?", 1)[0]]
        links.add(url)
        on.update(pages)
    print(f"\nChecked {counts['internal']} internal links ({counts['fragment']} with a #fragment) and "
          f"{counts['feed']} feed links. External links, listed and not fetched:")
    for address, (links, on) in sorted(by_address.items()):
        print(f"  {address}  ({len(links)} different links on {len(on)} pages)")
    assert counts["internal"] and counts["fragment"] and counts["feed"]
    assert broken == []


def test_every_pages_language_switcher_leads_to_a_page_in_each_language(site):
    wrong = []
    for source, document in site.documents.items():
        links = {attributes.get("hreflang"): value for tag, _, attributes, value in document.urls
                 if tag == "a" and "es-langbar__link" in attributes.get("class", "").split()}
        if sorted(links) != sorted(LANGUAGES):
            wrong.append(f"{site.name(source)}: the switcher offers {sorted(links)}")
        for lang, value in links.items():
            target = site.file(urljoin(site.address(source), value))
            if target is None or not target.is_file():
                wrong.append(f"{site.name(source)}: {lang} -> {value}, not a page of the site")
            elif (site.name(target).split("/")[0] == lang) != (lang != "en"):
                wrong.append(f"{site.name(source)}: {lang} -> {value}, not a page in {lang}")
    assert wrong == []


def test_no_page_or_stylesheet_loads_anything_from_a_third_party_origin(site):
    # Resources only: links a reader follows (<a>, <link rel=alternate/canonical>) may go anywhere.
    navigational = {"alternate", "canonical", "next", "prev", "search", "author", "license", "help", "sitemap"}
    offenders = []
    for source, document in site.documents.items():
        base = site.address(source)
        resources = [(f"<{tag} {attribute}>", value) for tag, attribute, attributes, value in document.urls
                     if tag not in ("a", "area", "form")
                     and not (tag == "link" and set(attributes.get("rel", "").split()) <= navigational)]
        resources += [("CSS", url) for css in document.css for url in css_urls(css)]
        offenders += [f"{site.name(source)}: {what} {url}" for what, url in resources if not site.is_ours(base, url)]
    stylesheets = sorted(site.root.rglob("*.css"))
    assert stylesheets
    for stylesheet in stylesheets:
        base = site.address(stylesheet)
        offenders += [f"{site.name(stylesheet)}: {url}" for url in css_urls(stylesheet.read_text(encoding="utf-8"))
                      if not site.is_ours(base, url)]
    assert offenders == []
