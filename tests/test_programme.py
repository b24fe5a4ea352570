"""The programme by day (eventsite/programme.py): weeks of overlapping events, each day
with its events and sessions (on the page tests' site, tests/fixtures/pages/site.yaml)."""

from __future__ import annotations

import datetime as dt

from conftest import PAGES_SITE

from eventsite.loader import load_site
from eventsite.programme import build_programme, headline_week

PROGRAMME = build_programme(load_site(PAGES_SITE))


def test_co_located_events_of_6_to_10_july_form_one_week_with_every_day():
    week = next(week for week in PROGRAMME.weeks if week.start == dt.date(2026, 7, 6))
    assert week.end == dt.date(2026, 7, 10)
    assert {event.id for event in week.events} == {"dialogue-2026", "forum-2026", "summit-2026"}
    assert [plan.day for plan in week.days] == [dt.date(2026, 7, day) for day in range(6, 11)]
    on = {plan.day.day: {event.id for event in plan.events} for plan in week.days}
    assert on[6] == {"dialogue-2026", "forum-2026"}
    assert on[10] == {"forum-2026", "summit-2026"}
    sessions = {plan.day.day: [session.id for _, session in plan.sessions] for plan in week.days}
    assert "forum-2026-track" in sessions[8] and "forum-2026-track" in sessions[9]
    assert "forum-2026-roundtable" in sessions[9]
    assert sessions[8].count("joint-opening") == 1 and sessions[6] == []  # shared, once
    assert [deadline.id for _, deadline in week.deadlines] == ["forum-2026-consultation", "forum-2026-speakers"]


def test_events_known_only_to_the_month_are_listed_apart_and_weeks_do_not_overlap():
    assert [event.id for event in PROGRAMME.undated] == ["assembly-meeting"]
    for earlier, later in zip(PROGRAMME.weeks, PROGRAMME.weeks[1:], strict=False):
        assert earlier.end + dt.timedelta(days=1) < later.start


def test_the_headline_week_is_the_one_under_way_else_the_next_else_the_latest():
    assert headline_week(PROGRAMME, dt.date(2026, 5, 28)).start == dt.date(2026, 7, 6)
    assert headline_week(PROGRAMME, dt.date(2026, 7, 9)).start == dt.date(2026, 7, 6)
    assert headline_week(PROGRAMME, dt.date(2027, 1, 1)).end == dt.date(2026, 7, 10)
    assert headline_week(PROGRAMME, dt.date(2025, 7, 1)).start == dt.date(2025, 7, 7)
