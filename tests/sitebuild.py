"""Build the site into a folder as a user would (a fresh process): `make site`'s parallel
build (`python -m eventsite_mkdocs build`) or, with `parallel=False`, `mkdocs build`."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
SITE_URL = "https://example.org/events/"  # where the test builds are published


def build_site(target: Path, data: Path | None = None, epoch: str = "1780000000",
               site_url: str | None = SITE_URL, parallel: bool = True,
               **environ: str) -> subprocess.CompletedProcess:
    """Build into `target`; `site_url=None` leaves SITE_URL unset, `environ` adds variables."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1", **environ}
    env.pop("SITE_URL", None)
    if site_url is not None:
        env["SITE_URL"] = site_url
    if data is not None:
        env["EVENTSITE_DATA"] = str(data)
    command = ([sys.executable, "-m", "eventsite_mkdocs", "build", "-d", str(target)] if parallel
               else [str(MKDOCS), "build", "--strict", "-q", "-d", str(target)])
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of <script> elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data):
        if self._script is not None:
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def find(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag
                and all(attrs.get(key.rstrip("_")) == value for key, value in wanted.items())]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class VisibleText(HTMLParser):
    """The text a reader sees without scripts: `hidden` elements, <script> and <style> left out."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[bool] = []  # for each open element: is it (or an ancestor) unseen?
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        unseen = bool(self._open and self._open[-1]) or tag in ("script", "style") \
            or any(name == "hidden" for name, _ in attrs)
        self._open.append(unseen)

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if not (self._open and self._open[-1]):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def visible_text(html: str) -> str:
    return VisibleText(html).text
