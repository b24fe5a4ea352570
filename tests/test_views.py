"""What each page decides (eventsite/views), tested on the views themselves, without a
template: which events are upcoming, whether a request to speak is still open, which
events share an item, which actions a page offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from conftest import PAGES_SITE
from sitebuild import SITE_URL

from eventsite.loader import load_site
from eventsite.model import Month, Site, Timing, timing
from eventsite.views.context import PageContext, SiteFacts
from eventsite.views.event import event_view
from eventsite.views.footer import footer_view
from eventsite.views.home import home_view
from eventsite.views.items import document_link
from eventsite.views.listings import deadlines_view, documents_view, venues_view
from eventsite.views.programme import programme_view

SITE = load_site(PAGES_SITE)


def context(today: dt.date, lang: str = "en", site: Site = SITE, path: str = "") -> PageContext:
    return PageContext(site, lang, today, SITE_URL, path)


def test_timing_counts_a_month_only_value_as_the_whole_month():
    assert timing(Month(2026, 3), Month(2026, 3), dt.date(2026, 3, 31)) == Timing.ONGOING
    assert timing(Month(2026, 3), Month(2026, 3), dt.date(2026, 4, 1)) == Timing.PAST
    assert timing(dt.date(2026, 7, 6), dt.date(2026, 7, 10), dt.date(2026, 7, 5)) == Timing.UPCOMING


def test_home_splits_events_into_happening_now_upcoming_soonest_first_and_past_latest_first():
    view = home_view(context(dt.date(2026, 7, 7)))
    assert [card.event.id for card in view.ongoing] == ["dialogue-2026", "forum-2026", "summit-2026"]
    assert view.upcoming == ()
    assert [card.event.id for card in view.past] == ["assembly-meeting", "forum-2025"]
    before = home_view(context(dt.date(2026, 6, 1)))
    assert [card.event.id for card in before.upcoming] == ["dialogue-2026", "forum-2026", "summit-2026"]


def test_the_home_headline_is_the_week_to_come_with_its_actions_and_next_deadline():
    view = home_view(context(dt.date(2026, 4, 1)))
    assert view.hero is not None and view.hero.state == Timing.UPCOMING
    assert (view.hero.week.start, view.hero.week.end) == (dt.date(2026, 7, 6), dt.date(2026, 7, 10))
    assert view.hero.countdown == "in 96 days"
    assert [action.label for action in view.hero.actions] == [
        "visitor.action_for.registration", "visitor.action_for.speaking-request", "visitor.action_for.information",
        "visitor.add_week"]
    (first,) = view.hero.deadlines  # the next open one, shown until its day
    assert first.item.deadline.id == "forum-2026-speakers" and not first.window.hidden
    assert first.window.last == dt.date(2026, 5, 1)


def test_the_homes_request_to_speak_holds_until_its_deadline_and_goes_after_it():
    before = home_view(context(dt.date(2026, 4, 1)))
    assert before.hero is not None
    (speak,) = [a for a in before.hero.actions if a.label == "visitor.action_for.speaking-request"]
    assert speak.window is not None and speak.window.last == dt.date(2026, 5, 1)  # the browser hides it after
    during = home_view(context(dt.date(2026, 7, 8)))
    assert during.hero is not None
    assert "visitor.action_for.speaking-request" not in [a.label for a in during.hero.actions]


def test_after_the_week_the_headline_shows_it_ended_and_offers_no_action():
    view = home_view(context(dt.date(2026, 12, 4)))
    assert view.hero is not None and view.hero.state == Timing.PAST and view.hero.actions == ()
    assert view.hero.countdown == "Ended"


def test_a_request_to_speak_is_offered_until_its_deadline_has_passed():
    open_ = event_view(SITE.event("forum-2026"), context(dt.date(2026, 5, 1)))
    closed = event_view(SITE.event("forum-2026"), context(dt.date(2026, 5, 2)))
    assert not open_.speaking_window.hidden and "content.action.speak" in [action.label for action in open_.actions]
    assert closed.speaking_window.hidden and "content.action.speak" not in [action.label for action in closed.actions]
    assert closed.speaking is not None  # the page still says how it was done, and that it has closed


def test_an_event_that_has_ended_offers_no_action_and_no_registration():
    view = event_view(SITE.event("forum-2026"), context(dt.date(2026, 7, 11)))
    assert view.actions == () and view.registration is None
    assert [(notice.label, notice.window.hidden) for notice in view.notices] == [("content.ended", False)]
    assert view.badge.state == "past"


def test_registration_is_announced_open_while_the_event_with_a_registration_link_is_to_come():
    view = event_view(SITE.event("forum-2026"), context(dt.date(2026, 4, 1)))
    assert [(notice.label, notice.window.hidden) for notice in view.notices] == [
        ("content.registration_open", False), ("content.ended", True)]
    assert [(action.label, action.primary) for action in view.actions] == [
        ("content.action.take_part", False), ("content.action.register", True), ("content.action.speak", False),
        ("content.action.calendar", False)]
    summit = event_view(SITE.event("summit-2026"), context(dt.date(2026, 6, 1)))
    assert [notice.label for notice in summit.notices] == ["content.ended"]  # no registration link: not "open"


def test_a_shared_item_names_the_other_events_that_hold_it():
    view = event_view(SITE.event("forum-2026"), context(dt.date(2026, 6, 1), path="events/forum-2026/"))
    (joint,) = [item for item in view.sessions if item.session.id == "joint-opening"]
    assert [(title.get("en"), href) for title, href in joint.shared_with] == [("Summit 2026", "../summit-2026/")]
    (roundtable,) = [item for item in view.sessions if item.session.id == "forum-2026-roundtable"]
    assert roundtable.timed and roundtable.cancelled and roundtable.span
    assert view.times_note  # a session at a time of day: the page says in which zone


def test_an_event_known_only_to_the_month_is_in_no_feed_and_has_no_structured_data():
    view = event_view(SITE.event("assembly-meeting"), context(dt.date(2025, 11, 1)))
    assert not view.exact and view.json_ld is None
    assert "download" not in view.calendar and "content.action.calendar" not in [a.label for a in view.actions]


def test_documents_open_on_the_un_resolver_or_their_verified_page_else_say_there_is_none():
    assert document_link(SITE.document("resolution"), "ru") == ("https://undocs.org/ru/A/RES/78/311", "ru")
    assert document_link(SITE.document("report"), "fr") == ("https://www.itu.int/report/en", "en")
    assert document_link(SITE.document("letter"), "fr") is None
    items = {item.document.id: item for item in documents_view(context(dt.date(2026, 6, 1), "fr")).documents}
    assert items["report"].in_language == "anglais" and items["resolution"].in_language == ""
    assert items["letter"].href is None
    assert list(items) == ["letter", "resolution", "report"]  # newest first, the undated last


def test_deadlines_are_open_soonest_first_then_closed_newest_first():
    view = deadlines_view(context(dt.date(2026, 4, 1)))
    assert [item.deadline.id for item in view.open] == ["forum-2026-speakers"]
    assert [item.deadline.id for item in view.closed] == ["forum-2026-consultation"]
    assert view.closed[0].timing == Timing.PAST and not view.closed[0].exact


def test_the_programme_lists_the_weeks_to_come_then_the_earlier_ones_latest_first():
    view = programme_view(context(dt.date(2026, 6, 1)))
    assert [(group.anchor, [week.week.start for week in group.weeks]) for group in view.groups] == [
        ("coming", [dt.date(2026, 7, 6)]), ("earlier", [dt.date(2025, 7, 7)])]
    assert [card.event.id for card in view.undated] == ["assembly-meeting"]
    later = programme_view(context(dt.date(2026, 12, 4)))
    assert [group.anchor for group in later.groups] == ["earlier"]


def test_the_venue_page_lists_the_events_held_at_each_venue():
    view = venues_view(context(dt.date(2026, 6, 1), path="venue/"))
    held = {item.venue.id: [href for _title, href in item.events] for item in view.venues}
    assert held == {"palexpo": ["../events/dialogue-2026/", "../events/forum-2026/", "../events/summit-2026/"],
                    "cicg": ["../events/forum-2025/"]}


@pytest.mark.parametrize(("lang", "joined"), [
    ("en", "International Telecommunication Union"),
    ("zh", "国际电信联盟"),
])
def test_the_footer_names_the_publisher_and_contact_the_data_gives_and_the_newest_update(lang, joined):
    view = footer_view(context(dt.date(2030, 1, 1), lang, path="about/"))
    assert view.publisher is not None and view.publisher.get(lang) == joined
    assert view.updated == dt.date(2026, 3, 17)  # from the data, never the build's clock
    assert view.contact == "site@example.org"  # the site's own, not an event's
    assert view.address == SITE_URL + "about/"


def test_a_site_that_does_not_say_who_publishes_it_names_no_one_in_the_footer():
    site = replace(SITE, site=replace(SITE.site, publisher=None, contact=None))
    view = footer_view(PageContext(site, "en", dt.date(2030, 1, 1), SITE_URL, "", SiteFacts.of(site)))
    assert (view.publisher, view.contact) == (None, None)


def test_the_facts_of_the_whole_site_are_the_same_worked_out_once_or_per_page():
    once = SiteFacts.of(SITE)
    ctx = PageContext(SITE, "en", dt.date(2026, 6, 1), SITE_URL, "", once)
    assert ctx.site_facts is once
    assert context(dt.date(2026, 6, 1)).site_facts == once


def test_what_depends_on_the_day_carries_the_days_it_holds_so_a_later_reading_stays_true():
    """A page built on 1 April read in December: the browser script hides what no longer holds."""
    view = event_view(SITE.event("forum-2026"), context(dt.date(2026, 4, 1)))
    assert (view.actions_window.last, view.actions_window.hidden) == (dt.date(2026, 7, 10), False)
    (speak,) = [action for action in view.actions if action.label == "content.action.speak"]
    assert speak.window is not None and speak.window.last == dt.date(2026, 5, 1)
    assert (view.speaking_closed.first, view.speaking_closed.hidden) == (dt.date(2026, 5, 2), True)
    ended = next(notice for notice in view.notices if notice.label == "content.ended")
    assert ended.window.first == dt.date(2026, 7, 11)


def test_during_the_week_the_home_marks_today_and_links_to_it():
    view = home_view(context(dt.date(2026, 7, 8)))
    assert view.hero is not None and not view.hero.today_window.hidden
    assert view.hero.today_href == "#day-2026-07-08"
    assert [day.is_today for day in view.days.days] == [False, False, True, False, False]
    assert home_view(context(dt.date(2026, 6, 1))).hero.today_window.hidden


def test_after_the_week_the_home_gives_its_documents_and_the_subscription_for_the_next():
    view = home_view(context(dt.date(2026, 12, 4)))
    assert view.hero is not None
    assert [item.document.id for item in view.hero.documents] == ["letter", "resolution", "report"]
    assert view.hero.follow is not None and view.hero.follow.startswith("webcal://")


def test_the_homes_calendar_action_adds_the_week_shown_not_every_meeting():
    view = home_view(context(dt.date(2026, 6, 1)))
    (add,) = [action for action in view.hero.actions if action.download]
    assert add.href == SITE_URL + "calendar/weeks/2026-07-06.ics"
