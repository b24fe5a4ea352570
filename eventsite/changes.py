"""What a pull request changes in the events, in words for editors and for calendar subscribers.

The functions compare the site on the main branch (`old`) with the site in a pull request
(`new`): which events, sessions and deadlines were added, removed, moved, cancelled or
otherwise changed, and what people who subscribed to the calendar feeds will see. They also
guard what subscribers rely on: a published id never disappears (it is cancelled instead),
and a published event that changes gets a higher `revision` (the calendar SEQUENCE), or
calendar programs keep showing the old version. The editor raises it in the data file: we
never raise it automatically, so that the file stays the single source of truth and every
build of the same file gives the same feeds.

Only `read_base` touches the outside world (it asks git for the file on the base branch).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from eventsite.dates import format_date_range, format_day
from eventsite.escaping import markdown, one_line
from eventsite.loader import parse, parse_site
from eventsite.model import Day, Deadline, Event, Moment, Session, Site, Text, Venue, in_feeds, span
from eventsite.problems import Problem

Value = Event | Session | Deadline
Positions = dict[str, tuple[int, int]]

# The event fields a calendar entry shows, with the word subscribers know them by.
# Everything else (organisers, contacts, links...) appears on the web page only.
VISIBLE_FIELDS = {
    "event": {"title": "title", "summary": "description", "description": "description",
              "venue": "location", "kind": "category"},
    "session": {"title": "title", "description": "description", "timezone": "time zone"},
    "deadline": {"title": "title", "description": "description"},
}
# Compared separately (dates, status) or not a change of content (revision, updated).
NOT_COMPARED = {"id", "revision", "updated", "sessions", "deadlines", "start", "end", "date", "status"}


@dataclass(frozen=True)
class Item:
    """An event, session or deadline where it stands in one version of the file."""

    kind: str  # "event", "session" or "deadline"
    value: Value
    event: Event  # the event itself, or the event the session or deadline belongs to
    path: str  # "events[2].sessions[0]"
    following: tuple[str, ...]  # ids of the items after it in the same list, nearest first
    venue: Venue | None = None  # the venue of the item's event, as it stands in this version

    @property
    def id(self) -> str:
        return self.value.id

    @property
    def title(self) -> Text:
        return self.value.title

    @property
    def first(self) -> Day | Moment:
        return span(self.value)[0]

    @property
    def last(self) -> Day | Moment:
        return span(self.value)[1]

    @property
    def status(self) -> str:
        """The status subscribers see."""
        value = self.value
        return value.status if isinstance(value, Event) else self.event.status_of(value)

    @property
    def in_feeds(self) -> bool:
        return in_feeds(self.value)

    def label(self) -> str:
        """How editors see it named: Event `x` (Title), or Session `y` (Title) of event `x`."""
        text = f"{self.kind.capitalize()} `{self.id}` ({self.title.get('en')})"
        return text if self.kind == "event" else f"{text} of event `{self.event.id}`"


@dataclass(frozen=True)
class Change:
    """One thing that changed, said twice: for the editor and for calendar subscribers."""

    kind: str  # "event", "session" or "deadline"
    id: str
    action: str  # added, removed, cancelled, reinstated, moved, changed
    what: str
    subscribers: str

    def __str__(self) -> str:
        return f"{self.what} {self.subscribers}"


@dataclass(frozen=True)
class Review:
    """Everything `changes` reports: the changes, the problems with them, and notes."""

    file: str
    base: str
    changes: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]


# --- Reading ------------------------------------------------------------------------------


def review_files(old: bytes | None, new: bytes, *, file: str, base: str) -> Review:
    """Compare two versions of the data file; `old` is None when the base has no such file."""
    parsed = parse(new, file)
    new_site = parsed.site
    if new_site is None or parsed.walk is None:
        errors = tuple(problem for problem in parsed.problems if problem.severity == "error")
        return Review(file, base, problems=errors,
                      notes=(f"{file} has errors, so the changes could not be compared: fix them first.",))
    notes: list[str] = []
    old_site = None
    if old is None:
        notes.append(f"{file} does not exist on `{base}`: everything in it is new.")
    else:
        old_site, _old_problems = parse_site(old, f"{base}:{file}")
        if old_site is None:
            return Review(file, base, problems=(Problem(
                file, 1, 1, "", f"the file on `{base}` has errors, so this change cannot be checked against "
                "what is published (removed ids, revisions): fix the file on the base branch first",
                f"a valid {file} on `{base}`", "errors there"),),
                notes=(f"{file} on `{base}` has errors: run `python -m eventsite validate` on that branch.",))
    review = review_sites(old_site, new_site, parsed.walk.positions, file=file, base=base)
    return dataclasses.replace(review, notes=tuple(notes))


def read_base(ref: str, path: Path) -> bytes | None:
    """The file at `path` as it is on git `ref`, or None if it does not exist there."""
    folder = path.resolve().parent
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                           cwd=folder, capture_output=True, text=True)
    if known.returncode != 0:
        raise LookupError(f"git does not know {ref!r} here: fetch it first "
                          f"(git fetch origin) or check the name. {known.stderr.strip()}".strip())
    shown = subprocess.run(["git", "show", f"{ref}:./{path.name}"], cwd=folder, capture_output=True)
    return shown.stdout if shown.returncode == 0 else None


# --- Comparing ------------------------------------------------------------------------------


def items_of(site: Site) -> dict[str, Item]:
    """Every event, session and deadline of a site by id, in file order."""
    found: dict[str, Item] = {}
    event_ids = [event.id for event in site.events]
    for index, event in enumerate(site.events):
        path = f"events[{index}]"
        venue = site.venue(event.venue) if event.venue else None
        found[event.id] = Item("event", event, event, path, tuple(event_ids[index + 1:]), venue)
        groups: tuple[tuple[str, tuple[Session | Deadline, ...]], ...] = (
            ("session", event.sessions), ("deadline", event.deadlines))
        for kind, children in groups:
            ids = [child.id for child in children]
            for number, child in enumerate(children):
                found[child.id] = Item(kind, child, event, f"{path}.{kind}s[{number}]", tuple(ids[number + 1:]),
                                       venue)
    return found


def review_sites(old: Site | None, new: Site, positions: Positions, *, file: str, base: str) -> Review:
    """The changes from `old` (None: nothing published yet) to `new`, and the problems with them."""
    old_items = items_of(old) if old else {}
    new_items = items_of(new)
    changes: list[Change] = []
    for item in new_items.values():
        before = old_items.get(item.id)
        if before is None or before.kind != item.kind:
            changes.append(added(item))
        else:
            change = changed(before, item)
            if change:
                changes.append(change)
    removed_items = [item for item in old_items.values()
                     if item.id not in new_items or new_items[item.id].kind != item.kind]
    changes += [removed(item) for item in removed_items]
    problems = [removal_problem(item, new_items, positions, file) for item in removed_items
                if item.kind == "event" or item.event.id in new_items]
    for item in new_items.values():
        if item.kind == "event" and item.id in old_items and old_items[item.id].kind == "event":
            problems += revision_problems(old_items[item.id], item, old_items, new_items, positions, file)
    problems.sort(key=lambda problem: (problem.line, problem.column, problem.path))
    return Review(file, base, tuple(changes), tuple(problems))


def content_fields(before: Item, after: Item) -> list[str]:
    """The names of the fields that differ, dates and status left out. An event whose venue
    was renamed or moved counts as a change of its `venue`: its feeds' LOCATION changes."""
    names = [f.name for f in dataclasses.fields(after.value) if f.name not in NOT_COMPARED]
    fields = [name for name in names if getattr(before.value, name, None) != getattr(after.value, name, None)]
    if after.kind == "event" and "venue" not in fields and shown(before.venue) != shown(after.venue):
        fields.append("venue")
    return fields


