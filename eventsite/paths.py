"""Where each page and feed of a language lives below the site root, and how one page
links to another (relatively, so that a preview works on any host)."""

from __future__ import annotations

import datetime as dt
import posixpath

from eventsite.languages import Languages


def event_path(event_id: str) -> str:
    """Site path of an event's page, below the language prefix ("events/x/")."""
    return f"events/{event_id}/"


def feed_path(lang: str, name: str, languages: Languages) -> str:
    """Path of a feed below the site root: `calendar/all.ics`, `fr/calendar/<event id>.ics`."""
    return f"{languages.url_prefix(lang)}calendar/{name}.ics"


def week_feed(start: dt.date) -> str:
    """The name of a week's feed (`feed_path(lang, week_feed(start))`): in a folder of its
    own, so that no event's id can take it."""
    return f"weeks/{start.isoformat()}"


def below_prefix(page_path: str, lang: str, languages: Languages) -> str:
    """A page's path below its language's prefix ("fr/events/x/" -> "events/x/")."""
    prefix = languages.url_prefix(lang)
    return page_path[len(prefix):] if prefix and page_path.startswith(prefix) else page_path


def relative_url(target: str, page: str) -> str:
    """The link from a directory-style page to a directory-style target, both from the root."""
    page_dir = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    link = posixpath.relpath("/" + target, "/" + page_dir)
    return "./" if link == "." else link + ("/" if target.endswith("/") or not target else "")
