"""Command line for editors and CI: `python -m eventsite validate`, `translations`, `schema`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from eventsite import changes as change_report
from eventsite import scaffold, schema
from eventsite.escaping import log_line
from eventsite.languages import LANGUAGES
from eventsite.loader import parse, read_site
from eventsite.translations import missing_in

DEFAULT_DATA = Path("data/events.yaml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventsite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the data file and list every problem")
    validate.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    validate.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                          help="also print GitHub Actions annotations (automatic on GitHub)")

    translations = commands.add_parser("translations", help="list the missing translations per language")
    translations.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)

    export = commands.add_parser("schema", help="print the JSON Schema of the data file")
    export.add_argument("--output", type=Path, help="write it to this file instead")

    compare = commands.add_parser("changes", help="report what changed since a git branch, and what must not")
    compare.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    base = compare.add_mutually_exclusive_group(required=True)
    base.add_argument("--base", metavar="REF", help="the git branch or commit to compare with, e.g. origin/main")
    base.add_argument("--base-file", type=Path, metavar="PATH", help="compare with this file instead of git")
    compare.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                         help="also print GitHub Actions annotations (automatic on GitHub)")

    new_event = commands.add_parser("new-event", help="print a new event to fill in (or add it with --write)")
    new_event.add_argument("id", help="the new event's id, like wsis-forum-2027")
    new_event.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    new_event.add_argument("--start", metavar="DATE", help="the first day, like 2026-07-06 (or a month, 2026-07)")
    new_event.add_argument("--end", metavar="DATE", help="the last day (default: the start)")
    new_event.add_argument("--kind", default="meeting", help="forum, summit, dialogue, high-level-event, "
                           "meeting (default) or session")
    new_event.add_argument("--write", action="store_true", help="add it to the data file instead of printing it")

    args = parser.parse_args(argv)
    return {"validate": run_validate, "translations": run_translations, "schema": run_schema,
            "changes": run_changes, "new-event": run_new_event}[args.command](args)


def missing_file(path: Path) -> bool:
    if path.is_file():
        return False
    print(f"{path}: no such file (run the command from the project folder, or give the path)", file=sys.stderr)
    return True


def run_validate(args: argparse.Namespace) -> int:
    if missing_file(args.data):
        return 1
    site, problems = read_site(args.data)
    for problem in problems:
        print(problem)
        if args.github:
            print(problem.github_annotation())
    errors = sum(problem.severity == "error" for problem in problems)
    if errors:
        print(log_line(f"{args.data}: {errors} error{'s' if errors != 1 else ''}; fix them and run this again."),
              file=sys.stderr)
        return 1
    assert site is not None
    count = len(site.events)
    print(log_line(f"{args.data}: OK ({count} event{'s' if count != 1 else ''})"), file=sys.stderr)
    return 0


def run_translations(args: argparse.Namespace) -> int:
    if missing_file(args.data):
        return 1
    parsed = parse(args.data.read_bytes(), str(args.data))
    if parsed.walk is None:  # not UTF-8, not YAML, or empty
        for problem in parsed.problems:
            print(problem)
        return 1
    report = missing_in(parsed.walk)
    for lang in LANGUAGES:
        fields = report[lang]
        print(f"{lang}: {len(fields)} missing" + (":" if fields else ""))
        for field, required in fields:
            print(f"  {field}" + (" (required: the build refuses this)" if required else ""))
    return 1 if any(required for fields in report.values() for _f, required in fields) else 0


def run_schema(args: argparse.Namespace) -> int:
    text = render_schema()
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def render_schema() -> str:
    """data/events.schema.json as it should be (a test keeps the committed file equal to it)."""
    return json.dumps(schema.json_schema(), indent=2, ensure_ascii=False) + "\n"


def run_changes(args: argparse.Namespace) -> int:
    if args.base_file:
        old, base = (args.base_file.read_bytes() if args.base_file.exists() else None), str(args.base_file)
    else:
        try:
            old, base = change_report.read_base(args.base, args.data), args.base
        except LookupError as error:
            print(f"{args.data}: {error}", file=sys.stderr)
            return 2
    review = change_report.review_files(old, args.data.read_bytes(), file=str(args.data), base=base)
    report = change_report.render_markdown(review)
    print(report, end="")
    if args.github:
        for problem in review.problems:
            print(problem.github_annotation())
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as stream:
            stream.write(report)
    errors = len(review.errors)
    if errors:
        print(f"{args.data}: {errors} error{'s' if errors != 1 else ''} in the changes.", file=sys.stderr)
        return 1
    return 0


def run_new_event(args: argparse.Namespace) -> int:
    text = args.data.read_text(encoding="utf-8") if args.data.exists() else None
    today = dt.date.today()
    try:
        if not args.write:
            scaffold.check_new_id(args.id, scaffold.used_ids(text) if text else set())
            sys.stdout.write(scaffold.new_event_block(args.id, today=today, start=args.start, end=args.end,
                                                      kind=args.kind))
            return 0
        if text is None:
            print(f"{args.data} does not exist yet: copy data/events.example.yaml to it first.", file=sys.stderr)
            return 1
        updated, line = scaffold.insert_event(text, args.id, today=today, start=args.start, end=args.end,
                                              kind=args.kind)
    except scaffold.ScaffoldError as error:
        print(f"{args.data}: {error}", file=sys.stderr)
        return 1
    args.data.write_text(updated, encoding="utf-8")
    print(f"{args.data}:{line}: added the event '{args.id}'. Fill in every \"\" in the six languages, "
          f"then check with: python -m eventsite validate {args.data}", file=sys.stderr)
    return 0
