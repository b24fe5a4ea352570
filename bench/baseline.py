"""The bare engine to compare with: the same pages as plain Markdown files, built by a copy
of mkdocs.yml without the eventsite plugin (no calendar feeds, no per-language search
index, no data pages rendered from templates, one MkDocs process for all languages)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

from common import ROOT

from eventsite import dates, typography
from eventsite.languages import LANGUAGES
from eventsite.model import Event, Site, timing
from eventsite.ui import t
from eventsite.views.context import PageContext
from eventsite.views.home import home_view
from eventsite.views.items import document_link

HAND_WRITTEN = ("index", "deadlines", "venue", "documents", "about")


def baseline_config(target: Path) -> Path:
    """mkdocs.yml without the eventsite plugin (and `watch:`), with its own docs_dir. The
    theme overrides' templates need what the plugin gives them (globals, page data), so the
    baseline keeps only their static files (CSS, JS, favicon) and Material's own templates."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    kept, top, in_plugin = [], "", False
    for line in text.splitlines():
        top_key = re.match(r"^([A-Za-z_]+):", line)
        item = re.match(r"^  - ([A-Za-z_/]+)", line)
        if top_key:
            top, in_plugin = top_key[1], False
        elif top == "plugins" and item:
            in_plugin = item[1] == "eventsite"
        elif top == "plugins" and line.lstrip().startswith("#") and "eventsite_mkdocs" in line:
            continue
        if top != "watch" and not in_plugin:
            kept.append(line)
    text = "\n".join(kept) + "\n"
    if re.search(r"(?m)^ *- eventsite\b", text):
        raise RuntimeError("the baseline configuration still names the eventsite plugin")
    text = re.sub(r"(?m)^docs_dir:.*$", "docs_dir: docs", text)
    text = re.sub(r"(?m)^(\s*custom_dir:).*$", r"\1 overrides", text)
    shutil.copytree(ROOT / "overrides" / "assets", target / "overrides" / "assets")
    config = target / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def md(text: str) -> str:
    """Text as literal Markdown inline content in the baseline's plain-Markdown pages."""
    return "".join(f"&#{ord(char)};" if char in "<>&*_`[]\\#{}:!|" else char for char in text)


def event_link(event: Event, lang: str) -> str:
    return f"[{md(event.title.get(lang))}](events/{event.id}.md)"


def baseline_event(site: Site, event: Event, lang: str, today: dt.date) -> str:
    """An event page as plain Markdown: the same title and body text as the generated page."""
    meta = {"title": event.title.get(lang), "description": event.summary.get(lang)}
    out = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()), "---", "",
           f"# {md(event.title.get(lang))}", "",
           f"**{dates.format_date_range(event.start, event.end, lang)}** "
           f"({t('site.status.' + timing(event.start, event.end, today), lang)})", ""]
    if event.venue:
        venue = site.venue(event.venue)
        where = venue.name.get(lang) + (f", {venue.address.get(lang)}" if venue.address else "")
        out += [md(where), "", md(t("site.timezone", lang, zone=venue.timezone)), ""]
    out += [md(event.summary.get(lang)), ""]
    if event.description:
        out += [md(part.strip()) + "\n" for part in event.description.get(lang).split("\n\n") if part.strip()]
    for role in event.roles:
        key, ids = f"content.role.{role.role}", role.organisations
        if ids:
            names = typography.join([site.organisation(i).name.get(lang) for i in ids], lang)
            out += [f"**{md(t(key, lang))}**: {md(names)}", ""]
    if event.participation:
        out += [f"## {md(t('content.who', lang))}", "", md(event.participation.get(lang)), ""]
    if event.sessions:
        out += [f"## {md(t('site.programme', lang))}", ""]
        for number, session in enumerate(event.sessions, 1):
            when = dates.format_moment(session.start, lang)
            if session.end and session.end != session.start:
                when += " – " + dates.format_moment(session.end, lang)
            out.append(f"{number}. {md(when)} — **{md(session.title.get(lang))}**")
        out.append("")
    if event.deadlines:
        out += [f"## {md(t('site.deadlines', lang))}", ""]
        for deadline in event.deadlines:
            line = f"- {md(dates.format_day(deadline.date, lang))}: {md(deadline.title.get(lang))}"
            if deadline.description:
                line += f" — {md(deadline.description.get(lang))}"
            out.append(line)
        out.append("")
    if event.documents:
        out += [f"## {md(t('content.documents_sources', lang))}", ""]
        for doc_id in event.documents:
            document = site.document(doc_id)
            label = md(" ".join(filter(None, [document.symbol, document.title.get(lang)])))
            target = document_link(document, lang)
            out.append(f"- [{label}]({target[0]})" if target else f"- {label}")
        out.append("")
    if event.contacts:
        out += [f"## {md(t('site.contacts', lang))}", ""]
        for contact in event.contacts:
            parts = [contact.name.get(lang) if contact.name else None, contact.email, contact.phone]
            out.append("- " + md(", ".join(filter(None, parts))))
        out.append("")
    if event.links:
        out += [f"- [{md(link.label.get(lang))}]({link.url})" for link in event.links] + [""]
    return "\n".join(out)


