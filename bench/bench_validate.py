"""How fast the validator reads a large data file: a figure to watch, not a timed test.

Run:  .venv/bin/python bench/bench_validate.py [N_EVENTS]

`synthetic_yaml(n)` builds a valid data file of n events (sessions, deadlines, six-language
texts) in memory; the site build benchmark reuses it.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time

from eventsite.languages import LANGUAGES
from eventsite.loader import parse_site

RUNS = 5
DEFAULT_EVENTS = 1000

# One word per language, so that every text is plausible in its own script and direction.
WORDS = {"ar": "اجتماع", "zh": "会议", "en": "Meeting", "fr": "Réunion", "ru": "Совещание", "es": "Reunión"}


def text(label: str) -> str:
    """A six-language text as a one-line YAML flow mapping."""
    pairs = ", ".join(f"{lang}: {json.dumps(f'{WORDS[lang]} {label}', ensure_ascii=False)}" for lang in LANGUAGES)
    return "{" + pairs + "}"


def paragraphs(label: str) -> list[str]:
    """A six-language description of two paragraphs, as YAML block scalars."""
    lines = []
    for lang in LANGUAGES:
        lines += [f"      {lang}: |", f"        {WORDS[lang]} {label}.", "", f"        {WORDS[lang]} {label} (2)."]
    return lines


def synthetic_yaml(n_events: int) -> str:
    """A valid data file with `n_events` events, each with sessions, deadlines, a contact and links."""
    lines = [
        "site:",
        f"  title: {text('site')}",
        f"  description: {text('description')}",
        "  uid_domain: events.example.org",
        "organisations:",
    ]
    for number in range(10):
        lines += [f"  - id: org-{number}", f"    name: {text(f'organisation {number}')}",
                  f"    abbreviation: {text(f'O{number}')}"]
    lines.append("venues:")
    for number, zone in enumerate(("Europe/Zurich", "America/New_York", "Africa/Nairobi", "Asia/Bangkok")):
        lines += [f"  - id: venue-{number}", f"    name: {text(f'venue {number}')}",
                  f"    address: {text(f'street {number}')}", f"    timezone: {zone}"]
    lines.append("documents:")
    for number in range(n_events // 10 + 1):
        lines += [f"  - id: doc-{number}", "    kind: report", f'    date: "2026-{number % 12 + 1:02d}"',
                  f"    symbol: \"R/{number}\"", "    issuer: org-0", f"    title: {text(f'report {number}')}",
                  "    urls:", f"      en: https://example.org/documents/{number}"]
    lines.append("events:")
    first = dt.date(2026, 1, 5)
    for number in range(n_events):
        start = first + dt.timedelta(days=number % 700)
        end = start + dt.timedelta(days=4)
        event_id = f"event-{number}"
        lines += [
            f"  - id: {event_id}",
            "    kind: meeting",
            "    status: confirmed",
            f"    revision: {number % 3}",
            "    updated: 2026-01-02",
            f"    start: {start.isoformat()}",
            f"    end: {end.isoformat()}",
            f"    venue: venue-{number % 4}",
            f"    title: {text(f'event {number}')}",
            f"    summary: {text(f'summary of event {number}')}",
            "    description:",
            *paragraphs(f"event {number}"),
            "    roles:",
            f"      - {{role: organiser, organisations: [org-{number % 10}]}}",
            f"      - {{role: host, organisations: [org-{(number + 1) % 10}]}}",
            "    sessions:",
            f"      - id: {event_id}-opening",
            f"        title: {text('opening')}",
            f'        start: "{start.isoformat()}T10:00"',
            f'        end: "{start.isoformat()}T13:00"',
            f"      - id: {event_id}-segment",
            f"        title: {text('segment')}",
            f"        start: {(start + dt.timedelta(days=1)).isoformat()}",
            f"        end: {(start + dt.timedelta(days=2)).isoformat()}",
            "    deadlines:",
            f"      - id: {event_id}-registration",
            f"        date: {(start - dt.timedelta(days=30)).isoformat()}",
            f"        title: {text('registration')}",
            f"      - id: {event_id}-contributions",
            f'        date: "{(start - dt.timedelta(days=60)).strftime("%Y-%m")}"',
            f"        title: {text('contributions')}",
            f"        description: {text('contributions description')}",
            f"    documents: [doc-{number // 10}]",
            "    contacts:",
            f"      - name: {text('contact')}",
            f"        email: event-{number}@example.org",
            '        phone: "+41 22 730 6240"',
            "    links:",
            "      - kind: registration",
            f"        url: https://example.org/events/{number}/register",
            f"        label: {text('register')}",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    n_events = int(argv[1]) if len(argv) > 1 else DEFAULT_EVENTS
    data = synthetic_yaml(n_events).encode("utf-8")
    site, problems = parse_site(data, "synthetic.yaml")
    if site is None or problems:
        print("\n".join(str(problem) for problem in problems[:20]), file=sys.stderr)
        return 1
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        parse_site(data, "synthetic.yaml")
        timings.append(time.perf_counter() - began)
    best, median = min(timings), statistics.median(timings)
    print(f"parse_site: {n_events} events, {len(data) / 1e6:.1f} MB of YAML, {RUNS} runs")
    print(f"  min    {best:.3f} s")
    print(f"  median {median:.3f} s")
    print(f"  {n_events / median:,.0f} events/s (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
