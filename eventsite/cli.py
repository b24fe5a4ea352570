"""Command line for editors, translators and CI: `python -m eventsite validate`, `translations`, `schema`, ..."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from eventsite import changes as change_report
from eventsite import github, scaffold, schema, ui, xliff
from eventsite import translations as exchange
from eventsite.escaping import log_line
from eventsite.languages import UN_LANGUAGES, Languages
from eventsite.loader import parse, read_site
from eventsite.translations import missing_in

DEFAULT_DATA = Path("data/events.yaml")
TRANSLATION_ACTIONS = ("report", "export", "import", "lock")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventsite", description=__doc__)
    parser.add_argument("--version", action="version", version=f"eventsite {package_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the data file and list every problem")
    validate.add_argument("data", nargs="*", type=Path, default=[DEFAULT_DATA],
                          help="the data files to check (default: data/events.yaml)")
    validate.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                          help="also print GitHub Actions annotations (automatic on GitHub)")
    add_summary_options(validate)

    translations = commands.add_parser("translations", help="missing and stale translations; XLIFF exchange")
    actions = translations.add_subparsers(dest="action", required=True)
    report = actions.add_parser("report", help="list the missing and stale translations per language")
    report.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    export_xlf = actions.add_parser("export", help="write the texts of one language as an XLIFF 2.0 file")
    export_xlf.add_argument("--lang", required=True, help="one of the site's languages but the default")
    export_xlf.add_argument("--ui", action="store_true", help="the site's UI strings instead of the data's texts "
                            "(English source; the site's locales/ folder and the package's strings)")
    export_xlf.add_argument("--locales", type=Path, default=Path("locales"), help="the site's own UI strings "
                            "(default: locales)")
    export_xlf.add_argument("--output", type=Path, required=True, help="the .xlf file to write")
    export_xlf.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    import_xlf = actions.add_parser("import", help="write a translated XLIFF file back into the data file")
    import_xlf.add_argument("xliff", type=Path)
    import_xlf.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    lock = actions.add_parser("lock", help="record the English each translation was made from")
    lock.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    lock.add_argument("--lang", action="append", help="only this language (repeatable)")
    lock.add_argument("--unit", action="append", metavar="PATH", help="mark this text's translations current "
                      "(like events[3].title; repeatable); without it, only texts with no record are recorded")

    export = commands.add_parser("schema", help="print the JSON Schema of the data file")
    export.add_argument("--output", type=Path, help="write it to this file instead")
    export.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                        help="the data file whose site.languages the schema is for (default: data/events.yaml)")

    # Commands of the site build (`init`), added by the package that knows the engine.
    added: dict[str, Callable[[argparse.Namespace], int]] = {}
    for entry in metadata.entry_points(group="eventsite.commands"):
        added[entry.name] = entry.load()(commands)

    compare = commands.add_parser("changes", help="report what changed since a git branch, and what must not")
    compare.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    base = compare.add_mutually_exclusive_group(required=True)
    base.add_argument("--base", metavar="REF", help="the git branch or commit to compare with, e.g. origin/main")
    base.add_argument("--base-file", type=Path, metavar="PATH", help="compare with this file instead of git")
    compare.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                         help="also print GitHub Actions annotations (automatic on GitHub)")
    add_summary_options(compare)

    new_event = commands.add_parser("new-event", help="print a new event to fill in (or add it with --write)")
    new_event.add_argument("id", help="the new event's id, like wsis-forum-2027")
    new_event.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    new_event.add_argument("--start", metavar="DATE", help="the first day, like 2026-07-06 (or a month, 2026-07)")
    new_event.add_argument("--end", metavar="DATE", help="the last day (default: the start)")
    new_event.add_argument("--kind", default="meeting", help="forum, summit, dialogue, high-level-event, "
                           "meeting (default) or session")
    new_event.add_argument("--write", action="store_true", help="add it to the data file instead of printing it")

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["translations"] and not set(argv[1:2]) & {*TRANSLATION_ACTIONS, "-h", "--help"}:
        argv.insert(1, "report")  # the older bare form: `translations data/events.yaml`
    args = parser.parse_args(argv)
    return {"validate": run_validate, "translations": run_translations, "schema": run_schema,
            "changes": run_changes, "new-event": run_new_event, **added}[args.command](args)


def add_summary_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--summary", metavar="FILE", default=os.environ.get("GITHUB_STEP_SUMMARY"),
                         help="append the full report as Markdown to FILE (default: $GITHUB_STEP_SUMMARY)")
    command.add_argument("--max-annotations", type=int, default=github.MAX_ANNOTATIONS, metavar="N",
                         help=f"annotate only the first N problems (default {github.MAX_ANNOTATIONS}, "
                              "GitHub's limit per step), then point to the summary")


def package_version() -> str:
    """The installed package's version (from its metadata, i.e. pyproject.toml)."""
    try:
        return metadata.version("eventsite")
    except metadata.PackageNotFoundError:  # run from a source folder that was never installed
        return "unknown (not installed)"