def baseline_extra(site: Site, page: str, lang: str, today: dt.date) -> list[str]:
    """The data part of a hand-written page as plain Markdown."""
    out: list[str] = [""]
    if page == "index":
        home = home_view(PageContext(site, lang, today, "https://example.org/"))
        sections = {"upcoming": [card.event for card in home.upcoming], "past": [card.event for card in home.past],
                    "deadlines": [(item.event, item.deadline) for item in home.deadlines]}
        for key, events in (("site.upcoming_events", sections["upcoming"]), ("site.past_events", sections["past"])):
            out += [f"## {md(t(key, lang))}", ""]
            out += [f"- {event_link(e, lang)} — {md(dates.format_date_range(e.start, e.end, lang))}: "
                    f"{md(e.summary.get(lang))}" for e in events] + [""]
        out += [f"## {md(t('site.next_deadlines', lang))}", ""]
        out += [f"- {md(dates.format_day(d.date, lang))}: {md(d.title.get(lang))} ({event_link(e, lang)})"
                for e, d in sections["deadlines"]] + [""]
    elif page == "deadlines":
        out += [f"- {md(dates.format_day(d.date, lang))}: {md(d.title.get(lang))} ({event_link(e, lang)})"
                for e, d in site.all_deadlines()]
    elif page == "venue":
        for venue in site.venues:
            out += [f"## {md(venue.name.get(lang))}", ""]
            if venue.address:
                out += [md(venue.address.get(lang)), ""]
    elif page == "documents":
        for document in site.documents:
            label = md(" ".join(filter(None, [document.symbol, document.title.get(lang)])))
            target = document_link(document, lang)
            out.append(f"- {md(dates.format_day(document.date, lang))}: "
                       + (f"[{label}]({target[0]})" if target else label))
    return out


def write_baseline(site: Site, target: Path, today: dt.date) -> Path:
    """docs/<lang>/events/<id>.md plus the hand-written pages, as plain Markdown."""
    config = baseline_config(target)
    for lang in LANGUAGES:
        folder = target / "docs" / lang
        (folder / "events").mkdir(parents=True, exist_ok=True)
        for page in HAND_WRITTEN:
            source = (ROOT / "docs" / lang / f"{page}.md").read_text(encoding="utf-8")
            source = re.sub(r"(?m)^eventsite:.*\n", "", source)
            source = re.sub(r"^---\n---\n", "", source)
            (folder / f"{page}.md").write_text(source + "\n".join(baseline_extra(site, page, lang, today)) + "\n",
                                               encoding="utf-8")
        for event in site.events:
            (folder / "events" / f"{event.id}.md").write_text(baseline_event(site, event, lang, today),
                                                               encoding="utf-8")
    return config
