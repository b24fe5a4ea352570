"""Benchmarks of the site generator: figures to watch, never timed tests.

Run:  make bench            (= .venv/bin/python bench/run.py)
      .venv/bin/python bench/run.py --quick            (50 and 200 events only)
      .venv/bin/python bench/run.py --sizes 50,200,1000 --repeat 1 --no-lighthouse

It prints every figure and rewrites bench/RESULTS.md (machine, load, command, figures
against the targets). Parts, one module each:

1. builds.py: the parallel build (`make site`) of synthetic six-language data
   (bench_validate.synthetic_yaml) in a fresh process, against the bare engine
   (baseline.py: the same pages as plain Markdown, `mkdocs build` without our plugin);
   and the real site before (`--before`, a commit) and after.
2. validation.py: reading and validating 1,000 events.
3. weight.py: page weight of the real site for a first-time visitor (headless chromium).
4. lighthouse.py: Lighthouse (mobile preset) scores of the same pages.
5. build_profile.py: where build time goes, each part profiled in its own process.
results.py writes bench/RESULTS.md; common.py holds what they share. The pages are served
by the tests' server (tests/serve.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_profile import bench_profile
from builds import BEFORE, bench_real_site, bench_scaling
from common import BENCH, PARALLEL, ROOT, build_env, cpu_pressure, load_average, log, machine
from lighthouse import bench_lighthouse
from results import TARGET_VALIDATE, Figures, write_results
from validation import bench_validation
from weight import bench_weight


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,1000",
                        help="event counts for the build scaling (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="50 and 200 events only, profile 50")
    parser.add_argument("--repeat", type=int, default=2, help="builds per configuration; the min is reported")
    parser.add_argument("--sequential", action="store_true", help="also time `mkdocs build` (one process) per size")
    parser.add_argument("--before", default=BEFORE, help="commit the real site is compared with (default %(default)s)")
    parser.add_argument("--profile-size", type=int, default=None, help="events in the profiled build (0: skip)")
    parser.add_argument("--no-build", action="store_true", help="skip the build scaling and the real site builds")
    parser.add_argument("--no-weight", action="store_true", help="skip the page weight")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md", help="results file (default %(default)s)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave the results file alone")
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_figures(args: argparse.Namespace, work: Path, figures: Figures) -> None:
    """Build the real site for a local address, then weigh its pages and run Lighthouse."""
    port = free_port()
    site_dir = work / "real-site"
    log(f"\nBuilding the real site (data/events.yaml) for http://127.0.0.1:{port}/")
    done = subprocess.run([*PARALLEL, "-d", str(site_dir)], cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env=build_env(site_url=f"http://127.0.0.1:{port}/", epoch=None))
    if done.returncode != 0:
        raise SystemExit(f"building the real site failed:\n{done.stderr[-3000:]}")
    if not args.no_weight:
        log("\n5. Page weight (gzip level 6, first visit)")
        try:
            figures.weights = bench_weight(site_dir, port)
        except Exception as error:  # report why, keep the other figures
            figures.errors.append(f"page weight: {type(error).__name__}: {error}")
            log(f"  page weight could not be measured: {type(error).__name__}: {error}")
    if not args.no_lighthouse:
        log("\n6. Lighthouse (mobile preset)")
        figures.lighthouse, figures.lighthouse_error = bench_lighthouse(site_dir, port)
        if figures.lighthouse_error:
            log(f"  lighthouse error: {figures.lighthouse_error}")


def main(argv: list[str]) -> int:
    args = arguments(argv[1:])
    sizes = [50, 200] if args.quick else [int(size) for size in args.sizes.split(",") if size.strip()]
    profile_size = args.profile_size if args.profile_size is not None else (50 if args.quick else 200)
    command = "make bench" if len(argv) == 1 else shlex.join(["bench/run.py", *argv[1:]])
    began = time.perf_counter()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    figures = Figures(machine(), command, dt.datetime.now().astimezone(), repeat=args.repeat)
    log("Machine: " + "; ".join(f"{k} {v}" for k, v in figures.info.items()))

    with tempfile.TemporaryDirectory(prefix="eventsite-bench-") as tmp:
        work = Path(tmp)
        if not args.no_build:
            log(f"\n1. Build scaling: {', '.join(map(str, sizes))} events x 6 languages, ours (parallel) vs "
                f"the bare engine, {args.repeat} run(s) each")
            figures.scaling = bench_scaling(sizes, args.repeat, work, args.sequential, figures.errors)
            log(f"\n2. The real site: before ({args.before}), one process, parallel")
            figures.real_site = bench_real_site(max(args.repeat, 3), work, args.before, figures.errors)
        if profile_size:
            log(f"\n3. Where build time goes: profiles of a build of {profile_size} events")
            try:
                figures.profile = bench_profile(profile_size, work)
                for part, label, seconds in figures.profile["phases"]:
                    log(f"  {part:11s} {label:62s} {seconds:6.2f} s")
            except (RuntimeError, subprocess.SubprocessError) as error:
                figures.errors.append(f"profile: {error}")
                log(f"  profile failed: {error}")
        log("\n4. Validation (1,000 events)")
        figures.validation = bench_validation()
        log(f"  parse_site: min {figures.validation['min']:.3f} s (target < {TARGET_VALIDATE} s)")
        if not (args.no_weight and args.no_lighthouse):
            browser_figures(args, work, figures)

    figures.duration = time.perf_counter() - began
    figures.load_at_end, figures.pressure_at_end = load_average(), cpu_pressure()
    log(f"\nTotal time: {figures.duration / 60:.1f} min; load average now {figures.load_at_end}")
    if not args.no_write:
        write_results(args.output, figures)
        log(f"Wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
