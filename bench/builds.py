"""Build time and memory: the parallel build (`make site`) of synthetic data against the
bare engine (baseline.py) at several sizes, and the real site before and after."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

from baseline import HAND_WRITTEN, write_baseline
from bench_validate import synthetic_yaml
from common import EPOCH, PARALLEL, ROOT, SEQUENTIAL, Run, build_env, log, measured_build

from eventsite.languages import LANGUAGES
from eventsite.loader import parse_site

BEFORE = "5fe2acb"  # the last commit before the parallel build (the six languages in one process)


@dataclass
class Scaling:
    events: int
    pages: int
    runs: dict[str, list[Run]] = field(default_factory=dict)  # "ours", "baseline", "ours, one process"

    def best(self, label: str) -> Run | None:
        """Min wall time and min peak of the runs of one kind (None if it was not run)."""
        runs = self.runs.get(label) or []
        if not runs:
            return None
        return Run(min(r.wall for r in runs), min(r.rss_mb for r in runs), min(r.cpu for r in runs),
                   runs[0].files, runs[0].size, runs[0].load)

    def ratio(self) -> float | None:
        ours, base = self.best("ours"), self.best("baseline")
        return ours.wall / base.wall if ours and base else None


def bench_scaling(sizes: list[int], repeat: int, work: Path, sequential: bool, errors: list[str]) -> list[Scaling]:
    """For each size: synthetic data, its plain-Markdown baseline, then `repeat` rounds of
    builds (ours in parallel, the baseline, and with `sequential` ours in one process)."""
    results = []
    today = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()
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
        kinds = [("ours", PARALLEL, ROOT / "mkdocs.yml", ROOT),
                 ("baseline", SEQUENTIAL, base_config, base_config.parent)]
        if sequential:
            kinds.append(("ours, one process", SEQUENTIAL, ROOT / "mkdocs.yml", ROOT))
        for attempt in range(repeat):
            for label, command, config, cwd in kinds:
                try:
                    run = measured_build(command, config, folder / "site", build_env(data), cwd)
                except (RuntimeError, subprocess.SubprocessError) as error:
                    errors.append(f"{n} events, {label}: {error}")
                    log(f"  {n:5d} events  {label:18s} FAILED: {error}")
                    continue
                result.runs.setdefault(label, []).append(run)
                log(f"  {n:5d} events  {label:18s} run {attempt + 1}: {run.wall:6.1f} s wall, {run.cpu:6.1f} s CPU, "
                    f"{run.rss_mb:5.0f} MB peak (largest process), {run.files} files, {run.size / 1e6:.1f} MB, "
                    f"load before {run.load}")
        if result.ratio() is not None:
            ours = result.best("ours")
            assert ours is not None
            log(f"  {n:5d} events  ours/baseline (min wall): {result.ratio():.2f}; "
                f"{ours.wall / result.pages * 1000:.1f} ms/page (ours)")
        results.append(result)
        shutil.rmtree(folder)
    return results


@dataclass
class RealSite:
    before: list[Run] = field(default_factory=list)  # `mkdocs build` at BEFORE
    sequential: list[Run] = field(default_factory=list)  # `mkdocs build` now
    parallel: list[Run] = field(default_factory=list)  # `make site` now
    before_ref: str = BEFORE


def bench_real_site(repeat: int, work: Path, before_ref: str, errors: list[str]) -> RealSite:
    """The real data/events.yaml built the way it was built before, and both ways now."""
    result = RealSite(before_ref=before_ref)
    old = work / "before"
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", before_ref], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(old, filter="data")
    except (subprocess.CalledProcessError, tarfile.TarError) as error:
        errors.append(f"real site before ({before_ref}): {error}")
        old = None  # type: ignore[assignment]
    for attempt in range(repeat):
        kinds: list[tuple[list[Run], list[str], Path, dict[str, str]]] = [
            (result.parallel, PARALLEL, ROOT, build_env()), (result.sequential, SEQUENTIAL, ROOT, build_env())]
        if old is not None:  # its own eventsite package first on the path, and its own hooks
            kinds.append((result.before, SEQUENTIAL, old, {**build_env(), "PYTHONPATH": str(old)}))
        for runs, command, cwd, env in kinds:
            label = "before" if runs is result.before else "one process" if runs is result.sequential else "parallel"
            try:
                run = measured_build(command, cwd / "mkdocs.yml", work / "real", env, cwd)
            except (RuntimeError, subprocess.SubprocessError) as error:
                errors.append(f"real site, {label}: {error}")
                continue
            runs.append(run)
            log(f"  real site  {label:12s} run {attempt + 1}: {run.wall:5.2f} s wall, {run.cpu:5.1f} s CPU, "
                f"{run.rss_mb:4.0f} MB peak, load before {run.load}")
    shutil.rmtree(work / "real", ignore_errors=True)
    return result
