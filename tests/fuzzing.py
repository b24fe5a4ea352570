"""Random edits of a data file, as a clumsy editor or an attacker would make them, and
what must come of each: a located refusal, or a file that renders in all six languages.

Verdicts (`outcome`): `refused` (every error on one line, with its line and column), or
`accepted` (every page and feed of the six languages renders, and no forbidden character
is in the data read nor in any output). Anything else is a failure: a signal (the worker
process died), a hang (no verdict within `MUTANT_SECONDS`), a traceback, an unlocated or
multi-line message, a forbidden character in the output. Each mutant is judged in a
worker process, so that a crash or a hang is a verdict, not the end of the run.

Used by tests/test_fuzz.py (seed 2026, 300 mutants) and runnable by hand for a longer run
(on a shared machine, under nice):

    nice .venv/bin/python tests/fuzzing.py --mutants 10000 --seed 7
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventsite import calendars  # noqa: E402
from eventsite.languages import LANGUAGES  # noqa: E402
from eventsite.loader import parse  # noqa: E402
from eventsite.views import render  # noqa: E402
from eventsite.yamlguard import FORBIDDEN  # noqa: E402

MUTANT_SECONDS = 20.0  # a verdict takes well under a second; past this the mutant hangs

# Double-quoted YAML escapes of every class of forbidden character: C0 controls, DEL, C1
# (also as \N), bidi embeddings, overrides and isolates, the byte order mark, non-characters
# (BMP and astral), and terminal sequences (a colour, an OSC 8 hyperlink, a cursor move).
ESCAPES = [
    "\\0", "\\a", "\\b", "\\e", "\\v", "\\f", "\\x01", "\\x1f", "\\x7f", "\\x85", "\\N", "\\x9f", "\\u0080",
    "\\u202A", "\\u202B", "\\u202C", "\\u202D", "\\u202E", "\\u2066", "\\u2067", "\\u2068", "\\u2069",
    "\\uFEFF", "\\uFDD0", "\\uFDEF", "\\uFFFE", "\\uFFFF", "\\U0001FFFE", "\\U0010FFFF", "\\e[31m",
    "\\e]8;;https://evil.example\\e\\\\x\\e]8;;\\e\\\\", "\\e[2J\\e[H", "\\L", "\\P", "\\_", "\\t", "\\r\\n",
    "\\uD800", "\\x", "\\u12",
]
PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{: onclick=\"alert(1)\" }",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\U0010ffff", "\u202e", "\u2066",
    "\ufeff", "\u200f", "1" * 5000, "111" + "1" * 4400 + ":30", "9999-12-31", "0000-05", "9999-12", "2147483648",
    "-1", "1e309", "&a", "*a", "!!python/object:os.system", "<<: *a", "[" * 40, "{" * 40, "- " * 40, "? " * 40,
    "\n::error file=x::pwned", "%0A", "https://good.example@evil.example", "javascript:alert(1)",
    "a" * 300, "événement", "日内瓦", "جنيف", "---", "...", "|", ">", "? x", "'", '"', "#", "%YAML 1.1",
    "2026-02-30", "2026-13-45", "2026-07-08T25:00", "Europe/Geneva", "yes", "no", "~", "null", ".inf",
    "\t", "  ", "\r", "\r\n", "\u2028", "x" * 12000, "1900-01-01", "2200-12-31", "!", "! x", "!<tag:x>",
    "&", "*", "& Development", "* star", "|-", ">+2", "|9", "[a, {b: c}, [d]]", "{a: [b, {c: d}]}",
]
KEY_VALUE = re.compile(r"^( *)(- )?([A-Za-z_][\w-]*): (.*)$")
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def mutate(text: str, rng: random.Random) -> str:
    """One random edit of the lines of `text` (kinds 0-7: line edits, payloads, a cut; 8-13:
    explicit keys, block scalars, flow collections, double-quoted escapes, anchors and
    aliases in every position, plain texts wrapped on a line starting with an indicator)."""
    lines = text.split("\n")
    kind = rng.randrange(14)
    index = rng.randrange(len(lines))
    line = lines[index]
    pair = KEY_VALUE.match(line)
    if kind == 0:
        del lines[index]
    elif kind == 1:
        lines.insert(index, lines[rng.randrange(len(lines))])
    elif kind == 2:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == 3:
        lines[index] = " " * rng.choice([0, 1, 2, 3, 5, 8]) + line.lstrip()
    elif kind == 4 and pair:
        value = rng.choice(PAYLOADS)
        lines[index] = f"{line.split(': ', 1)[0]}: {rng.choice([value, repr(value)[1:-1], chr(34) + value + chr(34)])}"
    elif kind == 5:
        at = rng.randrange(len(line) + 1)
        lines[index] = line[:at] + rng.choice(PAYLOADS) + line[at:]
    elif kind == 6:
        return "\n".join(lines[: index])
    elif kind == 8 and pair:
        lines[index:index + 1] = explicit_key(pair, rng)
    elif kind == 9 and pair:
        lines[index:index + 1] = block_scalar(pair, rng)
    elif kind == 10 and pair:
        lines[index] = flow_collection(pair, rng)
    elif kind == 11:
        lines[index] = with_escape(line, rng)
    elif kind == 12:
        lines = with_anchor_and_alias(lines, rng)
    elif kind == 13 and pair:
        indent = " " * (len(pair.group(1)) + (2 if pair.group(2) else 0) + rng.choice([1, 2, 4]))
        lines.insert(index + 1, indent + rng.choice("&*!?-|>%@`") + rng.choice(["", " ", " Development", "x"]))
    else:
        payload = rng.choice(PAYLOADS)
        lines.insert(index, rng.choice(["", "  ", "    ", "      "]) + rng.choice(["x: ", "- ", "", "title: ", "? "])
                     + payload)
    return "\n".join(lines)


def explicit_key(pair: re.Match[str], rng: random.Random) -> list[str]:
    """`key: value` as `? key` / `: value`, sometimes with the value nested in more of them."""
    indent, dash, key, value = pair.groups()
    at = indent + (dash or "")
    inner = " " * len(at)
    nested = "? " * rng.choice([0, 0, 1, 5, 20, 40])
    return [f"{at}? {nested}{key}", f"{inner}: {value}"]


def block_scalar(pair: re.Match[str], rng: random.Random) -> list[str]:
    """The value as a | or > text, with an indentation or chomping indicator, its lines
    indented more, less or as much as YAML wants, or what follows nested deeply."""
    indent, dash, key, value = pair.groups()
    at = indent + (dash or "")
    header = rng.choice(["|", ">", "|-", ">+", "|2", ">1-", "|+9"])
    depth = len(at) + rng.choice([2, 2, 4, 1, 0, -1])
    body = [" " * max(depth, 0) + (value.strip('"') or "x")]
    if rng.random() < 0.3:
        body.append(" " * max(depth - 1, 0) + rng.choice(["[" * 30 + "]" * 30, "- " * 30 + "x", "? " * 30 + "x"]))
    return [f"{at}{key}: {header}", *body]


def flow_collection(pair: re.Match[str], rng: random.Random) -> str:
    """The value inside flow sequences or mappings, a few levels deep or many."""
    indent, dash, key, value = pair.groups()
    depth = rng.choice([1, 2, 3, 15, 16, 17, 40])
    for _level in range(depth):
        value = rng.choice([f"[{value}]", f"{{k: {value}}}", f"[x, {value}]", f"{{? {value}}}"])
    return f"{indent}{dash or ''}{key}: {value}"


def with_escape(line: str, rng: random.Random) -> str:
    """A forbidden character written as a double-quoted escape, in a value or in a key."""
    escape = rng.choice(ESCAPES)
    quoted = QUOTED.search(line)
    if quoted and rng.random() < 0.7:
        at = rng.randrange(quoted.start(1), quoted.end(1) + 1)
        while at > quoted.start(1) and line[at - 1] == "\\":  # not inside an escape already there
            at -= 1
        return line[:at] + escape + line[at:]
    pair = KEY_VALUE.match(line)
    if pair:
        indent, dash, key, value = pair.groups()
        if rng.random() < 0.5:
            return f'{indent}{dash or ""}"{key}{escape}": {value}'
        return f'{indent}{dash or ""}{key}: "{escape}{value.strip(chr(34))}"'
    return line + f' "{escape}"'


def entry_parts(line: str) -> tuple[str, str, str, str] | None:
    """A `key: value` line's lead (indent and "- "), the indent of a following line of the
    same entry, its key and its value; None for another line."""
    pair = KEY_VALUE.match(line)
    if not pair:
        return None
    indent, dash, key, value = pair.groups()
    return indent + (dash or ""), indent + ("  " if dash else ""), key, value


def with_anchor_and_alias(lines: list[str], rng: random.Random) -> list[str]:
    """An anchor on one node and aliases to it elsewhere, each in any position: a value, a
    list item, a key, an explicit key, inside a flow collection, on its own line."""
    lines = list(lines)
    name = rng.choice(["a", "e", "x1"])
    where = rng.randrange(len(lines))
    parts = entry_parts(lines[where])
    if parts:
        lead, inner, key, value = parts
        lines[where] = rng.choice([f"{lead}{key}: &{name} {value}", f"{lead}&{name} {key}: {value}",
                                   f"{lead}? &{name} {key}\n{inner}: {value}"])
    else:
        lines.insert(where, f"{name}: &{name} [x, {{y: z}}]")
    for _alias in range(rng.choice([1, 1, 2, 5])):
        at = rng.randrange(len(lines))
        parts = entry_parts(lines[at])
        if parts:
            lead, inner, key, value = parts
            lines[at] = rng.choice([f"{lead}{key}: *{name}", f"{lead}*{name} : {value}",
                                    f"{lead}{key}: [*{name}, *{name}]", f"{lead}{key}: {{k: *{name}}}",
                                    f"{lead}? *{name}\n{inner}: {value}", f"{lead}<<: *{name}",
                                    f"{lead}{key}: !!str *{name}"])
        else:
            lines.insert(at, rng.choice([f"- *{name}", f"*{name} : x", f"? *{name}", f"x: *{name}"]))
    return lines


# Left-to-right isolates the site's own typography writes around Latin runs in Arabic
# text (eventsite/typography.py): the only forbidden characters an output may hold, and
# only in pairs around text without other direction controls.
ISOLATE = re.compile("\u2066([^\u2066-\u2069\u202a-\u202e]*)\u2069")


def forbidden_in_output(text: str) -> str:
    match = FORBIDDEN.search(ISOLATE.sub(r"\1", text))
    return f"U+{ord(match.group()):04X}" if match else ""


def strings(value: Any) -> list[str]:
    """Every string held by a model value (the data the pages and feeds are made of)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, name.name) for name in dataclasses.fields(item))
    return found


