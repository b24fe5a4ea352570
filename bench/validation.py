"""How fast 1,000 events are read and validated (eventsite.loader.parse_site)."""

from __future__ import annotations

import time

from bench_validate import synthetic_yaml

from eventsite.loader import parse_site


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