def missing_file(path: Path) -> bool:
    if path.is_file():
        return False
    print(f"{path}: no such file (run the command from the project folder, or give the path)", file=sys.stderr)
    return True


def run_validate(args: argparse.Namespace) -> int:
    paths = args.data if isinstance(args.data, list) else [args.data]
    status, every_problem = 0, []
    for path in paths:
        if missing_file(path):
            status = 1
            continue
        site, problems = read_site(path)
        every_problem += problems
        for problem in problems:
            print(problem)
        github.append_summary(args.summary, github.validation_summary(
            str(path), problems, len(site.events) if site else None))
        errors = sum(problem.severity == "error" for problem in problems)
        if errors:
            print(log_line(f"{path}: {errors} error{'s' if errors != 1 else ''}; fix them and run this again."),
                  file=sys.stderr)
            status = 1
        else:
            assert site is not None
            count = len(site.events)
            print(log_line(f"{path}: OK ({count} event{'s' if count != 1 else ''})"), file=sys.stderr)
    if args.github and every_problem:
        print(*github.annotation_lines(every_problem, args.max_annotations), sep="\n")
    return status


def run_translations(args: argparse.Namespace) -> int:
    if missing_file(args.data) or (args.action == "import" and missing_file(args.xliff)):
        return 1
    try:
        texts = exchange.read_texts(args.data.read_bytes(), str(args.data))
        lock = exchange.read_lock(exchange.lock_path(args.data))
    except ValueError as error:  # not UTF-8, not YAML, or empty
        print(error)
        return 1
    return {"report": translations_report, "export": translations_export, "import": translations_import,
            "lock": translations_lock}[args.action](args, texts, lock)


def translations_report(args: argparse.Namespace, texts: exchange.DataTexts, lock: exchange.Lock) -> int:
    parsed = parse(texts.text.encode("utf-8"), str(args.data))
    assert parsed.walk is not None
    report, stale = missing_in(parsed.walk), exchange.stale_in(texts, lock)
    for lang in texts.languages:
        fields = report[lang]
        print(f"{lang}: {len(fields)} missing" + (f", {len(stale[lang])} stale" if stale.get(lang) else "")
              + (":" if fields or stale.get(lang) else ""))
        for field, required in fields:
            print(f"  {field}" + (" (required: the build refuses this)" if required else ""))
        for field in stale.get(lang, []):
            print(f"  {field} (stale: its English text changed since it was translated)")
    return 1 if any(required for fields in report.values() for _f, required in fields) else 0


def wrong_language(lang: str, languages: Languages) -> bool:
    if lang in languages.targets:
        return False
    print(f"--lang {lang}: choose one of the site's languages but the default: {', '.join(languages.targets)}",
          file=sys.stderr)
    return True