def render_everything(site: Any, env: Any) -> str:
    """Every page and feed of every language, as a build would make them; '' or the first
    forbidden character found in an output."""
    today = dt.date(2026, 7, 1)
    stamp = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    for lang in LANGUAGES:
        for path, html in render.every_page(site, lang, today, "https://example.org/", env):
            found = forbidden_in_output(str(html))
            if found:
                return f"{found} in {lang}/{path}"
        for path, data in calendars.feeds(site, lang, site_url="https://example.org/", stamp=stamp).items():
            found = forbidden_in_output(data.decode("utf-8"))
            if found:
                return f"{found} in {path}"
    return ""


def outcome(data: bytes, env: Any, rendered: dict[str, str]) -> str:
    """`refused`, `accepted`, or what went wrong. `rendered` remembers the verdict of each
    site already rendered (many edits, of a comment for instance, give the same site)."""
    line_count = data.count(b"\n") + 1
    try:
        parsed = parse(data, "events.yaml")
    except Exception as error:
        return f"traceback: the validator raised {type(error).__name__}: {error}"[:300]
    errors = [problem for problem in parsed.problems if problem.severity == "error"]
    if errors:
        for problem in errors:
            if not (1 <= problem.line <= line_count + 1 and problem.column >= 1 and problem.message):
                return f"unlocated message: {problem}"[:300]
            if len(str(problem).splitlines()) != 1 or FORBIDDEN.search(str(problem)):
                return f"message not on one visible line: {problem!r}"[:300]
        return "refused"
    leaked = [text for text in strings(parsed.site) if FORBIDDEN.search(text)]
    if leaked:
        return f"forbidden character accepted in the data: {leaked[0]!r}"[:300]
    key = repr(parsed.site)
    if key not in rendered:
        try:
            found = render_everything(parsed.site, env)
            rendered[key] = f"forbidden character in the output: {found}" if found else "accepted"
        except Exception as error:
            rendered[key] = f"traceback: accepted, then rendering raised {type(error).__name__}: {error}"[:300]
    return rendered[key]


