"""Page weight of the real site for a first-time visitor, measured in headless chromium
(Playwright) against the tests' HTTP server (tests/serve.py, gzip on), and which search
index is fetched when."""

from __future__ import annotations

import gzip
import time
from pathlib import Path
from urllib.parse import urlsplit

from common import CHROMIUM, log
from serve import CHROMIUM_FLAGS, serve

from eventsite.languages import LANGUAGES, url_prefix

EVENT_PAGE = "wsis-forum-2026"


def page_urls(base: str) -> list[tuple[str, str, str]]:
    """(language, page name, URL) of the home and the event page in each language."""
    urls = []
    for lang in LANGUAGES:
        urls.append((lang, "home", f"{base}{url_prefix(lang)}"))
        urls.append((lang, "event", f"{base}{url_prefix(lang)}events/{EVENT_PAGE}/"))
    return urls




def kind_of(url: str, content_type: str) -> str:
    path = urlsplit(url).path.lower()
    content_type = content_type.lower()
    if "search_index" in path:
        return "search index"
    if path.endswith((".woff2", ".woff", ".ttf", ".otf")) or "font" in content_type:
        return "font"
    if path.endswith((".css",)) or "text/css" in content_type:
        return "css"
    if path.endswith((".js", ".mjs")) or "javascript" in content_type:
        return "js"
    if path.endswith((".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".avif")) \
            or content_type.startswith("image/"):
        return "image"
    if path.endswith("/") or path.endswith(".html") or "text/html" in content_type:
        return "html"
    return "other"


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def bench_weight(site_dir: Path, port: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}/"
    results = []
    requests: list[tuple[float, str, str]] = []  # what the server was asked for
    with serve(site_dir, port=port, compress=True, requests=requests), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:], headless=True)
        try:
            for lang, name, url in page_urls(base):
                context = browser.new_context()  # a first-time visitor: empty cache, no cookies
                page = context.new_page()
                seen: dict[str, dict] = {}

                def record(response, seen=seen):
                    try:
                        body = response.body()
                    except Exception:  # redirects and aborted requests have no body
                        body = b""
                    seen[response.url] = {"url": response.url, "status": response.status,
                                          "type": response.headers.get("content-type", ""),
                                          "raw": len(body), "gzip": gzip_size(body) if body else 0}

                page.on("response", record)
                context.on("response", record)
                requests.clear()
                page.goto(url, wait_until="networkidle")
                page.wait_for_timeout(500)
                load_requests = [path for _, path, _ in requests]
                load_responses = dict(seen)
                # Then search: which index is fetched, when the reader types.
                requests.clear()
                searched = search_and_wait(page, requests, any("search_index" in p for p in load_requests))
                search_requests = [path for _, path, _ in requests]
                context.close()
                entries = list(load_responses.values())
                # Requests the page made that Playwright did not report (e.g. from a worker): from the server log.
                reported = {urlsplit(e["url"]).path for e in entries}
                for path in load_requests:
                    clean = urlsplit(path).path
                    if clean not in reported:
                        body = served_file(site_dir, clean)
                        entries.append({"url": base.rstrip("/") + clean, "status": 200, "type": "",
                                        "raw": len(body), "gzip": gzip_size(body) if body else 0,
                                        "from_server_log": True})
                by_kind: dict[str, int] = {}
                for entry in entries:
                    entry["kind"] = kind_of(entry["url"], entry["type"])
                    by_kind[entry["kind"]] = by_kind.get(entry["kind"], 0) + entry["gzip"]
                counted = sum(v for k, v in by_kind.items() if k in ("html", "css", "js", "font", "image"))
                eager_index = [p for p in load_requests if "search_index" in p]
                typed_index = [p for p in search_requests if "search_index" in p]
                largest = max((e for e in entries if e["kind"] != "search index"), key=lambda e: e["gzip"])
                result = {"lang": lang, "page": name, "url": url, "counted": counted, "by_kind": by_kind,
                          "requests": len(entries), "largest": (urlsplit(largest["url"]).path, largest["gzip"]),
                          "entries": entries, "eager_index": eager_index, "search_index": typed_index,
                          "search_results": searched}
                results.append(result)
                log(f"  {lang} {name:5s} {counted / 1024:6.1f} KB gzip in {len(entries)} responses "
                    f"(" + ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(by_kind.items())) + " KB); "
                    f"largest {result['largest'][0]} {result['largest'][1] / 1024:.1f} KB; "
                    f"index on load: {eager_index or 'none'}; after typing: {typed_index or 'none'}")
        finally:
            browser.close()
    return results


def served_file(site_dir: Path, path: str) -> bytes:
    target = site_dir / path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target.read_bytes() if target.is_file() else b""


def search_and_wait(page, requests, index_loaded: bool) -> str:
    """Open the search box and type; returns what the results area showed."""
    try:
        box = page.locator("input.md-search__input")
        if not box.is_visible():
            page.locator("label.md-header__button[for='__search']").first.click()
        box.click()
        box.type("WSIS", delay=50)
        deadline = time.monotonic() + (2 if index_loaded else 8)
        while time.monotonic() < deadline:
            if any("search_index" in path for _, path, _ in requests):
                break
            page.wait_for_timeout(100)
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                               " return m && m.textContent.trim().length > 0; }", timeout=5000)
        return meta.inner_text().strip() if meta.count() else "(no results area)"
    except Exception as error:  # report, do not fail the whole benchmark
        return f"search could not be driven: {type(error).__name__}: {str(error).splitlines()[0]}"


