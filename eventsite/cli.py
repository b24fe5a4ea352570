"""Command line for editors and CI: `python -m eventsite validate`, `translations`, `schema`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from eventsite import schema
from eventsite.languages import LANGUAGES
from eventsite.loader import read_site
from eventsite.translations import missing_by_language

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

    args = parser.parse_args(argv)
    return {"validate": run_validate, "translations": run_translations, "schema": run_schema}[args.command](args)


def run_validate(args: argparse.Namespace) -> int:
    site, problems = read_site(args.data)
    for problem in problems:
        print(problem)
        if args.github:
            print(problem.github_annotation())
    errors = sum(problem.severity == "error" for problem in problems)
    if errors:
        print(f"{args.data}: {errors} error{'s' if errors != 1 else ''}; nothing was published.", file=sys.stderr)
        return 1
    assert site is not None
    print(f"{args.data}: OK ({len(site.events)} events)", file=sys.stderr)
    return 0


def run_translations(args: argparse.Namespace) -> int:
    report = missing_by_language(args.data)
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
