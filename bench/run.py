"""Benchmarks of the site generator: figures to watch, never timed tests.

Run:  make bench            (= .venv/bin/python bench/run.py)
      .venv/bin/python bench/run.py --quick            (50 and 200 events only)
      .venv/bin/python bench/run.py --sizes 50,200,1000 --repeat 2 --no-lighthouse

It prints every figure and rewrites bench/RESULTS.md (machine, date, command, figures
against the targets). Parts:

1. Build scaling: `mkdocs build` of synthetic six-language data (bench_validate.synthetic_yaml)
   in a fresh process, against a baseline: the same pages as plain Markdown files built by
   the same MkDocs configuration without our hooks. Min of --repeat runs.
2. Validation of 1,000 events (eventsite.loader.parse_site).
3. Page weight of the real site (data/events.yaml) for a first-time visitor, measured in
   headless chromium (Playwright) on 127.0.0.1, and which search index is fetched when.
4. Lighthouse (mobile preset) scores of the same pages.
5. Where build time goes: cProfile of one build (--profile-size events).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import pstats
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench_validate import synthetic_yaml  # noqa: E402

from eventsite import dates, pages  # noqa: E402
from eventsite.languages import DEFAULT_LANGUAGE, LANGUAGES, url_prefix  # noqa: E402
from eventsite.loader import parse_site  # noqa: E402
from eventsite.model import Event, Site  # noqa: E402
from eventsite.ui import t  # noqa: E402

PYTHON = Path(sys.executable)
MKDOCS = PYTHON.parent / "mkdocs"
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage"]
EPOCH = "1780000000"  # fixed build date for the synthetic builds (2026-05-28)
EVENT_PAGE = "wsis-forum-2026"
HAND_WRITTEN = ("index", "deadlines", "venue", "documents", "about")

# Targets (from the project brief); the script reports against them, it never fails on them.
TARGET_RATIO = 1.10
TARGET_WALL_1000 = 45.0
TARGET_RSS_1000_MB = 300.0
TARGET_FLAT = 1.25  # "flat": ms/page at the largest size within 1.25x of the smallest
TARGET_VALIDATE = 0.3
TARGET_WEIGHT_KB = 50.0
TARGET_LIGHTHOUSE = 100

# Runs `mkdocs build` and reports its wall time and peak RSS (of that process alone).
MEASURE = r"""
import json, resource, subprocess, sys, time
began = time.perf_counter()
done = subprocess.run(sys.argv[2:], capture_output=True, text=True)
wall = time.perf_counter() - began
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"wall": wall, "maxrss_kb": usage.ru_maxrss, "user": usage.ru_utime, "sys": usage.ru_stime,
               "rc": done.returncode, "stderr": done.stderr[-4000:]}, out)
"""


ERRORS: list[str] = []  # what could not be measured, and why (written to the results)


def log(message: str = "") -> None:
    print(message, flush=True)


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version
            versions[package] = version(package)
    chromium = run_text([CHROMIUM, "--version"])
    lighthouse = run_text([str(LIGHTHOUSE), "--version"]) if LIGHTHOUSE.exists() else "not installed"
    return {
        "CPU": cpu,
        "nproc": str(os.cpu_count()) + f" (usable: {len(os.sched_getaffinity(0))})",
        "memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": versions.get("mkdocs", "?"),
        "Material": versions.get("mkdocs-material", "?"),
        "mkdocs-static-i18n": versions.get("mkdocs-static-i18n", "?"),
        "Node": run_text(["node", "--version"]),
        "Chromium": chromium,
        "Lighthouse": lighthouse,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def run_text(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        return f"unavailable ({error})"
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip() and "[:" not in line]
    return lines[-1].strip() if lines else "?"


# --------------------------------------------------------------------------- builds


@dataclass
class Run:
    wall: float
    rss_mb: float
    cpu: float
    files: int
    size: int


@dataclass
class Scaling:
    events: int
    pages: int
    ours: list[Run] = field(default_factory=list)
    base: list[Run] = field(default_factory=list)

    @staticmethod
    def best(runs: list[Run]) -> Run:
        return Run(min(r.wall for r in runs), min(r.rss_mb for r in runs), min(r.cpu for r in runs),
                   runs[0].files, runs[0].size)


def measured_build(config: Path, site_dir: Path, env: dict[str, str], cwd: Path) -> Run:
    """One `mkdocs build` in a fresh process, as a user runs it."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    with tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        command = [str(PYTHON), "-c", MEASURE, report.name, str(MKDOCS), "build", "--strict", "-q",
                   "-f", str(config), "-d", str(site_dir)]
        subprocess.run(command, cwd=cwd, env=env, check=True, timeout=1800)
        figures = json.loads(Path(report.name).read_text())
    if figures["rc"] != 0:
        raise RuntimeError(f"mkdocs build failed ({config}):\n{figures['stderr']}")
    files, size = tree_size(site_dir)
    return Run(figures["wall"], figures["maxrss_kb"] / 1024, figures["user"] + figures["sys"], files, size)


