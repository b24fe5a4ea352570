"""Contact sheets of the main pages for reviewers: home, an event, the programme and the
documents in the six languages, first screen on a phone (390 x 844) and on a desktop
(1280 x 900), drawn by Debian's chromium, at three moments: before the July week, during
it (8 July) and after it (December).

    python tools/screenshots.py [OUT_DIR]     (make screenshots)

For each moment the site is built as of that day (SOURCE_DATE_EPOCH) and the browser's
clock is set to it, so that what the page script relabels matches. OUT_DIR (default
screenshots/, ignored by git) receives one PNG per moment, page, language and width, and
contact-sheet-<moment>-<width>.png.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from eventsite.languages import LANGUAGES, url_prefix  # noqa: E402

PAGES = {"home": "", "event": "events/wsis-forum-2026/", "programme": "programme/", "documents": "documents/"}
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
# Noon in Geneva on each day (UTC+2 in summer, UTC+1 in winter).
MOMENTS = {
    "before": dt.datetime(2026, 5, 28, 10, 0, tzinfo=dt.UTC),
    "during": dt.datetime(2026, 7, 8, 10, 0, tzinfo=dt.UTC),
    "after": dt.datetime(2026, 12, 4, 11, 0, tzinfo=dt.UTC),
}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def build(target: Path, moment: dt.datetime) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}
    subprocess.run([sys.executable, "-m", "eventsite_mkdocs", "build", "-d", str(target)], cwd=ROOT, env=env,
                   check=True, capture_output=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def sheet(shots: dict[tuple[str, str], Path], title: str, width: str, out: Path, browser: Browser) -> Path:
    """One PNG: a row per page, a column per language."""
    scale = 0.5 if width == "phone" else 0.25
    w, h = (int(size * scale) for size in WIDTHS[width])
    cells = "".join(
        f"<tr><th>{html.escape(name)}</th>" + "".join(
            f'<td><img src="{shots[name, lang].as_uri()}" width="{w}" height="{h}"></td>' for lang in LANGUAGES)
        + "</tr>" for name in PAGES)
    head = "".join(f"<th>{lang}</th>" for lang in LANGUAGES)
    page_html = (f"<!doctype html><style>body{{margin:8px;font:14px sans-serif}}td,th{{padding:4px;vertical-align:top}}"
                 f"img{{border:1px solid #999}}</style><h1>{html.escape(title)}</h1>"
                 f"<table><tr><th></th>{head}</tr>{cells}</table>")
    source = out / f".sheet-{width}.html"
    source.write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 100 + 6 * (w + 10), "height": 100})
    page.goto(source.as_uri())
    target = out / f"contact-sheet-{title.split()[0]}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    page.close()
    source.unlink()
    return target


def shoot(site: Path, moment_name: str, moment: dt.datetime, out: Path, browser: Browser) -> None:
    server, address = serve(site)
    try:
        for width, (w, h) in WIDTHS.items():
            context = browser.new_context(viewport={"width": w, "height": h})
            page = context.new_page()
            page.clock.set_fixed_time(moment)
            shots = {}
            for name, path in PAGES.items():
                for lang in LANGUAGES:
                    page.goto(address + url_prefix(lang) + path, wait_until="load")
                    shots[name, lang] = out / f"{moment_name}-{name}-{lang}-{width}.png"
                    page.screenshot(path=str(shots[name, lang]))
            context.close()
            print(sheet(shots, f"{moment_name} ({moment.date().isoformat()})", width, out, browser))
    finally:
        server.shutdown()


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else ROOT / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for name, moment in MOMENTS.items():
            site = Path(temporary) / name
            build(site, moment)
            shoot(site, name, moment, out, browser)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
