"""The sharing cards: one 1200 x 630 PNG per language with the site's name in that
language on the brand colour, drawn by Debian's chromium from data/events.yaml and the
brand colours in mkdocs.yml, written to overrides/assets/cards/<lang>.png (committed: the
build copies them, it never draws).

    python tools/cards.py [SITE_DIR]   (make cards; again whenever site.title changes)

SITE_DIR is a site's folder (its data/events.yaml and mkdocs.yml; default: this repository),
for example one that `python -m eventsite init` wrote.

Each PNG carries the name it shows in an iTXt chunk (keyword "eventsite:title"), so that a
test can tell a card that no longer shows the data's name without reading pixels.
"""

from __future__ import annotations

import html
import struct
import sys
import zlib
from pathlib import Path

from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from eventsite.languages import direction  # noqa: E402
from eventsite.loader import load_site  # noqa: E402

KEYWORD = b"eventsite:title"
WIDTH, HEIGHT = 1200, 630
ICON = ("M19 4h-1V2h-2v2H8V2H6v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2"
        "m0 16H5V9h14zM7 11h5v5H7z")


def card_html(title: str, lang: str, primary: str, dark: str) -> str:
    return f"""<!doctype html><html lang="{lang}" dir="{direction(lang)}"><meta charset="utf-8">
<style>
  html, body {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; background: {primary}; color: #fff;
    font-family: "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif; }}
  main {{ box-sizing: border-box; height: 560px; padding: 80px 96px; display: flex; flex-direction: column;
    justify-content: center; gap: 48px; }}
  h1 {{ margin: 0; font-size: 76px; line-height: 1.2; font-weight: 700; }}
  footer {{ height: 70px; background: {dark}; }}
</style>
<main><svg width="120" height="120" viewBox="0 0 24 24" aria-hidden="true"><path fill="#fff" d="{ICON}"/></svg>
<h1>{html.escape(title)}</h1></main><footer></footer></html>"""


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_title(png: bytes, title: str) -> bytes:
    """The PNG with an uncompressed iTXt chunk holding `title`, right after IHDR."""
    ihdr_end = 8 + 4 + 4 + 13 + 4
    text = KEYWORD + b"\0\0\0" + b"\0" + b"\0" + title.encode("utf-8")  # no compression, no language tag
    return png[:ihdr_end] + chunk(b"iTXt", text) + png[ihdr_end:]


def title_of(png: bytes) -> str | None:
    """The title a card was drawn with (its iTXt chunk), or None."""
    at = 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        kind, data = png[at + 4:at + 8], png[at + 8:at + 8 + length]
        if kind == b"iTXt" and data.startswith(KEYWORD + b"\0"):
            return data[len(KEYWORD) + 5:].decode("utf-8")
        at += 12 + length
    return None


def main(argv: list[str]) -> int:
    folder = Path(argv[0]).resolve() if argv else ROOT
    site = load_site(folder / "data" / "events.yaml")
    brand = load_config(str(folder / "mkdocs.yml")).extra["eventsite"]["brand"]
    out = folder / "overrides" / "assets" / "cards"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for lang in site.languages:
            title = site.site.title.get(lang)
            page.set_content(card_html(title, lang, brand["primary"], brand["primary_dark"]))
            (out / f"{lang}.png").write_bytes(with_title(page.screenshot(type="png"), title))
            print(out / f"{lang}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