def tree_size(folder: Path) -> tuple[int, int]:
    files = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size


def build_env(data: Path | None = None, site_url: str = "https://example.org/events/",
              epoch: str | None = EPOCH) -> dict[str, str]:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    else:
        env.pop("SOURCE_DATE_EPOCH", None)
    if data is not None:
        env["EVENTSITE_DATA"] = str(data)
    return env


def baseline_config(target: Path) -> Path:
    """mkdocs.yml without `hooks:` (and `watch:`), with its own docs_dir. The theme overrides'
    templates need what the hooks give them (globals, page data), so the baseline keeps only
    their static files (CSS, JS, favicon) and Material's own templates."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    kept, skipping = [], False
    for line in text.splitlines():
        top_key = re.match(r"^([A-Za-z_]+):", line)
        if top_key:
            skipping = top_key[1] in ("hooks", "watch")
        if not skipping:
            kept.append(line)
    text = "\n".join(kept) + "\n"
    text = re.sub(r"(?m)^docs_dir:.*$", "docs_dir: docs", text)
    text = re.sub(r"(?m)^(\s*custom_dir:).*$", r"\1 overrides", text)
    shutil.copytree(ROOT / "overrides" / "assets", target / "overrides" / "assets")
    config = target / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def md(text: str) -> str:
    return pages.escape_markdown(text)


def event_link(event: Event, lang: str) -> str:
    return f"[{md(event.title.get(lang))}](events/{event.id}.md)"


def baseline_event(site: Site, event: Event, lang: str, today: dt.date) -> str:
    """An event page as plain Markdown: the same title and body text as the generated page."""
    meta = {"title": event.title.get(lang), "description": event.summary.get(lang)}
    out = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()), "---", "",
           f"# {md(event.title.get(lang))}", "",
           f"**{dates.format_date_range(event.start, event.end, lang)}** "
           f"({t('site.status.' + pages.timing(event.start, event.end, today), lang)})", ""]
    if event.venue:
        venue = site.venue(event.venue)
        where = venue.name.get(lang) + (f", {venue.address.get(lang)}" if venue.address else "")
        out += [md(where), "", md(t("site.timezone", lang, zone=venue.timezone)), ""]
    out += [md(event.summary.get(lang)), ""]
    if event.description:
        out += [md(part.strip()) + "\n" for part in event.description.get(lang).split("\n\n") if part.strip()]
    for key, ids in (("site.organisers", event.organisers), ("site.hosts", event.hosts),
                     ("site.partners", event.partners)):
        if ids:
            names = t("site.list_separator", lang).join(site.organisation(i).name.get(lang) for i in ids)
            out += [f"**{md(t(key, lang))}**: {md(names)}", ""]
    if event.participation:
        out += [f"## {md(t('site.participation', lang))}", "", md(event.participation.get(lang)), ""]
    if event.sessions:
        out += [f"## {md(t('site.programme', lang))}", ""]
        for number, session in enumerate(event.sessions, 1):
            when = dates.format_moment(session.start, lang)
            if session.end and session.end != session.start:
                when += " – " + dates.format_moment(session.end, lang)
            out.append(f"{number}. {md(when)} — **{md(session.title.get(lang))}**")
        out.append("")
    if event.deadlines:
        out += [f"## {md(t('site.deadlines', lang))}", ""]
        for deadline in event.deadlines:
            line = f"- {md(dates.format_day(deadline.date, lang))}: {md(deadline.title.get(lang))}"
            if deadline.description:
                line += f" — {md(deadline.description.get(lang))}"
            out.append(line)
        out.append("")
    if event.documents:
        out += [f"## {md(t('site.documents', lang))}", ""]
        for doc_id in event.documents:
            document = site.document(doc_id)
            label = md(" ".join(filter(None, [document.symbol, document.title.get(lang)])))
            out.append(f"- [{label}]({document.url})" if document.url else f"- {label}")
        out.append("")
    if event.contacts:
        out += [f"## {md(t('site.contacts', lang))}", ""]
        for contact in event.contacts:
            parts = [contact.name.get(lang) if contact.name else None, contact.email, contact.phone]
            out.append("- " + md(", ".join(filter(None, parts))))
        out.append("")
    if event.links:
        out += [f"- [{md(link.label.get(lang))}]({link.url})" for link in event.links] + [""]
    return "\n".join(out)


def baseline_extra(site: Site, page: str, lang: str, today: dt.date) -> list[str]:
    """The data part of a hand-written page as plain Markdown."""
    out: list[str] = [""]
    if page == "index":
        sections = pages.home_sections(site, today)
        for key, events in (("site.upcoming_events", sections["upcoming"]), ("site.past_events", sections["past"])):
            out += [f"## {md(t(key, lang))}", ""]
            out += [f"- {event_link(e, lang)} — {md(dates.format_date_range(e.start, e.end, lang))}: "
                    f"{md(e.summary.get(lang))}" for e in events] + [""]
        out += [f"## {md(t('site.next_deadlines', lang))}", ""]
        out += [f"- {md(dates.format_day(d.date, lang))}: {md(d.title.get(lang))} ({event_link(e, lang)})"
                for e, d in sections["deadlines"]] + [""]
    elif page == "deadlines":
        out += [f"- {md(dates.format_day(d.date, lang))}: {md(d.title.get(lang))} ({event_link(e, lang)})"
                for e, d in site.all_deadlines()]
    elif page == "venue":
        for venue in site.venues:
            out += [f"## {md(venue.name.get(lang))}", ""]
            if venue.address:
                out += [md(venue.address.get(lang)), ""]
    elif page == "documents":
        for document in site.documents:
            label = md(" ".join(filter(None, [document.symbol, document.title.get(lang)])))
            out.append(f"- {md(dates.format_day(document.date, lang))}: "
                       + (f"[{label}]({document.url})" if document.url else label))
    return out


def write_baseline(site: Site, target: Path, today: dt.date) -> Path:
    """docs/<lang>/events/<id>.md plus the hand-written pages, as plain Markdown."""
    config = baseline_config(target)
    for lang in LANGUAGES:
        folder = target / "docs" / lang
        (folder / "events").mkdir(parents=True, exist_ok=True)
        for page in HAND_WRITTEN:
            source = (ROOT / "docs" / lang / f"{page}.md").read_text(encoding="utf-8")
            source = re.sub(r"(?m)^eventsite:.*\n", "", source)
            source = re.sub(r"^---\n---\n", "", source)
            (folder / f"{page}.md").write_text(source + "\n".join(baseline_extra(site, page, lang, today)) + "\n",
                                               encoding="utf-8")
        for event in site.events:
            (folder / "events" / f"{event.id}.md").write_text(baseline_event(site, event, lang, today),
                                                               encoding="utf-8")
    return config


def bench_scaling(sizes: list[int], repeat: int, work: Path) -> list[Scaling]:
    results = []
    today = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date()
    for n in sizes:
        folder = work / f"scale-{n}"
        folder.mkdir(parents=True)
        data = folder / "events.yaml"
        data.write_text(synthetic_yaml(n), encoding="utf-8")
        site, problems = parse_site(data.read_bytes(), str(data))
        if site is None:
            raise RuntimeError(f"synthetic data is invalid: {problems[:3]}")
        base_config = write_baseline(site, folder / "baseline", today)
        result = Scaling(n, (n + len(HAND_WRITTEN)) * len(LANGUAGES))
        env = build_env(data)
        for attempt in range(repeat):
            for label, config, cwd, runs in (("ours", ROOT / "mkdocs.yml", ROOT, result.ours),
                                             ("baseline", base_config, base_config.parent, result.base)):
                try:
                    run = measured_build(config, folder / f"site-{label}", env, cwd)
                except (RuntimeError, subprocess.SubprocessError) as error:
                    ERRORS.append(f"{n} events, {label}: {error}")
                    log(f"  {n:5d} events  {label:8s} FAILED: {error}")
                    shutil.rmtree(folder)
                    return results
                runs.append(run)
                log(f"  {n:5d} events  {label:8s} run {attempt + 1}: {run.wall:6.1f} s wall, "
                    f"{run.cpu:6.1f} s CPU, {run.rss_mb:5.0f} MB peak, {run.files} files, {run.size / 1e6:.1f} MB")
        ours, base = Scaling.best(result.ours), Scaling.best(result.base)
        log(f"  {n:5d} events  ratio ours/baseline (min wall): {ours.wall / base.wall:.2f}; "
            f"{ours.wall / result.pages * 1000:.1f} ms/page (ours), {base.wall / result.pages * 1000:.1f} ms/page "
            f"(baseline)")
        results.append(result)
        shutil.rmtree(folder)
    return results


# --------------------------------------------------------------------------- profile


PHASES = [  # (label, file suffix, function name): cumulative time under cProfile
    ("eventsite hook: on_config (load + validate data)", "hooks/eventsite_hooks.py", "on_config"),
    ("eventsite hook: on_files (add event pages)", "hooks/eventsite_hooks.py", "on_files"),
    ("eventsite hook: on_files after i18n (page sources)", "hooks/eventsite_after_i18n.py", "on_files"),
    ("eventsite hook: on_page_content (render data part)", "hooks/eventsite_hooks.py", "on_page_content"),
    ("eventsite hook: on_page_context (hreflang)", "hooks/eventsite_hooks.py", "on_page_context"),
    ("eventsite hook: on_post_build (calendar feeds, 404)", "hooks/eventsite_hooks.py", "on_post_build"),
    ("  of which calendars.feeds", "eventsite/calendars.py", "feeds"),
    ("    of which VTIMEZONE (icalendar Timezone.from_tzid)", "icalendar/cal/timezone.py", "from_tzid"),
    ("    of which serialising (Component.to_ical)", "icalendar/cal/component.py", "to_ical"),
    ("eventsite hook: on_post_build after i18n (split search index)", "hooks/eventsite_after_i18n.py",
     "on_post_build"),
    ("MkDocs: _build_page (Markdown, theme templates, write)", "mkdocs/commands/build.py", "_build_page"),
    ("MkDocs: _populate_page (read + Markdown)", "mkdocs/commands/build.py", "_populate_page"),
    ("Material search: on_page_context (index every page)", "material/plugins/search/plugin.py",
     "on_page_context"),
    ("Material search: on_post_build (write index)", "material/plugins/search/plugin.py", "on_post_build"),
    ("i18n: reconfigure_files", "mkdocs_static_i18n/reconfigure.py", "reconfigure_files"),
]


def bench_profile(n: int, work: Path) -> dict:
    """cProfile of one `mkdocs build` of n synthetic events (times are inflated by the profiler)."""
    folder = work / f"profile-{n}"
    folder.mkdir(parents=True)
    data = folder / "events.yaml"
    data.write_text(synthetic_yaml(n), encoding="utf-8")
    output = folder / "profile.out"
    command = [str(PYTHON), "-m", "cProfile", "-o", str(output), str(MKDOCS), "build", "--strict", "-q",
               "-d", str(folder / "site")]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=build_env(data), capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    stats = pstats.Stats(str(output))
    table = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in table.values())
    phases = []
    for label, suffix, name in PHASES:
        cumulative = sum(ct for (file, _, func), (_, _, _, ct, _) in table.items()
                         if func == name and file.replace("\\", "/").endswith(suffix))
        phases.append((label, cumulative))
    by_package: dict[str, float] = {}
    for (file, _, _), (_, _, tottime, _, _) in table.items():
        by_package[package_of(file)] = by_package.get(package_of(file), 0.0) + tottime
    top = sorted(((tt, f"{short(file)}:{line}({func})") for (file, line, func), (_, _, tt, _, _) in table.items()),
                 reverse=True)[:10]
    shutil.rmtree(folder)
    return {"events": n, "wall": wall, "total": total, "phases": phases,
            "packages": sorted(by_package.items(), key=lambda item: -item[1])[:10], "top": top}


def package_of(file: str) -> str:
    file = file.replace("\\", "/")
    if "site-packages/" in file:
        return file.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/work/" in file or file.startswith(str(ROOT)):
        return file[len(str(ROOT)) + 1:].split("/", 1)[0] if file.startswith(str(ROOT)) else file
    if file.startswith("~") or file.startswith("<"):
        return "builtins"
    return "stdlib"


def short(file: str) -> str:
    file = file.replace("\\", "/")
    return file.split("site-packages/", 1)[-1].replace(str(ROOT) + "/", "")


# --------------------------------------------------------------------------- server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".json": "application/json",
                      ".svg": "image/svg+xml", ".ics": "text/calendar", ".js": "text/javascript",
                      ".woff2": "font/woff2", ".webmanifest": "application/manifest+json"}

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".txt")

    def log_message(self, format, *args):  # noqa: A002
        pass

    def send_head(self):
        """Like a real static host (GitHub Pages): gzip text files when the client accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in self.COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_request(self, code="-", size="-"):
        self.server.requests.append((time.monotonic(), self.path, str(code)))  # type: ignore[attr-defined]


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