def shown(venue: Venue | None) -> Venue | None:
    """A venue as pages and feeds show it: its city and country code serve search engines
    only (schema.org data), so adding them changes no LOCATION and needs no new revision."""
    return dataclasses.replace(venue, locality=None, country=None) if venue is not None else None


def is_changed(before: Item, after: Item) -> bool:
    """Whether subscribers or readers could see a difference in the item itself."""
    own_status = getattr(before.value, "status", None) != getattr(after.value, "status", None)
    return bool(content_fields(before, after)) or own_status or (before.first, before.last) != (
        after.first, after.last) or before.event.id != after.event.id


# --- Wording ---------------------------------------------------------------------------------


def when(first: Day | Moment, last: Day | Moment) -> str:
    """Days or times in English, as editors read them: "8–9 July 2026"."""
    if isinstance(first, dt.datetime) and isinstance(last, dt.datetime):
        start = f"{format_day(first.date(), 'en')}, {first:%H:%M}"
        if first.date() == last.date():
            text = f"{start}–{last:%H:%M}"
        else:
            text = f"{start} – {format_day(last.date(), 'en')}, {last:%H:%M}"
        return f"{text} ({first.tzinfo})" if first.tzinfo else text
    # Days as they are (a month-only value stays a month), times as their days.
    first_day = first.date() if isinstance(first, dt.datetime) else first
    last_day = last.date() if isinstance(last, dt.datetime) else last
    return plain(format_date_range(first_day, last_day, "en"))


