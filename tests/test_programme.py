"""The programme by day: weeks of overlapping events, each day with its events and sessions."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT

from eventsite.loader import load_site
from eventsite.programme import build_programme, headline_week

DATA = load_site(ROOT / "data" / "events.yaml")


def test_co_located_events_of_6_to_10_july_form_one_week_with_every_day():
    programme = build_programme(DATA)
    week = next(week for week in programme.weeks if week.start == dt.date(2026, 7, 6))
    assert week.end == dt.date(2026, 7, 10)
    assert {event.id for event in week.events} == {"global-dialogue-ai-governance-2026", "wsis-forum-2026",
                                                    "ai-for-good-2026"}
    assert [plan.day for plan in week.days] == [dt.date(2026, 7, day) for day in range(6, 11)]
    on = {plan.day.day: {event.id for event in plan.events} for plan in week.days}
    assert on[6] == {"global-dialogue-ai-governance-2026", "wsis-forum-2026"}
    assert on[10] == {"wsis-forum-2026", "ai-for-good-2026"}
    sessions = {plan.day.day: [session.id for _, session in plan.sessions] for plan in week.days}
    assert "wsis-forum-2026-high-level-track" in sessions[8] and "wsis-forum-2026-high-level-track" in sessions[9]
    assert "wsis-forum-2026-regulators-roundtable" in sessions[9]
    assert "ai-for-good-2026-opening-ceremony" in sessions[8] and sessions[6] == []
    assert next(deadline.id for _, deadline in week.deadlines) == "wsis-forum-2026-open-consultation"  # March first


def test_events_known_only_to_the_month_are_listed_apart_and_weeks_do_not_overlap():
    programme = build_programme(DATA)
    assert [event.id for event in programme.undated] == ["unga-wsis-20-review-high-level-meeting"]
    for earlier, later in zip(programme.weeks, programme.weeks[1:], strict=False):
        assert earlier.end + dt.timedelta(days=1) < later.start


def test_the_headline_week_is_the_one_under_way_else_the_next_else_the_latest():
    programme = build_programme(DATA)
    assert headline_week(programme, dt.date(2026, 5, 28)).start == dt.date(2026, 7, 6)
    assert headline_week(programme, dt.date(2026, 7, 9)).start == dt.date(2026, 7, 6)
    assert headline_week(programme, dt.date(2027, 1, 1)).end == dt.date(2026, 7, 10)
    assert headline_week(programme, dt.date(2025, 7, 1)).start == dt.date(2025, 7, 7)
