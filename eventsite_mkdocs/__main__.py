"""`python -m eventsite_mkdocs build`: the site with its languages built in parallel
(`make site`). `mkdocs build` builds the same site in one process; `mkdocs serve` too."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from eventsite_mkdocs.parallel import BuildFailed, build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventsite_mkdocs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site, one process per language (at most --jobs at once)")
    build.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("-d", "--site-dir", type=Path, help="where to write the site (default: mkdocs.yml's)")
    build.add_argument("-j", "--jobs", type=int, help="processes at once (default: one per core)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        target = build_site(args.config_file.resolve(), args.site_dir, args.jobs)
    except (BuildFailed, MkDocsException) as error:
        print(f"ERROR   -  {error}", file=sys.stderr)
        return 1
    print(f"INFO    -  Documentation built in {time.monotonic() - started:.2f} seconds: {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