def plain(text: str) -> str:
    """CLDR's thin and narrow spaces as ordinary ones, for terminals and diffs."""
    return text.replace("\u2009", " ").replace("\u202f", " ")


def join_and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def added(item: Item) -> Change:
    status = "" if item.kind == "deadline" else f", {item.status}"
    what = f"{item.label()} was added: {when(item.first, item.last)}{status}."
    if item.in_feeds:
        seen = f"Subscribers will see a new entry on {when(item.first, item.last)}."
    else:
        seen = "Subscribers will not see it: calendars show only items with exact days."
    return Change(item.kind, item.id, "added", what, seen)


def removed(item: Item) -> Change:
    return Change(item.kind, item.id, "removed", f"{item.label()} was removed.",
                  "Subscribers would see it vanish without a word.")


class Part(NamedTuple):
    """One aspect of a change: its action, the editor's clause, the subscribers' phrase."""

    action: str
    clause: str
    seen: str | None


def changed(before: Item, after: Item) -> Change | None:
    """The change from `before` to `after`, or None if the item itself did not change."""
    if not is_changed(before, after):
        return None
    parts = [part for part in (status_part(before, after), parent_part(before, after),
                               date_part(before, after), fields_part(before, after)) if part]
    action = next((part.action for part in parts if part.action != "changed"), "changed")
    revision = ""
    if isinstance(before.value, Event) and isinstance(after.value, Event) \
            and before.value.revision != after.value.revision:
        revision = f"; revision {before.value.revision} → {after.value.revision}"
    what = f"{after.label()} {'; '.join(part.clause for part in parts)}{revision}."
    seen = [part.seen for part in parts if part.seen]
    if action == "cancelled":
        seen = seen[:1]  # struck through or gone: nothing else of it matters to subscribers
    if not before.in_feeds and not after.in_feeds:
        subscribers = "Subscribers will not see it: calendars show only items with exact days."
    elif seen:
        subscribers = f"Subscribers will see {join_and(seen)}."
    else:
        subscribers = "Subscribers will see no difference: only the web page changes."
    return Change(after.kind, after.id, action, what, subscribers)


def status_part(before: Item, after: Item) -> Part | None:
    if getattr(before.value, "status", None) == getattr(after.value, "status", None):
        return None  # a session that follows its event's status is told with the event
    if before.status == after.status:
        return Part("changed", f"changed: status (still {after.status})", None)
    if after.status == "cancelled":
        children = [name for name in ("sessions", "deadlines") if getattr(after.value, name, ())]
        with_children = f" with its {join_and(children)}" if children else ""
        return Part("cancelled", "was cancelled", f"it{with_children} struck through or removed (cancelled)")
    if before.status == "cancelled":
        return Part("reinstated", f"is no longer cancelled (now {after.status})", f"it as {after.status} again")
    return Part("changed", f"is now {after.status}", f"it marked {after.status}")


def parent_part(before: Item, after: Item) -> Part | None:
    if before.event.id == after.event.id:
        return None
    return Part("changed", f"now belongs to event `{after.event.id}` (before: `{before.event.id}`)",
                f"it under the name, place and link of event `{after.event.id}`")


def date_part(before: Item, after: Item) -> Part | None:
    if (before.first, before.last) == (after.first, after.last):
        return None
    old_when, new_when = when(before.first, before.last), when(after.first, after.last)
    if after.in_feeds and not before.in_feeds:
        return Part("moved", f"now has exact days: {new_when} (before: {old_when})", f"it appear on {new_when}")
    if before.in_feeds and not after.in_feeds:
        return Part("moved", f"is now known only to the month: {new_when} (before: {old_when})",
                    "it disappear (only the month is known now)")
    return Part("moved", f"moved from {old_when} to {new_when}", f"the {after.kind} move to {new_when}")


def fields_part(before: Item, after: Item) -> Part | None:
    fields = content_fields(before, after)
    if not fields:
        return None
    visible = VISIBLE_FIELDS[after.kind]
    words = list(dict.fromkeys(visible[name] for name in fields if name in visible))
    return Part("changed", "changed: " + ", ".join(fields), f"the new {join_and(words)}" if words else None)


# --- Guarding ------------------------------------------------------------------------------