@contextlib.contextmanager
def serve(folder: Path, port: int):
    server = Server(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(folder)))
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_urls(base: str) -> list[tuple[str, str, str]]:
    """(language, page name, URL) of the home and the event page in each language."""
    urls = []
    for lang in LANGUAGES:
        urls.append((lang, "home", f"{base}{url_prefix(lang)}"))
        urls.append((lang, "event", f"{base}{url_prefix(lang)}events/{EVENT_PAGE}/"))
    return urls


# --------------------------------------------------------------------------- page weight


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
    with serve(site_dir, port) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS[1:], headless=True)
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
                server.requests.clear()
                page.goto(url, wait_until="networkidle")
                page.wait_for_timeout(500)
                load_requests = [path for _, path, _ in server.requests]
                load_responses = dict(seen)
                # Then search: which index is fetched, when the reader types.
                server.requests.clear()
                searched = search_and_wait(page, server, any("search_index" in p for p in load_requests))
                search_requests = [path for _, path, _ in server.requests]
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


def search_and_wait(page, server, index_loaded: bool) -> str:
    """Open the search box and type; returns what the results area showed."""
    try:
        box = page.locator("input.md-search__input")
        if not box.is_visible():
            page.locator("label.md-header__button[for='__search']").first.click()
        box.click()
        box.type("WSIS", delay=50)
        deadline = time.monotonic() + (2 if index_loaded else 8)
        while time.monotonic() < deadline:
            if any("search_index" in path for _, path, _ in server.requests):
                break
            page.wait_for_timeout(100)
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                               " return m && m.textContent.trim().length > 0; }", timeout=5000)
        return meta.inner_text().strip() if meta.count() else "(no results area)"
    except Exception as error:  # report, do not fail the whole benchmark
        return f"search could not be driven: {type(error).__name__}: {str(error).splitlines()[0]}"


