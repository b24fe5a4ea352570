"""Lighthouse (mobile preset) scores of the real site's pages, served by the tests' HTTP
server (tests/serve.py) with gzip, as a static host serves them."""

from __future__ import annotations

import json
import shlex
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from common import CHROMIUM, LIGHTHOUSE, ROOT, log
from serve import CHROMIUM_FLAGS, serve
from weight import page_urls


def bench_lighthouse(site_dir: Path, port: int) -> tuple[list[dict], str | None]:
    if not LIGHTHOUSE.exists():
        return [], f"{LIGHTHOUSE} not found (npm ci --ignore-scripts installs it from package-lock.json)"
    base = f"http://127.0.0.1:{port}/"
    results = []
    error = None
    with serve(site_dir, port=port, compress=True):
        for lang, name, url in page_urls(base):
            with tempfile.TemporaryDirectory(prefix="lh-profile-") as profile:
                flags = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
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
                if ((audit.get("score") is not None and audit["score"] < 1)
                        or audit_id == "largest-contentful-paint-element"
                        or (audit_id == "layout-shifts" and cls > 0.01)):
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