def locate(positions: Positions, *paths: str) -> tuple[int, int]:
    """The position of the first of `paths` the file has (the top of the file if none)."""
    for path in paths:
        if path in positions:
            return positions[path]
    return (1, 1)


def removal_problem(item: Item, new_items: dict[str, Item], positions: Positions, file: str) -> Problem:
    """A published id was removed: cancel it instead, so subscribers are told.

    Located where the item used to be: at the next item that is still there, else at its list.
    """
    survivors = [new_items[other] for other in item.following
                 if other in new_items and new_items[other].kind == item.kind]
    if item.kind == "event":
        where, fallback = "events", "events"
    else:
        parent = new_items[item.event.id]
        survivors = [other for other in survivors if other.event.id == parent.id]
        where, fallback = f"{parent.path}.{item.kind}s", parent.path
    line, column = locate(positions, *(other.path for other in survivors), where, fallback)
    advice = "put it back and set `status: cancelled` instead, so that calendar subscribers see it cancelled"
    expected = f"the published {item.kind} kept, with status: cancelled"
    return Problem(file, line, column, where, f"{item.kind} '{item.id}' is published and was removed: {advice}",
                   expected, f"no {item.kind} '{item.id}'")


def revision_problems(before: Item, after: Item, old_items: dict[str, Item], new_items: dict[str, Item],
                      positions: Positions, file: str) -> list[Problem]:
    """A published event that changed must carry a higher revision (and a later `updated`)."""
    old_event, new_event = before.value, after.value
    assert isinstance(old_event, Event) and isinstance(new_event, Event)
    what = ["status"] if old_event.status != new_event.status else []
    what += [name for name in ("start", "end") if getattr(old_event, name) != getattr(new_event, name)]
    what += content_fields(before, after)
    required = old_event.revision + 1
    for kind, children in (("session", new_event.sessions), ("deadline", new_event.deadlines)):
        for child in children:
            earlier = old_items.get(child.id)
            if earlier is None or earlier.kind != kind:
                what.append(f"{kind} '{child.id}' added")
            elif is_changed(earlier, new_items[child.id]):
                what.append(f"{kind} '{child.id}' changed")
                required = max(required, earlier.event.revision + 1)
    for item in old_items.values():
        if item.kind != "event" and item.event.id == new_event.id and (
                item.id not in new_items or new_items[item.id].event.id != new_event.id):
            what.append(f"{item.kind} '{item.id}' removed" if item.id not in new_items
                        else f"{item.kind} '{item.id}' moved to another event")
    path = f"{after.path}.revision"
    line, column = locate(positions, path, after.path)
    current = new_event.revision
    problems = []
    if what and current < required:
        problems.append(Problem(
            file, line, column, path,
            f"the published event changed ({', '.join(what)}) but its revision did not: "
            f"raise revision from {current} to {required}, so that calendars take the change",
            f"{required} or more", str(current)))
    elif current < old_event.revision:
        problems.append(Problem(
            file, line, column, path,
            f"revision went down from {old_event.revision} to {current}: it may only go up; "
            f"set it back to {old_event.revision}",
            f"{old_event.revision} or more", str(current)))
    if what and new_event.updated <= old_event.updated:
        line, column = locate(positions, f"{after.path}.updated", after.path)
        problems.append(Problem(
            file, line, column, f"{after.path}.updated",
            f"the event changed but updated is still {new_event.updated.isoformat()}: "
            "set it to the day of this change",
            f"a date after {old_event.updated.isoformat()}", new_event.updated.isoformat(),
            severity="warning"))
    return problems


# --- Reporting ------------------------------------------------------------------------------


def render_markdown(review: Review) -> str:
    """The report as Markdown, for a pull request comment or the GitHub step summary. Every
    line that holds text from the data is escaped: it shows as typed, on one line."""
    lines = [f"## Changes to the events in {markdown(review.file)}", "",
             f"Compared with `{one_line(review.base).replace('`', '')}`."]
    lines += ["", *(f"> {markdown(note)}" for note in review.notes)] if review.notes else []
    lines.append("")
    if review.changes:
        lines += [f"- {markdown(str(change))}" for change in review.changes]
    elif not review.errors:
        lines.append("No event, session or deadline changed.")
    errors = review.errors
    warnings = [problem for problem in review.problems if problem.severity == "warning"]
    if errors:
        count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
        lines += ["", f"### {count} to fix before this can be merged", ""]
        lines += [f"- {markdown(str(problem))}" for problem in errors]
    if warnings:
        lines += ["", "### Worth a look", ""]
        lines += [f"- {markdown(str(problem))}" for problem in warnings]
    return "\n".join(lines) + "\n"

