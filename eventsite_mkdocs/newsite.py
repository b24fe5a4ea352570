"""A new event site in the languages its owner needs: `python -m eventsite init DIR
--languages en,fr,sw --title "..."`.

The new site has the layout of this repository's own site: mkdocs.yml, data/events.yaml
(one example event, every text marked EXAMPLE to replace: init writes no fact), the
hand-written pages in docs/<lang>/, the theme's templates (overrides/), the workflows,
a Makefile, a test, and a README for its owner. The generator itself is a dependency
(requirements.txt), not a copy.

A language the package has no UI strings for is refused, every missing key named, unless
the owner brings a locale file with them (`--ui-strings FILE`, copied into locales/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventsite import schema, ui
from eventsite.escaping import log_line
from eventsite.languages import LanguageError, Languages

# Each hand-written page: its file, the data part it shows, the UI string of its heading.
PAGES = (("programme", "programme", "site.page.programme"), ("deadlines", "deadlines", "site.page.deadlines"),
         ("venue", "venue", "site.page.venue"), ("documents", "documents", "site.page.documents"),
         ("calendars", "calendars", "site.page.calendars"), ("about", "about", "site.page.about"))
# What a new site copies from the generator's own repository (its theme and workflows).
COPIED = ("overrides", ".github/workflows/deploy.yml")
EXAMPLE = "EXAMPLE"
# The sharing cards show this site's own name: a new site draws its own (README).
NOT_COPIED = shutil.ignore_patterns("cards")


class InitError(ValueError):
    """The site cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class NewSite:
    languages: Languages
    title: str
    today: dt.date
    generator: Path  # the generator's repository (its overrides/, mkdocs.yml, workflows)
    strings: Mapping[str, Mapping[str, str]]  # the UI strings, the owner's locale files included


def parse_languages(text: str, default: str | None = None) -> Languages:
    codes = [code.strip() for code in text.split(",") if code.strip()]
    try:
        return Languages.of(codes, default)
    except LanguageError as error:
        raise InitError(f"--languages {text}: {error}") from None


def check_strings(languages: Languages, catalog: Mapping[str, Mapping[str, str]]) -> None:
    """InitError naming, per language, every UI string it lacks."""
    refused = ui.refusals(languages, catalog)
    if refused:
        raise InitError("\n".join(refused))


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def markdown_text(text: str) -> str:
    """Plain text for a Markdown heading: HTML escaped, Markdown's punctuation backslashed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", html.escape(text, quote=False))


def texts(key: str, languages: Languages, value: str, indent: int = 4) -> list[str]:
    pad = " " * indent
    return [f"{pad}{key}:"] + [f"{pad}  {lang}: {quoted(value)}" for lang in languages]


def data_file(site: NewSite) -> str:
    """data/events.yaml of a new site: the site's block and one example event."""
    languages, start = site.languages, site.today + dt.timedelta(days=30)
    example = f"{EXAMPLE} (replace it): "
    lines = [
        "# yaml-language-server: $schema=events.schema.json",
        "#",
        "# Event data for the site. Every date, name, link, figure and contact must come from a",
        "# source document (say which in a \"# Source:\" comment above each event); never guess.",
        f"# Written by `python -m eventsite init`: each text marked {EXAMPLE} and the example event",
        "# are placeholders to replace. Check your changes with: make validate",
        "",
        "site:",
        "  # The site's title, as given to init, in every language: translate it.",
        *texts("title", languages, site.title, indent=2),
        *texts("description", languages, example + "one sentence on what this site lists", indent=2),
        "  # The domain in every calendar entry's UID (id@domain): set a domain of your own before",
        "  # publishing, and never change it afterwards (subscribers would get each entry twice).",
        "  uid_domain: events.example.org",
        "  # The site's languages (CLDR locale codes), in the order of the language bar; every text",
        "  # needs each of them. The default language is built at the site root.",
        f"  languages: [{', '.join(languages)}]",
        f"  default_language: {languages.default}",
        "",
        "events:",
        f"  # Source: none. {EXAMPLE}: an event to show the layout; replace it with a real one.",
        "  - id: example-event",
        "    kind: meeting",
        "    status: tentative",
        "    revision: 0",
        f"    updated: {site.today.isoformat()}",
        f"    start: {start.isoformat()}",
        f"    end: {(start + dt.timedelta(days=2)).isoformat()}",
        *texts("title", languages, example + "the event's title", indent=4),
        *texts("summary", languages, example + "one sentence on the event", indent=4),
    ]
    return "\n".join(lines) + "\n"


