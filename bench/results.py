"""bench/RESULTS.md: the figures of one run against the targets, section by section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from builds import RealSite, Scaling
from lighthouse import fmt_score

from eventsite.languages import url_prefix

# Targets (issues 10, 17, 19 and 20); the script reports against them, never fails on them.
TARGET_RATIO_1000 = 0.6  # ours (parallel) / bare engine at 1,000 events on 2 cores, wall time
TARGET_CPU_1000 = 1.2  # ours / bare engine at 1,000 events, CPU seconds of every process
TARGET_RSS_1000_MB = 300.0  # peak memory of the largest process at 1,000 events
TARGET_FLAT = 1.25  # "flat": ms/page at the largest size within 1.25x of the smallest
TARGET_REAL_SITE = 0.6  # the real site in at most 0.6x its build time before the parallel build
TARGET_VALIDATE = 1.0  # read and validate 1,000 events (issue 19: aim under 1 s)
TARGET_WEIGHT_KB = 40.0
TARGET_LIGHTHOUSE = 100


@dataclass
class Figures:
    """Everything one run measured (None or empty: not measured)."""

    info: dict[str, str]
    command: str
    started: dt.datetime
    duration: float = 0.0
    repeat: int = 1
    scaling: list[Scaling] = field(default_factory=list)
    real_site: RealSite | None = None
    validation: dict | None = None
    weights: list[dict] | None = None
    lighthouse: list[dict] | None = None
    lighthouse_error: str | None = None
    profile: dict | None = None
    load_at_end: str = ""
    pressure_at_end: str = ""
    errors: list[str] = field(default_factory=list)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def write_results(path: Path, figures: Figures) -> None:
    sections = [header, targets, scaling_section, real_site_section, profile_section, validation_section,
                weight_section, lighthouse_section, errors_section]
    out = [line for section in sections for line in section(figures)]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def header(f: Figures) -> list[str]:
    out = ["# Benchmark results", "",
           "Written by `bench/run.py` (figures to watch, not tests; nothing here fails a build). "
           "Re-run with `make bench`; `--quick` measures 50 and 200 events only.", "",
           f"- Date: {f.started.strftime('%Y-%m-%d %H:%M %Z')}",
           f"- Command: `{f.command}` ({f.duration / 60:.1f} min in all)"]
    out += [f"- {key}: {value}" for key, value in f.info.items()]
    if f.load_at_end:
        out.append(f"- load average at the end: {f.load_at_end}, CPU pressure {f.pressure_at_end} (other "
                   "engineers share the 2 cores: the parallel build needs both, so its wall times grow with the "
                   "load; each run's load is listed below, and CPU seconds are less sensitive to it)")
    return out


def targets(f: Figures) -> list[str]:
    out = ["", "## Targets", "", "| target | figure | verdict |", "| --- | --- | --- |"]
    for item in f.scaling:
        ratio, ours, base = item.ratio(), item.best("ours"), item.best("baseline")
        if ratio is not None and ours and base:
            goal = f" <= {TARGET_RATIO_1000}" if item.events == 1000 else ""
            out.append(f"| build time ours (parallel) / bare engine{goal} ({item.events} events) | {ratio:.2f} "
                       f"({ours.wall:.1f} s / {base.wall:.1f} s; CPU {ours.cpu:.1f} s / {base.cpu:.1f} s) | "
                       f"{verdict(ratio <= TARGET_RATIO_1000) if item.events == 1000 else 'figure'} |")
    big = next((item for item in f.scaling if item.events == 1000 and item.best("ours")), None)
    if big:
        ours, base = big.best("ours"), big.best("baseline")
        assert ours is not None
        if base:
            out.append(f"| build CPU ours / bare engine <= {TARGET_CPU_1000} (1000 events) | "
                       f"{ours.cpu / base.cpu:.2f} ({ours.cpu:.1f} s / {base.cpu:.1f} s) | "
                       f"{verdict(ours.cpu / base.cpu <= TARGET_CPU_1000)} |")
        out.append(f"| 1,000 events x 6 languages: peak memory of the largest process <= {TARGET_RSS_1000_MB:.0f} MB "
                   f"| {ours.rss_mb:.0f} MB | {verdict(ours.rss_mb <= TARGET_RSS_1000_MB)} |")
    else:
        out.append("| 1,000 events: ratio <= 0.6, peak <= 300 MB | not measured (size not run) | n/a |")
    measured = [item for item in f.scaling if item.best("ours")]
    if len(measured) > 1:
        small, large = measured[0], measured[-1]
        per_small = small.best("ours").wall / small.pages  # type: ignore[union-attr]
        per_large = large.best("ours").wall / large.pages  # type: ignore[union-attr]
        out.append(f"| time per page flat ({small.events} -> {large.events} events; within {TARGET_FLAT}x) | "
                   f"{per_small * 1000:.1f} -> {per_large * 1000:.1f} ms/page ({per_large / per_small:.2f}x) | "
                   f"{verdict(per_large / per_small <= TARGET_FLAT)} |")
    real = f.real_site
    if real and real.before and real.parallel:
        before, after = min(r.wall for r in real.before), min(r.wall for r in real.parallel)
        out.append(f"| real site (9 events) <= {TARGET_REAL_SITE}x its time before the parallel build | "
                   f"{after:.2f} s / {before:.2f} s = {after / before:.2f} | "
                   f"{verdict(after / before <= TARGET_REAL_SITE)} |")
    if f.validation:
        out.append(f"| validate 1,000 events < {TARGET_VALIDATE} s | {f.validation['min']:.3f} s "
                   f"| {verdict(f.validation['min'] < TARGET_VALIDATE)} |")
    if f.weights:
        weights = f.weights
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
    if f.lighthouse:
        for key in ("performance", "accessibility", "best-practices", "seo"):
            known = [v for v in (r["scores"].get(key) for r in f.lighthouse) if v is not None]
            low = min(known) if known else None
            out.append(f"| Lighthouse {key} = {TARGET_LIGHTHOUSE} ({len(f.lighthouse)} pages) | min "
                       f"{fmt_score(low)}, max {fmt_score(max(known) if known else None)} | "
                       f"{verdict(None if low is None else round(low * 100) >= TARGET_LIGHTHOUSE)} |")
    if f.lighthouse_error and not f.lighthouse:
        out.append(f"| Lighthouse 100 each | could not run: `{f.lighthouse_error[:300]}` | n/a |")
    return out


def scaling_section(f: Figures) -> list[str]:
    if not f.scaling:
        return []
    out = ["", "## 1. Build scaling", "",
           f"Fresh processes, min of {f.repeat} run(s) each: wall time, CPU = user+sys of every process, peak = "
           "the largest single process's RSS (getrusage(RUSAGE_CHILDREN) of the command). Pages = (events + 5 "
           "hand-written) x 6 languages. **ours** = `python -m eventsite_mkdocs build` (`make site`): one MkDocs "
           "build per language in a pool of one process per core, the calendar feeds as tasks of the same pool. "
           "**baseline** (the bare engine) = the same pages as plain Markdown files (same titles and body text, "
           "the hand-written pages with their data lists as Markdown), built by `mkdocs build` with a copy of "
           "mkdocs.yml without the eventsite plugin: mkdocs-static-i18n builds the six languages one after "
           "another in one process (no feeds, no per-language search index, no data pages from templates). "
           "**ours, one process** = `mkdocs build` of our site (the sequential build, same bytes as ours).", "",
           "| events | pages | build | wall (s) | CPU (s) | ms/page | peak (MB) | output | files | ours/baseline "
           "| load before |",
           "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for item in f.scaling:
        for label in ("ours", "baseline", "ours, one process"):
            run = item.best(label)
            if run is None:
                continue
            ratio = f"{item.ratio():.2f}" if label == "ours" and item.ratio() is not None else ""
            out.append(f"| {item.events} | {item.pages} | {label} | {run.wall:.1f} | {run.cpu:.1f} | "
                       f"{run.wall / item.pages * 1000:.1f} | {run.rss_mb:.0f} | {run.size / 1e6:.1f} MB | "
                       f"{run.files} | {ratio} | {run.load} |")
    out += ["", "All runs (wall s / peak MB, load average before):", ""]
    for item in f.scaling:
        out.append(f"- {item.events} events: " + "; ".join(
            f"{label} " + ", ".join(f"{r.wall:.1f}/{r.rss_mb:.0f} ({r.load.split()[0]})" for r in runs)
            for label, runs in item.runs.items()))
    return out


def real_site_section(f: Figures) -> list[str]:
    real = f.real_site
    if not real:
        return []
    out = ["", "## 2. The real site (data/events.yaml, 9 events), before and after", "",
           f"before = `mkdocs build` of commit {real.before_ref} (the six languages one after another in one "
           "process, feeds in a second process); one process = `mkdocs build` now; parallel = `make site` now.", "",
           "| build | runs (wall s) | min wall (s) | CPU (s) | peak (MB) |", "| --- | --- | ---: | ---: | ---: |"]
    for label, runs in (("before", real.before), ("one process", real.sequential), ("parallel", real.parallel)):
        if runs:
            best = min(runs, key=lambda r: r.wall)
            out.append(f"| {label} | {', '.join(f'{r.wall:.2f}' for r in runs)} | {best.wall:.2f} | {best.cpu:.1f} | "
                       f"{best.rss_mb:.0f} |")
    return out


def profile_section(f: Figures) -> list[str]:
    profile = f.profile
    if not profile:
        return []
    from build_profile import PARTS

    out = ["", f"## 3. Where build time goes ({profile['events']} events, cProfile)", "",
           "Each kind of work profiled in the process that does it (bench/build_profile.py): the profiler "
           "inflates every figure; read the shares. Wall time under the profiler: " + "; ".join(
               f"{PARTS[part]}: {seconds:.1f} s" for part, seconds in profile["walls"].items()) + ".", "",
           "| part | phase | cumulative (s) | share of the part |", "| --- | --- | ---: | ---: |"]
    for part, label, seconds in profile["phases"]:
        total = profile["walls"][part] or 1.0
        out.append(f"| {part} | {label.replace('  ', '&nbsp;&nbsp;')} | {seconds:.2f} | {seconds / total * 100:.0f}% |")
    out += ["", "Own time by package in the language build: " + ", ".join(
        f"{name} {seconds:.1f} s" for name, seconds in profile["packages"]) + ".", "",
        "Functions with the most own time in the language build:", ""]
    out += [f"- {seconds:.1f} s {where}" for seconds, where in profile["top"]]
    return out


def validation_section(f: Figures) -> list[str]:
    v = f.validation
    if not v:
        return []
    return ["", "## 4. Validation", "",
            f"`eventsite.loader.parse_site` on {v['events']} synthetic events ({v['bytes'] / 1e6:.1f} MB of YAML), "
            f"{v['runs']} runs: min {v['min']:.3f} s, median {v['median']:.3f} s."]


def weight_section(f: Figures) -> list[str]:
    weights = f.weights
    if not weights:
        return []
    out: list[str] = []
    out += ["", "## 5. Page weight (first visit)", "",
            "The real site (data/events.yaml) served on 127.0.0.1 by the tests' HTTP server (tests/serve.py, "
            "gzip like a static host), each page loaded "
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
    return out


def lighthouse_section(f: Figures) -> list[str]:
    lighthouse, lighthouse_error = f.lighthouse, f.lighthouse_error
    if not (lighthouse or lighthouse_error):
        return []
    out: list[str] = []
    out += ["", "## 6. Lighthouse", "",
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
    return out


def errors_section(f: Figures) -> list[str]:
    if not f.errors:
        return []
    return ["", "## Not measured", ""] + [f"- `{error[-1500:]}`" for error in f.errors]