# --------------------------------------------------------------------------- lighthouse


def bench_lighthouse(site_dir: Path, port: int) -> tuple[list[dict], str | None]:
    if not LIGHTHOUSE.exists():
        return [], f"{LIGHTHOUSE} not found (npm ci --ignore-scripts installs it from package-lock.json)"
    base = f"http://127.0.0.1:{port}/"
    results = []
    error = None
    with serve(site_dir, port):
        for lang, name, url in page_urls(base):
            with tempfile.TemporaryDirectory(prefix="lh-profile-") as profile:
                flags = CHROME_FLAGS + [f"--user-data-dir={profile}"]
                command = [str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}", f"--chrome-flags={' '.join(flags)}",
                           "--only-categories=performance,accessibility,best-practices,seo",
                           "--output=json", "--quiet"]
                began = time.perf_counter()
                try:
                    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
                except subprocess.TimeoutExpired:
                    error = error or f"timed out after 300 s: {shlex.join(command)}"
                    continue
                took = time.perf_counter() - began
            if done.returncode != 0 or not done.stdout.strip().startswith("{"):
                error = error or f"exit {done.returncode}: {(done.stderr or done.stdout).strip()[-1500:]}"
                log(f"  {lang} {name}: lighthouse failed: {error}")
                continue
            report = json.loads(done.stdout)
            scores = {key: category.get("score") for key, category in report["categories"].items()}
            misses = []
            for key, category in report["categories"].items():
                for ref in category["auditRefs"]:
                    audit = report["audits"].get(ref["id"], {})
                    score = audit.get("score")
                    if ref.get("weight", 0) > 0 and score is not None and score < 1:
                        misses.append(f"{key}:{ref['id']}" + (f" ({audit.get('displayValue')})"
                                                              if audit.get("displayValue") else ""))
            details = {}
            for audit_id in ("render-blocking-insight", "layout-shifts", "aria-dialog-name",
                             "largest-contentful-paint-element", "uses-text-compression"):
                audit = report["audits"].get(audit_id) or {}
                cls = report["audits"].get("cumulative-layout-shift", {}).get("numericValue") or 0
                if (audit.get("score") is not None and audit["score"] < 1
                        or audit_id == "largest-contentful-paint-element" or (audit_id == "layout-shifts" and cls > 0.01)):
                    details[audit_id] = audit_items(audit)
            metrics = {key: report["audits"].get(key, {}).get("displayValue") for key in
                       ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                        "cumulative-layout-shift", "speed-index")}
            runtime_error = report.get("runtimeError", {}).get("message")
            results.append({"lang": lang, "page": name, "url": url, "scores": scores, "misses": misses,
                            "seconds": took, "runtime_error": runtime_error, "details": details, "metrics": metrics,
                            "warnings": report.get("runWarnings", [])})
            log(f"  {lang} {name:5s} " + " ".join(f"{k}={fmt_score(v)}" for k, v in scores.items())
                + (f"  below 1: {', '.join(misses)}" if misses else "") + f"  ({took:.0f} s)")
    return results, error