def worker(connection: Connection) -> None:
    """Judge the mutants the parent sends, one at a time: (verdict, seconds) for each."""
    env = render.make_environment(ROOT / "overrides" / "eventsite")
    rendered: dict[str, str] = {}
    while True:
        data = connection.recv_bytes()
        if not data:
            return
        began = time.perf_counter()
        verdict = outcome(data, env, rendered)
        connection.send((verdict, time.perf_counter() - began))


@dataclass
class Campaign:
    """What a run found: the count of each verdict, the slowest refusal, the total time."""

    results: Counter[str] = field(default_factory=Counter)
    slowest_refusal: float = 0.0
    slowest_mutant: float = 0.0
    slowest: bytes = b""  # the slowest mutant
    slowest_verdict: str = ""
    seconds: float = 0.0
    examples: dict[str, bytes] = field(default_factory=dict)  # the first mutant of each failure

    @property
    def failures(self) -> dict[str, int]:
        return {verdict: count for verdict, count in self.results.items() if verdict not in ("refused", "accepted")}


class Judge:
    """A worker process, restarted after a crash or a hang; one mutant at a time."""

    def __init__(self, target: Any = None) -> None:
        self.context = multiprocessing.get_context("fork")
        self.target = target or worker
        self.start()
        self.sent: tuple[bytes, float] | None = None  # the mutant it is judging, and since when

    def start(self) -> None:
        self.connection, child = self.context.Pipe()
        self.process = self.context.Process(target=self.target, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def send(self, data: bytes) -> None:
        self.sent = (data, time.perf_counter())
        self.connection.send_bytes(data)

    def receive(self) -> tuple[bytes, str, float]:
        """The mutant sent and its verdict, once the worker answered or died."""
        assert self.sent is not None
        data, began = self.sent
        self.sent = None
        try:
            verdict, seconds = self.connection.recv()
            return data, str(verdict), float(seconds)
        except (EOFError, ConnectionError):
            return data, self.restart(alive=False), time.perf_counter() - began

    def overdue(self, limit: float = MUTANT_SECONDS) -> bool:
        return self.sent is not None and time.perf_counter() - self.sent[1] > limit

    def give_up(self) -> tuple[bytes, str, float]:
        assert self.sent is not None
        data, began = self.sent
        self.sent = None
        return data, self.restart(alive=True), time.perf_counter() - began

    def restart(self, alive: bool) -> str:
        self.process.kill()
        self.process.join()
        verdict = (f"hang: no verdict within {MUTANT_SECONDS:g} s" if alive
                   else f"crash: the worker died (exit code {self.process.exitcode})")
        self.start()
        return verdict

    def close(self) -> None:
        self.connection.send_bytes(b"")
        self.process.join(5)


def mutants_of(text: str, count: int, seed: int) -> list[bytes]:
    """The campaign's mutants, the same for a seed whatever the number of workers."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        mutant = text
        for _edit in range(rng.choice([1, 1, 2, 3])):
            mutant = mutate(mutant, rng)
        out.append(mutant.encode("utf-8"))
    return out


def run(source: Path, mutants: int, seed: int, progress: bool = False, workers: int | None = None) -> Campaign:
    """Judge the mutants in `workers` processes (one per core by default), each mutant in
    one of them, a crash or a hang being that mutant's verdict."""
    queue = mutants_of(source.read_text(encoding="utf-8"), mutants, seed)
    queue.reverse()
    campaign = Campaign()
    began = time.perf_counter()
    judges = [Judge() for _ in range(workers or max(1, min(len(os.sched_getaffinity(0)), 4)))]
    try:
        while queue or any(judge.sent for judge in judges):
            for judge in judges:
                if judge.sent is None and queue:
                    judge.send(queue.pop())
            busy = {judge.connection: judge for judge in judges if judge.sent is not None}
            ready = multiprocessing.connection.wait(list(busy), timeout=1.0)
            answers = [busy[connection].receive() for connection in ready]  # type: ignore[index]
            answers += [judge.give_up() for judge in busy.values() if judge.sent is not None and judge.overdue()]
            for data, verdict, seconds in answers:
                campaign.results[verdict] += 1
                if progress and sum(campaign.results.values()) % 1000 == 0:
                    print(f"{sum(campaign.results.values())} mutants, {time.perf_counter() - began:.0f} s",
                          file=sys.stderr, flush=True)
                if seconds > campaign.slowest_mutant:
                    campaign.slowest_mutant, campaign.slowest, campaign.slowest_verdict = seconds, data, verdict
                if verdict == "refused":
                    campaign.slowest_refusal = max(campaign.slowest_refusal, seconds)
                elif verdict != "accepted":
                    campaign.examples.setdefault(verdict, data)
    finally:
        for judge in judges:
            judge.close()
    campaign.seconds = time.perf_counter() - began
    return campaign


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "events.yaml")
    parser.add_argument("--keep", type=Path, help="a folder to write the first mutant of each failure to")
    args = parser.parse_args()
    campaign = run(args.data, args.mutants, args.seed, progress=True)
    for verdict, count in campaign.results.most_common():
        print(f"{count:6d}  {verdict}")
    print(f"{args.mutants} mutants (seed {args.seed}) in {campaign.seconds:.1f} s; slowest refusal "
          f"{campaign.slowest_refusal:.3f} s, slowest mutant {campaign.slowest_mutant:.3f} s "
          f"({campaign.slowest_verdict})")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for number, data in enumerate(campaign.examples.values()):
            (args.keep / f"failure-{number}.yaml").write_bytes(data)
        (args.keep / "slowest.yaml").write_bytes(campaign.slowest)
    return 1 if campaign.failures else 0


if __name__ == "__main__":
    sys.exit(main())
