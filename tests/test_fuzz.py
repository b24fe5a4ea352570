"""Random edits of the real data file (a fixed seed): each one is refused with located
messages, or it is a file that renders every page and feed in all six languages with no
forbidden character in any of them. Nothing crashes, hangs, raises, or prints a message
without its line. The mutations and verdicts, and a longer run: tests/fuzzing.py."""

from __future__ import annotations

from fuzzing import ROOT, run


def test_three_hundred_random_edits_of_the_real_file_are_refused_or_render() -> None:
    campaign = run(ROOT / "data" / "events.yaml", mutants=300, seed=2026)
    assert campaign.failures == {}, campaign.results
    assert campaign.results["refused"] > 100 and campaign.results["accepted"] > 10, campaign.results
