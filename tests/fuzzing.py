"""Random edits of a data file, as a clumsy editor or an attacker would make them, and
what must come of each: a located rejection, or a file that renders in all six languages.

Used by tests/test_fuzz.py (a fixed seed, a few hundred mutants) and runnable by hand
for a larger run: `python tests/fuzzing.py --mutants 5000 --seed 7`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventsite import calendars  # noqa: E402
from eventsite.languages import LANGUAGES  # noqa: E402
from eventsite.loader import parse  # noqa: E402
from eventsite.views import render  # noqa: E402

PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{: onclick=\"alert(1)\" }",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\U0010ffff", "\u202e", "\u2066",
    "\ufeff", "\u200f", "1" * 5000, "111" + "1" * 4400 + ":30", "9999-12-31", "0000-05", "9999-12", "2147483648",
    "-1", "1e309", "&a", "*a", "!!python/object:os.system", "<<: *a", "[" * 40, "{" * 40, "- " * 40,
    "\n::error file=x::pwned", "%0A", "https://good.example@evil.example", "javascript:alert(1)",
    "a" * 300, "événement", "日内瓦", "جنيف", "---", "...", "|", ">", "? x", "'", '"', "#", "%YAML 1.1",
    "2026-02-30", "2026-13-45", "2026-07-08T25:00", "Europe/Geneva", "yes", "no", "~", "null", ".inf",
    "\t", "  ", "\r", "\r\n", "\u2028", "x" * 12000,
]


def mutate(text: str, rng: random.Random) -> str:
    """One random edit: a line deleted, doubled, moved or re-indented, a value replaced,
    characters inserted, or the file cut short."""
    lines = text.split("\n")
    kind = rng.randrange(8)
    index = rng.randrange(len(lines))
    if kind == 0:
        del lines[index]
    elif kind == 1:
        lines.insert(index, lines[rng.randrange(len(lines))])
    elif kind == 2:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == 3:
        lines[index] = " " * rng.choice([0, 1, 2, 3, 5, 8]) + lines[index].lstrip()
    elif kind == 4 and ": " in lines[index]:
        key = lines[index].split(": ", 1)[0]
        value = rng.choice(PAYLOADS)
        lines[index] = f"{key}: {rng.choice([value, repr(value)[1:-1], chr(34) + value + chr(34)])}"
    elif kind == 5:
        line = lines[index]
        at = rng.randrange(len(line) + 1)
        lines[index] = line[:at] + rng.choice(PAYLOADS) + line[at:]
    elif kind == 6:
        return "\n".join(lines[: index])
    else:
        payload = rng.choice(PAYLOADS)
        lines.insert(index, rng.choice(["", "  ", "    ", "      "]) + rng.choice(["x: ", "- ", "", "title: "])
                     + payload)
    return "\n".join(lines)


def render_everything(site: object, env: object) -> None:
    """Every page and feed of every language, as a build would make them."""
    today = dt.date(2026, 7, 1)
    stamp = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    for lang in LANGUAGES:
        for _path, _html in render.every_page(site, lang, today, "https://example.org/", env):  # type: ignore[arg-type]
            pass
        calendars.feeds(site, lang, site_url="https://example.org/", stamp=stamp)  # type: ignore[arg-type]


def outcome(data: bytes, env: object) -> str:
    """`rejected`, `accepted`, or what went wrong (an unlocated message, an exception)."""
    line_count = data.count(b"\n") + 1
    try:
        parsed = parse(data, "events.yaml")
    except Exception as error:
        return f"validator raised {type(error).__name__}: {error}"[:300]
    errors = [problem for problem in parsed.problems if problem.severity == "error"]
    if errors:
        for problem in errors:
            if not (1 <= problem.line <= line_count + 1 and problem.column >= 1 and problem.message):
                return f"unlocated message: {problem}"[:300]
            if "\n" in str(problem) or "\r" in str(problem):
                return f"message on several lines: {problem!r}"[:300]
        return "rejected"
    try:
        render_everything(parsed.site, env)
    except Exception as error:
        return f"accepted, then rendering raised {type(error).__name__}: {error}"[:300]
    return "accepted"


def run(source: Path, mutants: int, seed: int) -> Counter[str]:
    rng = random.Random(seed)
    text = source.read_text(encoding="utf-8")
    env = render.make_environment(ROOT / "overrides" / "eventsite")
    results: Counter[str] = Counter()
    for _ in range(mutants):
        mutant = text
        for _edit in range(rng.choice([1, 1, 2, 3])):
            mutant = mutate(mutant, rng)
        results[outcome(mutant.encode("utf-8"), env)] += 1
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "events.yaml")
    args = parser.parse_args()
    started = time.monotonic()
    results = run(args.data, args.mutants, args.seed)
    for result, count in results.most_common():
        print(f"{count:6d}  {result}")
    print(f"{args.mutants} mutants in {time.monotonic() - started:.1f} s")
    return 0 if set(results) <= {"rejected", "accepted"} else 1


if __name__ == "__main__":
    sys.exit(main())
