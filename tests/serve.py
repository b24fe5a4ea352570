"""The built site as readers get it, for the browser tests and quality gates.

- `serve(root, prefix)`: a static HTTP server on 127.0.0.1 (a free port chosen by the
  system), threaded, with a large backlog (`python -m http.server` accepts only 5 waiting
  connections), `.ics` served as text/calendar, and the site's own 404 page for missing
  files, as GitHub Pages does. The site is served under the path of its `site_url`
  (/events/), so that the 404 page's absolute asset URLs work as they will when published.
- pytest fixtures, shared by tests/test_browser.py and tests/test_quality_gates.py (both
  load this module with `pytest_plugins = ["serve"]`; a test module that imports it
  directly instead would make pytest warn that it cannot rewrite its asserts): the site
  built once per session from the real data, the server, and one headless Debian
  chromium per session.
"""

from __future__ import annotations

import functools
import gzip
import io
import posixpath
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from sitebuild import ROOT, SITE_URL

CHROMIUM = Path("/usr/bin/chromium")
# Flags that work for Debian's chromium run headless as root (../shared/PLATFORM.md).
# Playwright itself starts it with a fresh temporary profile (--user-data-dir).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
NODE_MODULES = ROOT / "node_modules"


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
    }
    prefix = "/"  # the path the site is published under (from its site_url)
    gzip = False  # compress text files for clients that accept it, as a static host does
    requests: list[tuple[float, str, str]] | None = None  # (time, path, status) when logging
    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".txt")

    def translate_path(self, path):
        # The site lives under `prefix`, as at its real address; anything else is missing.
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        # A missing file gets the site's own 404 page, in the language of its folder.
        if not Path(self.translate_path(self.path)).exists():
            root = Path(self.directory)
            request = self.path.split("?", 1)[0]
            inside = request[len(self.prefix):] if request.startswith(self.prefix) else ""
            first = posixpath.normpath("/" + inside).lstrip("/").split("/", 1)[0]
            page = root / first / "404.html" if first and (root / first / "404.html").is_file() else root / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
        return self.send_compressed() or super().send_head()

    def send_compressed(self) -> io.BytesIO | None:
        """A text file gzipped, if this server compresses and the client accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not (self.gzip and "gzip" in self.headers.get("Accept-Encoding", "")
                and path.is_file() and path.suffix in self.COMPRESSIBLE):
            return None
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_request(self, code="-", size="-"):
        if self.requests is not None:
            self.requests.append((time.monotonic(), self.path, str(code)))

    def end_headers(self):
        if not self.gzip:  # the tests' server: never a stale file; the bench's: as a host does
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        pass


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A browser that closes a connection early (a page left mid-load) is not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path, prefix: str = "/", port: int = 0, compress: bool = False,
          requests: list[tuple[float, str, str]] | None = None) -> Iterator[str]:
    """Serve `root` at `prefix` until the block ends (on `port`, or one the system picks);
    yields the site's URL, http://127.0.0.1:PORT/prefix/."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    options = {"prefix": prefix, "gzip": compress, "requests": requests}
    handler = functools.partial(type("Handler", (SiteHandler,), options), directory=str(root))
    server = SiteServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def require_node_tool(relative: str) -> Path:
    path = NODE_MODULES / relative
    if not path.is_file():
        pytest.fail(f"{path} is missing: install the Node checking tools with `make node_modules/.installed` "
                    "(part of `make test`)", pytrace=False)
    return path


def require_java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing (the Nu Html Checker needs it): install it with `make system-packages` "
                    "(part of `make test`)", pytrace=False)
    return java


@pytest.fixture(scope="session")
def site_url() -> str:
    """The address real_site is built for."""
    return SITE_URL


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    """The Nu Html Checker, run by Debian's Java (the npm launcher would download a JRE)."""
    return [require_java(), "-jar", str(require_node_tool("vnu-jar/build/dist/vnu.jar"))]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    return require_node_tool("axe-core/axe.min.js")


@pytest.fixture(scope="session")
def site_address(real_site) -> Iterator[str]:  # real_site: tests/conftest.py
    """The built site served on 127.0.0.1 under /events/, as at https://example.org/events/."""
    with serve(real_site, urlsplit(SITE_URL).path) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the session (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Python Playwright is missing: install the test requirements with `make .venv/.installed` "
                    "(part of `make test`)", pytrace=False)
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium with `make system-packages` "
                    "(part of `make test`)", pytrace=False)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def serve_folder():
    """`serve(root, prefix)`, for a test that builds a site of its own (a test module must
    not import this module, see above)."""
    return serve