def page(kind: str, heading: str) -> str:
    return f"---\neventsite: {kind}\n---\n\n# {heading}\n"


def pages(site: NewSite) -> dict[str, str]:
    """docs/<lang>/*.md: the home page (its heading, the site title, for screen readers) and
    the other pages, each headed in its language with the UI string of its heading."""
    files = {}
    for lang in site.languages:
        files[f"docs/{lang}/index.md"] = page("home", f"{markdown_text(site.title)} {{: .es-sr-only }}")
        for name, kind, key in PAGES:
            files[f"docs/{lang}/{name}.md"] = page(kind, markdown_text(site.strings[key][lang]))
    return files


def mkdocs_yml(site: NewSite) -> str:
    """The generator's own mkdocs.yml, with the new site's default language for the theme and
    without the generator's own folders in `watch` (the site has none)."""
    text = (site.generator / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  - eventsite(_mkdocs)?\n", "", text)
    return re.sub(r"(?m)^(  language: )\S+", lambda m: m.group(1) + site.languages.default, text, count=1)


def files(site: NewSite, templates: Path) -> dict[str, str]:
    """Every text file of the new site but the copied theme, by path."""
    own = {re.sub(r"(^|/)dot_", r"\1.", path.relative_to(templates).as_posix().removesuffix(".in")):
           path.read_text(encoding="utf-8") for path in sorted(templates.rglob("*.in"))}
    replacements = {"@TITLE@": site.title, "@LANGUAGES@": ", ".join(site.languages),
                    "@DEFAULT@": site.languages.default, "@GENERATOR@": str(site.generator)}
    for path, text in own.items():
        for placeholder, value in replacements.items():
            text = text.replace(placeholder, value)
        own[path] = text
    own["mkdocs.yml"] = mkdocs_yml(site)
    own["data/events.yaml"] = data_file(site)
    own["data/events.schema.json"] = json.dumps(schema.json_schema(site.languages), indent=2,
                                                ensure_ascii=False) + "\n"
    own.update(pages(site))
    return own


def add_command(commands: Any) -> Callable[[argparse.Namespace], int]:
    """`python -m eventsite init`: its options, and the function that runs it."""
    init = commands.add_parser("init", help="write a new event site in the languages it needs")
    init.add_argument("dir", type=Path, help="the new site's folder (new, or empty)")
    init.add_argument("--languages", required=True, help="CLDR codes in the language bar's order, like en,fr,sw")
    init.add_argument("--default", help="the language at the site root (default: the first)")
    init.add_argument("--title", required=True, help="the site's title")
    init.add_argument("--ui-strings", type=Path, action="append", default=[], metavar="FILE",
                      help="a locale file with the UI strings of a language the package lacks (repeatable; "
                      "copied into locales/)")
    init.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)

    return run_init


def run_init(args: argparse.Namespace) -> int:
    """Write a new site into args.dir."""
    generator = Path(__file__).resolve().parent.parent
    try:
        languages = parse_languages(args.languages, args.default)
        if args.dir.exists() and any(args.dir.iterdir()):
            raise InitError(f"{args.dir}: the folder is not empty; give a new one")
        missing = [path for path in (generator / name for name in COPIED) if not path.exists()]
        if missing:
            raise InitError(f"{missing[0]}: not found; init copies the theme from the generator's "
                            "repository: install it from a clone with pip install -e")
        own: ui.Strings = {}
        for path in args.ui_strings:
            for key, values in ui.read_site_strings_file(path).items():
                own.setdefault(key, {}).update(values)
        catalog = {key: {**values, **own.get(key, {})} for key, values in ui.package_strings().items()}
        check_strings(languages, catalog)
    except (InitError, ValueError, OSError) as error:
        print(log_line(str(error)) if "\n" not in str(error) else error, file=sys.stderr)
        return 1
    site = NewSite(languages, args.title, args.today, generator, catalog)
    for name, text in files(site, Path(__file__).resolve().parent / "newsite_files").items():
        path = args.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name in COPIED:
        source = generator / name
        if source.is_dir():
            shutil.copytree(source, args.dir / name, dirs_exist_ok=True, ignore=NOT_COPIED)
        else:
            (args.dir / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, args.dir / name)
    for path in args.ui_strings:
        (args.dir / "locales").mkdir(exist_ok=True)
        shutil.copyfile(path, args.dir / "locales" / path.name)
    print(f"{args.dir}: a new site in {', '.join(languages)}; next: cd {args.dir} && make site "
          f"(and read its README.md: what to change first)", file=sys.stderr)
    return 0
