"""Random edits of the real data file (a fixed seed): each one is refused with located
messages, or it is a file that renders every page and feed in all six languages with no
forbidden character in any of them. Nothing crashes, hangs, raises, or prints a message
without its line. The mutations and verdicts, and a longer run: tests/fuzzing.py."""

from __future__ import annotations

import os
import time

from fuzzing import ROOT, Judge, run


def test_three_hundred_random_edits_of_the_real_file_are_refused_or_render() -> None:
    campaign = run(ROOT / "data" / "events.yaml", mutants=300, seed=2026)
    assert campaign.failures == {}, campaign.results
    assert campaign.results["refused"] > 100 and campaign.results["accepted"] > 10, campaign.results


def crashing_worker(connection) -> None:
    connection.recv_bytes()
    os._exit(139)


def hanging_worker(connection) -> None:
    connection.recv_bytes()
    time.sleep(60)


def test_the_harness_records_a_crash_and_a_hang_as_the_mutants_verdicts() -> None:
    crashing = Judge(crashing_worker)
    crashing.send(b"a: 1\n")
    crashing.process.join(10)
    data, verdict, _seconds = crashing.receive()
    assert (data, verdict) == (b"a: 1\n", "crash: the worker died (exit code 139)")
    crashing.process.kill()
    hanging = Judge(hanging_worker)
    hanging.send(b"b: 2\n")
    time.sleep(0.3)
    assert hanging.overdue(limit=0.2)
    assert hanging.give_up()[1].startswith("hang: no verdict")
    hanging.process.kill()
