"""The page views laid out by the templates in overrides/eventsite/.

A template receives one object, `page` (its view), and five helpers that read the page's
language from it: `t` (a UI string) and the filters `text` (a text of the data, escaped
and typeset), `paragraphs`, `when` (a day, a time or a span, as the language writes it)
and `iso` (the value of a `<time datetime>`). Autoescaping is on: data text is never markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
from markupsafe import Markup

from eventsite import dates, typography
from eventsite.languages import direction
from eventsite.model import Day, Event, Moment, Name, Site, Text
from eventsite.paths import event_path
from eventsite.ui import t
from eventsite.views.context import PageContext, PageView, SiteFacts
from eventsite.views.event import event_view
from eventsite.views.footer import footer_view
from eventsite.views.home import home_view
from eventsite.views.listings import calendars_view, deadlines_view, documents_view, venues_view
from eventsite.views.programme import programme_view

# The views of the pages written by hand (docs/<lang>/*.md), by their front matter's `eventsite:`.
VIEWS: dict[str, Callable[[PageContext], PageView]] = {
    "home": home_view, "programme": programme_view, "deadlines": deadlines_view, "venue": venues_view,
    "documents": documents_view, "calendars": calendars_view,
}
PAGE_KINDS: tuple[str, ...] = (*VIEWS, "about")  # the about page has a footer only


PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")


def make_environment(templates_dir: str | Path) -> jinja2.Environment:
    """The Jinja environment of the eventsite templates; escapes everything by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["t"] = ui_string
    env.filters.update(text=text, paragraphs=paragraphs, when=when, iso=dates.iso)
    return env


def render(view: PageView, env: jinja2.Environment) -> Markup:
    """A view laid out by its template."""
    return Markup(env.get_template(view.template).render(page=view))


def page_body(kind: str, ctx: PageContext, env: jinja2.Environment) -> Markup:
    """The data part of a hand-written page (`kind` from its front matter); nothing for `about`."""
    view = VIEWS.get(kind)
    return render(view(ctx), env) if view else Markup("")


def event_body(event: Event, ctx: PageContext, env: jinja2.Environment) -> Markup:
    return render(event_view(event, ctx), env)


def footer(ctx: PageContext, env: jinja2.Environment) -> Markup:
    """The site's part of a page's footer."""
    return render(footer_view(ctx), env)


def every_page(site: Site, lang: str, today: dt.date, site_url: str,
               env: jinja2.Environment) -> Iterator[tuple[str, Markup]]:
    """(path, HTML) of the data part and footer of every page of a language, as a build makes
    them (for checks of the whole output and for benchmarks)."""
    facts, prefix = SiteFacts.of(site), site.languages.url_prefix(lang)
    paths = [("" if kind == "home" else f"{kind}/", kind) for kind in PAGE_KINDS]
    for path, kind in paths:
        ctx = PageContext(site, lang, today, site_url, prefix + path, facts)
        yield path, page_body(kind, ctx, env) + footer(ctx, env)
    for event in site.events:
        path = event_path(event.id)
        ctx = PageContext(site, lang, today, site_url, prefix + path, facts)
        yield path, event_body(event, ctx, env) + footer(ctx, env)


def page_language(context: jinja2.runtime.Context) -> str:
    view = context["page"]
    assert isinstance(view, PageView)
    return view.lang


@jinja2.pass_context
def ui_string(context: jinja2.runtime.Context, key: str, **values: object) -> Markup:
    """A UI string in the page's language, escaped and typeset like every text of that
    language (French spaces, Arabic isolates), its `{placeholders}` filled in with the
    values escaped unless they are markup already (a typeset text of the data)."""
    lang = page_language(context)
    typeset = typeset_template(t(key, lang), lang)
    return typeset.format(**values)


@functools.lru_cache(maxsize=4096)
def typeset_template(template: str, lang: str) -> Markup:
    """A UI string typeset, its placeholders left for `format` (the same few hundred strings
    on every page: typeset once)."""
    parts = PLACEHOLDER.split(template)  # text, placeholder, text, ...
    return Markup("").join(Markup(part) if index % 2 else typography.html(part, lang)
                           for index, part in enumerate(parts))


@jinja2.pass_context
def text(context: jinja2.runtime.Context, value: Text | Name | str | None) -> Markup:
    """A text in the page's language, escaped and typeset; marked with its own language
    where it fell back to the default language."""
    lang = page_language(context)
    if value is None:
        return Markup("")
    if isinstance(value, str):
        return typography.html(value, lang)
    shown, used = value.get(lang), value.lang_of(lang)
    if used == lang:
        return typography.html(shown, lang)
    return Markup('<span lang="{}" dir="{}">{}</span>').format(used, direction(used), typography.html(shown, used))


@jinja2.pass_context
def paragraphs(context: jinja2.runtime.Context, value: Text | None) -> list[Markup]:
    """A multi-paragraph text split on blank lines, each escaped and typeset."""
    if value is None:
        return []
    return [Markup(part.strip()) for part in str(text(context, value)).split("\n\n") if part.strip()]


@jinja2.pass_context
def when(context: jinja2.runtime.Context, value: Day | Moment, end: Day | Moment | None = None,
         weekday: bool = False) -> str:
    """A day ("6 July 2026", with its weekday if asked), a month, a time of day, or a span
    (`end`) as the page's language writes it."""
    lang = page_language(context)
    if end is not None:
        return dates.format_span(value, end, lang)
    if isinstance(value, dt.datetime):
        return dates.format_moment(value, lang)
    return dates.format_day(value, lang, weekday)


def template_names(env: jinja2.Environment) -> set[str]:
    """The names a template may use besides its own variables (tests keep this short)."""
    return {"page", *env.globals, *env.filters} - set(jinja2.Environment().globals) - set(
        jinja2.Environment().filters)
