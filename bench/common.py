"""What every benchmark part shares: paths, the machine's description, one measured build."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' HTTP server (tests/serve.py) and site builds

PYTHON = Path(sys.executable)
MKDOCS = PYTHON.parent / "mkdocs"
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
EPOCH = "1780000000"  # fixed build date for the synthetic builds (2026-05-28)

# Runs a command and reports its wall time and the peak RSS of the largest process it ran
# (getrusage(RUSAGE_CHILDREN) covers every descendant that was waited for).
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

# The three ways a site is built here.
PARALLEL = [str(PYTHON), "-m", "eventsite_mkdocs", "build"]  # make site
SEQUENTIAL = [str(MKDOCS), "build", "--strict", "-q"]  # mkdocs build: one process


def log(message: str = "") -> None:
    print(message, flush=True)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_pressure() -> str:
    """Share of the last 60 s in which some task waited for a CPU (Linux PSI), or "?"."""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        line = next(line for line in Path("/proc/pressure/cpu").read_text().splitlines() if line.startswith("some"))
        return next(field.split("=")[1] for field in line.split() if field.startswith("avg60=")) + "%"
    return "?"


def machine() -> dict[str, str]:
    """CPU, memory, versions and the load average when the run started."""
    cpu = memory = "unknown"
    with contextlib.suppress(OSError):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    with contextlib.suppress(OSError, StopIteration):
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version
            versions[package] = version(package)
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
        "Chromium": run_text([CHROMIUM, "--version"]),
        "Lighthouse": run_text([str(LIGHTHOUSE), "--version"]) if LIGHTHOUSE.exists() else "not installed",
        "load average at start (1, 5, 15 min)": load_average(),
        "CPU pressure at start (tasks waiting for a CPU, last 60 s)": cpu_pressure(),
    }


def run_text(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        return f"unavailable ({error})"
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip() and "[:" not in line]
    return lines[-1].strip() if lines else "?"


def build_env(data: Path | None = None, site_url: str = "https://example.org/events/",
              epoch: str | None = EPOCH) -> dict[str, str]:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    if data is not None:
        env["EVENTSITE_DATA"] = str(data)
    return env


@dataclass
class Run:
    wall: float
    rss_mb: float  # peak of the largest process
    cpu: float  # user + sys of every process
    files: int
    size: int
    load: str  # load average just before the run


def measured_build(command: list[str], config: Path, site_dir: Path, env: dict[str, str], cwd: Path) -> Run:
    """One build in a fresh process, as a user runs it (`command` + -f config -d site_dir)."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    load = load_average()
    with tempfile.NamedTemporaryFile("r", suffix=".json") as report:
        full = [str(PYTHON), "-c", MEASURE, report.name, *command, "-f", str(config), "-d", str(site_dir)]
        subprocess.run(full, cwd=cwd, env=env, check=True, timeout=3600)
        figures = json.loads(Path(report.name).read_text())
    if figures["rc"] != 0:
        raise RuntimeError(f"{' '.join(command[-3:])} failed ({config}):\n{figures['stderr']}")
    files, size = tree_size(site_dir)
    return Run(figures["wall"], figures["maxrss_kb"] / 1024, figures["user"] + figures["sys"], files, size, load)


def tree_size(folder: Path) -> tuple[int, int]:
    files = size = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
    return files, size