def translations_export(args: argparse.Namespace, texts: exchange.DataTexts, lock: exchange.Lock) -> int:
    if args.ui:
        return ui_strings_export(args, texts.languages)
    if wrong_language(args.lang, texts.languages):
        return 2
    units = exchange.units(texts, args.lang, lock)
    args.output.write_bytes(xliff.render_xliff(units, args.lang, original=args.data.as_posix(),
                                               languages=texts.languages))
    counts = {name: sum(unit.state == name for unit in units) for name in ("missing", "stale", "translated")}
    print(f"{args.output}: {len(units)} texts in {args.lang} ("
          + ", ".join(f"{count} {name}" for name, count in counts.items()) + ")", file=sys.stderr)
    return 0


def ui_strings_export(args: argparse.Namespace, languages: Languages) -> int:
    """The UI strings to translate into a language (from English), as XLIFF 2.0."""
    if args.lang not in languages:
        print(f"--lang {args.lang}: not one of the site's languages ({', '.join(languages)})", file=sys.stderr)
        return 2
    catalog = {key: {**values, **ui.read_site_strings(args.locales).get(key, {})}
               for key, values in ui.package_strings().items()}
    units = [xliff.Unit(key, values["en"], values.get(args.lang, ""), "translated" if values.get(args.lang)
                        else "missing", "", "") for key, values in catalog.items()]
    pair = Languages.of(["en", args.lang]) if args.lang != "en" else UN_LANGUAGES
    args.output.write_bytes(xliff.render_xliff(units, args.lang, original="locales", languages=pair,
                                               source="en", file_id="ui"))
    missing = sum(unit.state == "missing" for unit in units)
    print(f"{args.output}: {len(units)} UI strings in {args.lang} ({missing} missing); put the translations in "
          f"{args.locales}/{args.lang}.yaml as key: {{{args.lang}: text}}", file=sys.stderr)
    return 0


def translations_import(args: argparse.Namespace, texts: exchange.DataTexts, lock: exchange.Lock) -> int:
    try:
        lang, returned = xliff.read_xliff(args.xliff.read_bytes(), texts.languages)
        result = exchange.import_units(texts, lang, returned, lock)
    except xliff.XliffError as error:
        print(f"{args.xliff}: {error}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"{args.xliff}: {warning}", file=sys.stderr)
    if result.text != texts.text:
        args.data.write_text(result.text, encoding="utf-8", newline="")
    if result.lock != lock:
        exchange.lock_path(args.data).write_text(exchange.render_lock(result.lock, texts.paths), encoding="utf-8")
    print(f"{args.data}: {len(result.changed)} {lang} text{'s' if len(result.changed) != 1 else ''} changed",
          file=sys.stderr)
    return run_validate(argparse.Namespace(data=args.data, github=False, summary=None, max_annotations=0))


def translations_lock(args: argparse.Namespace, texts: exchange.DataTexts, lock: exchange.Lock) -> int:
    if any(wrong_language(lang, texts.languages) for lang in args.lang or []):
        return 2
    updated = exchange.lock_current(texts, lock, langs=tuple(args.lang or texts.languages.targets), paths=args.unit)
    path = exchange.lock_path(args.data)
    if updated != lock or not path.exists():
        path.write_text(exchange.render_lock(updated, texts.paths), encoding="utf-8")
    print(f"{path}: {len(updated)} texts recorded", file=sys.stderr)
    return 0


def run_schema(args: argparse.Namespace) -> int:
    text = render_schema(scaffold.site_languages(args.data.read_text(encoding="utf-8"))
                         if args.data.is_file() else UN_LANGUAGES)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def render_schema(languages: Languages = UN_LANGUAGES) -> str:
    """data/events.schema.json as it should be for a site's languages (a test keeps the
    committed file equal to it)."""
    return json.dumps(schema.json_schema(languages), indent=2, ensure_ascii=False) + "\n"


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
        print(*github.annotation_lines(review.problems, args.max_annotations), sep="\n",
              end="\n" if review.problems else "")
    github.append_summary(args.summary, report)
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
                                                      kind=args.kind, languages=scaffold.site_languages(text)))
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
    print(f"{args.data}:{line}: added the event '{args.id}'. Fill in every \"\" in each language, "
          f"then check with: python -m eventsite validate {args.data}", file=sys.stderr)
    return 0

