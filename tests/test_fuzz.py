"""Random edits of the real data file (a fixed seed): each one is refused with located
messages, or it is a file that renders every page and feed in all six languages. Nothing
raises, hangs, or prints a message without its line. A larger run: tests/fuzzing.py."""

from __future__ import annotations

from fuzzing import ROOT, run


def test_three_hundred_random_edits_of_the_real_file_are_refused_or_render() -> None:
    results = run(ROOT / "data" / "events.yaml", mutants=300, seed=2026)
    assert set(results) <= {"rejected", "accepted"}, results
    assert results["rejected"] > 100 and results["accepted"] > 10, results