def audit_items(audit: dict) -> list[str]:
    """The first items of a Lighthouse audit's details: a URL or an element, with the time it costs."""
    items = (audit.get("details") or {}).get("items") or []
    if items and items[0].get("type") == "table":  # a list of tables (e.g. LCP element)
        items = items[0].get("items") or []
    shown = []
    for item in items[:4]:
        node = item.get("node") if isinstance(item.get("node"), dict) else {}
        what = item.get("url") or node.get("selector") or node.get("value") or ""
        if not what:
            continue
        what = urlsplit(what).path if what.startswith("http") else what
        extra = [f"{item['wastedMs']:.0f} ms" if item.get("wastedMs") else "",
                 f"{item['totalBytes'] / 1024:.1f} KB" if item.get("totalBytes") else "",
                 f"shift {item['score']:.3f}" if isinstance(item.get("score"), float) else ""]
        extra = [e for e in extra if e]
        shown.append(what + (f" ({', '.join(extra)})" if extra else ""))
    return shown


def fmt_score(score) -> str:
    return "n/a" if score is None else str(round(score * 100))


# --------------------------------------------------------------------------- validation


def bench_validation(n: int = 1000, runs: int = 5) -> dict:
    data = synthetic_yaml(n).encode("utf-8")
    site, problems = parse_site(data, "synthetic.yaml")
    if site is None:
        raise RuntimeError(f"synthetic data is invalid: {problems[:3]}")
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        parse_site(data, "synthetic.yaml")
        timings.append(time.perf_counter() - began)
    return {"events": n, "bytes": len(data), "min": min(timings), "median": sorted(timings)[len(timings) // 2],
            "runs": runs}


# --------------------------------------------------------------------------- report


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def write_results(path: Path, info: dict[str, str], command: str, started: dt.datetime, duration: float,
                  scaling: list[Scaling], validation: dict | None, weights: list[dict] | None,
                  lighthouse: list[dict] | None, lighthouse_error: str | None, profile: dict | None,
                  repeat: int) -> None:
    out = ["# Benchmark results", "",
           "Written by `bench/run.py` (figures to watch, not tests; nothing here fails a build). "
           "Re-run with `make bench`; `--quick` measures 50 and 200 events only.", "",
           f"- Date: {started.strftime('%Y-%m-%d %H:%M %Z')}",
           f"- Command: `{command}` ({duration / 60:.1f} min in all)"]
    out += [f"- {key}: {value}" for key, value in info.items()]
    out += ["", "## Targets", "", "| target | figure | verdict |", "| --- | --- | --- |"]
    largest = max(scaling, key=lambda s: s.events) if scaling else None
    if scaling:
        for item in scaling:
            ours, base = Scaling.best(item.ours), Scaling.best(item.base)
            ratio = ours.wall / base.wall
            out.append(f"| build time ours / baseline <= {TARGET_RATIO:.2f} ({item.events} events) "
                       f"| {ratio:.2f} ({ours.wall:.1f} s / {base.wall:.1f} s) | {verdict(ratio <= TARGET_RATIO)} |")
        if largest and largest.events == 1000:
            ours = Scaling.best(largest.ours)
            out.append(f"| 1,000 events x 6 languages: build < {TARGET_WALL_1000:.0f} s | {ours.wall:.1f} s "
                       f"| {verdict(ours.wall < TARGET_WALL_1000)} |")
            out.append(f"| 1,000 events x 6 languages: peak memory < {TARGET_RSS_1000_MB:.0f} MB | "
                       f"{ours.rss_mb:.0f} MB | {verdict(ours.rss_mb < TARGET_RSS_1000_MB)} |")
        else:
            out.append("| 1,000 events x 6 languages: build < 45 s, < 300 MB | not measured (size not run) | n/a |")
        if len(scaling) > 1:
            small, big = scaling[0], scaling[-1]
            per_small = Scaling.best(small.ours).wall / small.pages
            per_big = Scaling.best(big.ours).wall / big.pages
            out.append(f"| time per page flat ({small.events} -> {big.events} events; within {TARGET_FLAT}x) | "
                       f"{per_small * 1000:.1f} -> {per_big * 1000:.1f} ms/page ({per_big / per_small:.2f}x) | "
                       f"{verdict(per_big / per_small <= TARGET_FLAT)} |")
    if validation:
        out.append(f"| validate 1,000 events < {TARGET_VALIDATE} s | {validation['min']:.3f} s "
                   f"| {verdict(validation['min'] < TARGET_VALIDATE)} |")
    if weights:
        heaviest = max(weights, key=lambda w: w["counted"])
        out.append(f"| page weight < {TARGET_WEIGHT_KB:.0f} KB gzip (12 pages) | largest: {heaviest['lang']} "
                   f"{heaviest['page']} {heaviest['counted'] / 1024:.1f} KB | "
                   f"{verdict(all(w['counted'] / 1024 < TARGET_WEIGHT_KB for w in weights))} |")
        eager = [w for w in weights if w["eager_index"]]
        own = [w for w in weights
               if set(w["eager_index"] + w["search_index"]) == {f"/{url_prefix(w['lang'])}search/search_index.json"}]
        out.append(f"| search index not loaded before searching | fetched on load by {len(eager)} of "
                   f"{len(weights)} pages | {verdict(not eager)} |")
        out.append(f"| search fetches only the reader's language index | {len(own)} of {len(weights)} pages "
                   f"| {verdict(len(own) == len(weights))} |")
    if lighthouse:
        for key in ("performance", "accessibility", "best-practices", "seo"):
            values = [r["scores"].get(key) for r in lighthouse]
            known = [v for v in values if v is not None]
            low = min(known) if known else None
            out.append(f"| Lighthouse {key} = {TARGET_LIGHTHOUSE} ({len(lighthouse)} pages) | min "
                       f"{fmt_score(low)}, max {fmt_score(max(known) if known else None)} | "
                       f"{verdict(None if low is None else round(low * 100) >= TARGET_LIGHTHOUSE)} |")
    if lighthouse_error and not lighthouse:
        out.append(f"| Lighthouse 100 each | could not run: `{lighthouse_error[:300]}` | n/a |")

    if scaling:
        out += ["", "## 1. Build scaling", "",
                f"`mkdocs build --strict` in a fresh process, min of {repeat} runs each (wall time, CPU = user+sys, "
                "peak RSS of the mkdocs process from getrusage(RUSAGE_CHILDREN)). Pages = (events + 5 hand-written) "
                "x 6 languages. Baseline: the same pages as plain Markdown files (docs/<lang>/events/<id>.md with the "
                "same titles and body text, the hand-written pages with their data lists as Markdown), built by a "
                "copy of mkdocs.yml without `hooks:` (no calendar feeds, no per-language search index, no data "
                "pages rendered from templates).", "",
                "| events | pages | build | wall (s) | CPU (s) | ms/page | peak (MB) | output | files | ours/baseline |",
                "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for item in scaling:
            ours, base = Scaling.best(item.ours), Scaling.best(item.base)
            for label, run in (("ours", ours), ("baseline", base)):
                ratio = f"{ours.wall / base.wall:.2f}" if label == "ours" else ""
                out.append(f"| {item.events} | {item.pages} | {label} | {run.wall:.1f} | {run.cpu:.1f} | "
                           f"{run.wall / item.pages * 1000:.1f} | {run.rss_mb:.0f} | {run.size / 1e6:.1f} MB | "
                           f"{run.files} | {ratio} |")
        if len(scaling) > 1:
            a, b = scaling[-2], scaling[-1]
            slope = (Scaling.best(b.ours).wall - Scaling.best(a.ours).wall) / (b.pages - a.pages) * 1000
            slope_base = (Scaling.best(b.base).wall - Scaling.best(a.base).wall) / (b.pages - a.pages) * 1000
            out += ["", f"Marginal cost per extra page ({a.events} -> {b.events} events): {slope:.1f} ms (ours), "
                    f"{slope_base:.1f} ms (baseline)."]
        out += ["", "All runs (wall s / peak MB):", ""]
        for item in scaling:
            out.append(f"- {item.events} events: ours " + ", ".join(f"{r.wall:.1f}/{r.rss_mb:.0f}" for r in item.ours)
                       + "; baseline " + ", ".join(f"{r.wall:.1f}/{r.rss_mb:.0f}" for r in item.base))

    if profile:
        out += ["", f"## Where build time goes ({profile['events']} events, cProfile)", "",
                f"One `mkdocs build` under cProfile: {profile['wall']:.1f} s wall with the profiler "
                f"(its overhead inflates every figure; read the shares). Cumulative time per phase, summed over "
                "the six language builds:", "", "| phase | cumulative (s) | share |", "| --- | ---: | ---: |"]
        for label, seconds in profile["phases"]:
            out.append(f"| {label.replace('  ', '&nbsp;&nbsp;')} | {seconds:.1f} | "
                       f"{seconds / profile['total'] * 100:.0f}% |")
        out += ["", "Own time by package: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds
                                                        in profile["packages"]) + ".", "",
                "Functions with the most own time:", ""]
        out += [f"- {seconds:.1f} s {where}" for seconds, where in profile["top"]]

    if validation:
        out += ["", "## 2. Validation", "",
                f"`eventsite.loader.parse_site` on {validation['events']} synthetic events "
                f"({validation['bytes'] / 1e6:.1f} MB of YAML), {validation['runs']} runs: min "
                f"{validation['min']:.3f} s, median {validation['median']:.3f} s."]

    if weights:
        out += ["", "## 3. Page weight (first visit)", "",
                "The real site (data/events.yaml) served on 127.0.0.1 by a threaded HTTP server (gzip like a static host), each page loaded "
                "in a fresh headless chromium context (Playwright) until the network is idle. Sizes are every "
                "response body gzip-compressed at level 6, in KB (1,024 bytes). Counted = HTML + CSS + JS + fonts + "
                "images. Then the search box is clicked and 'WSIS' typed: which index is fetched.", "",
                "| lang | page | counted | html | css | js | font | image | largest file | index on load "
                "| index after typing | search showed |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |"]
        for w in weights:
            k = w["by_kind"]
            out.append(f"| {w['lang']} | {w['page']} | {w['counted'] / 1024:.1f} | "
                       + " | ".join(f"{k.get(kind, 0) / 1024:.1f}" for kind in ("html", "css", "js", "font", "image"))
                       + f" | `{w['largest'][0]}` {w['largest'][1] / 1024:.1f} | "
                       f"{', '.join(w['eager_index']) or 'no'} | {', '.join(w['search_index']) or 'none'} | "
                       f"{w['search_results'][:60]} |")
        sample = weights[0]
        out += ["", f"Responses for {sample['url']} (gzip bytes):", ""]
        out += [f"- `{urlsplit(e['url']).path}` {e['kind']} {e['gzip']:,} (raw {e['raw']:,})"
                + (" [server log]" if e.get("from_server_log") else "")
                for e in sorted(sample["entries"], key=lambda e: -e["gzip"])]

    if lighthouse or lighthouse_error:
        out += ["", "## 4. Lighthouse", "",
                "`lighthouse URL --chrome-path=/usr/bin/chromium --chrome-flags=\"--headless --no-sandbox ...\" "
                "--only-categories=performance,accessibility,best-practices,seo --output=json --quiet`, default "
                "(mobile) preset, pages served on 127.0.0.1 by the same server, which gzips text files as a real "
                "static host does (Lighthouse's simulated throttling counts transferred bytes).", ""]
        if lighthouse:
            out += ["| lang | page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |",
                    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
            for r in lighthouse:
                s, m = r["scores"], r["metrics"]
                out.append(f"| {r['lang']} | {r['page']} | {fmt_score(s.get('performance'))} | "
                           f"{fmt_score(s.get('accessibility'))} | {fmt_score(s.get('best-practices'))} | "
                           f"{fmt_score(s.get('seo'))} | " + " | ".join(str(m.get(key) or "") for key in (
                               "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                               "cumulative-layout-shift"))
                           + (f" (runtime error: {r['runtime_error']})" if r["runtime_error"] else "") + " |")
            out += ["", "Audits that scored below 1 (metrics under simulated slow 4G and 4x CPU slowdown), with the "
                    "pages where they did and what they point at (first such page):", ""]
            audits: dict[str, list[dict]] = {}
            for r in lighthouse:
                for miss in r["misses"]:
                    audits.setdefault(miss.split(" (")[0], []).append(r)
            for audit_id, where in audits.items():
                pages_list = ", ".join(f"{r['lang']} {r['page']}" for r in where)
                short_id = audit_id.split(":", 1)[1]
                first = where[0]
                values = [m.split(" (", 1)[1].rstrip(")") for m in first["misses"]
                          if m.split(" (")[0] == audit_id and " (" in m]
                out.append(f"- `{audit_id}`" + (f" ({values[0]} on {first['lang']} {first['page']})" if values else "")
                           + f": {len(where)} of {len(lighthouse)} pages ({pages_list})")
            shown: set[str] = set()
            for r in lighthouse:
                for audit_id, items in r["details"].items():
                    if items and audit_id not in shown:
                        shown.add(audit_id)
                        out.append(f"- `{audit_id}` on {r['lang']} {r['page']}: {'; '.join(items)}")
        if lighthouse_error:
            out += ["", f"Error: `{lighthouse_error}`"]
    if ERRORS:
        out += ["", "## Not measured", ""] + [f"- `{error[-1500:]}`" for error in ERRORS]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000", help="event counts for the build scaling (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="50 and 200 events only, profile 50")
    parser.add_argument("--repeat", type=int, default=2, help="builds per configuration; the min is reported")
    parser.add_argument("--profile-size", type=int, default=None, help="events in the cProfile build (0: skip)")
    parser.add_argument("--no-build", action="store_true", help="skip the build scaling")
    parser.add_argument("--no-weight", action="store_true", help="skip the page weight")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md", help="results file (default %(default)s)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave the results file alone")
    args = parser.parse_args(argv[1:])
    sizes = [50, 200] if args.quick else [int(size) for size in args.sizes.split(",") if size.strip()]
    profile_size = args.profile_size if args.profile_size is not None else (50 if args.quick else 200)
    command = "make bench" if len(argv) == 1 else shlex.join(["bench/run.py", *argv[1:]])
    started = dt.datetime.now().astimezone()
    began = time.perf_counter()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    info = machine()
    log("Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()))

    log("\n2. Validation (1,000 events)")
    validation = bench_validation()
    log(f"  parse_site: min {validation['min']:.3f} s, median {validation['median']:.3f} s "
        f"(target < {TARGET_VALIDATE} s)")

    scaling: list[Scaling] = []
    weights = lighthouse = profile = None
    lighthouse_error = None
    with tempfile.TemporaryDirectory(prefix="eventsite-bench-") as tmp:
        work = Path(tmp)
        if not (args.no_weight and args.no_lighthouse):
            port = free_port()
            site_dir = work / "real-site"
            log(f"\nBuilding the real site (data/events.yaml) for http://127.0.0.1:{port}/")
            done = subprocess.run([str(MKDOCS), "build", "--strict", "-q", "-d", str(site_dir)], cwd=ROOT,
                                  env=build_env(site_url=f"http://127.0.0.1:{port}/", epoch=None),
                                  capture_output=True, text=True, timeout=900)
            if done.returncode != 0:
                raise SystemExit(f"building the real site failed:\n{done.stderr[-3000:]}")
            if not args.no_weight:
                log("\n3. Page weight (gzip level 6, first visit)")
                try:
                    weights = bench_weight(site_dir, port)
                except Exception as error:  # report why, keep the other figures
                    ERRORS.append(f"page weight: {type(error).__name__}: {error}")
                    log(f"  page weight could not be measured: {type(error).__name__}: {error}")
            if not args.no_lighthouse:
                log("\n4. Lighthouse (mobile preset)")
                lighthouse, lighthouse_error = bench_lighthouse(site_dir, port)
                if lighthouse_error:
                    log(f"  lighthouse error: {lighthouse_error}")

        if not args.no_build and sizes:
            log(f"\n1. Build scaling: {', '.join(map(str, sizes))} events x 6 languages, ours vs baseline, "
                f"{args.repeat} runs each")
            scaling = bench_scaling(sizes, args.repeat, work)

        if profile_size:
            log(f"\n5. Where build time goes: cProfile of one build of {profile_size} events")
            try:
                profile = bench_profile(profile_size, work)
            except (RuntimeError, subprocess.SubprocessError) as error:
                ERRORS.append(f"profile: {error}")
                log(f"  profile failed: {error}")
            for label, seconds in (profile or {}).get("phases", []):
                log(f"  {label:62s} {seconds:6.1f} s  {seconds / profile['total'] * 100:3.0f}%")

    duration = time.perf_counter() - began
    log(f"\nTotal time: {duration / 60:.1f} min")
    if not args.no_write:
        write_results(args.output, info, command, started, duration, scaling, validation, weights, lighthouse,
                      lighthouse_error, profile, args.repeat)
        log(f"Wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
