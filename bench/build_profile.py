"""Where build time goes: cProfile of each kind of work of the parallel build, each in the
process that does it: the coordinator (load and validate the data), one language's MkDocs
build (a worker; the six are alike), and the calendar feeds of all languages (worker
tasks). Run by run.py; `python bench/build_profile.py DATA OUT` is the profiled process."""

from __future__ import annotations

import cProfile
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench_validate import synthetic_yaml
from common import PYTHON, ROOT, build_env

PROFILED_LANGUAGE = "fr"
PARTS = {  # file name -> what it profiled
    "coordinator": "coordinator: load + validate the data (once)",
    "language": f"one language's MkDocs build ({PROFILED_LANGUAGE}, in a worker; x6 languages)",
    "feeds": "calendar feeds of the six languages (worker tasks)",
}
PHASES = [  # (part, label, file suffix, function name): cumulative time under cProfile
    ("coordinator", "eventsite.loader.load_site", "eventsite/loader.py", "load_site"),
    ("language", "plugin on_config (site name; the data comes with the task)", "eventsite_mkdocs/plugin.py",
     "on_config"),
    ("language", "plugin on_files (add event pages, then their sources)", "eventsite_mkdocs/plugin.py",
     "_add_event_pages"),
    ("language", "plugin on_files after i18n (page sources)", "eventsite_mkdocs/plugin.py", "_fill_event_pages"),
    ("language", "plugin on_page_content (render the data part)", "eventsite_mkdocs/plugin.py", "on_page_content"),
    ("language", "plugin on_page_context (hreflang, sitemap entry)", "eventsite_mkdocs/plugin.py", "on_page_context"),
    ("language", "plugin on_post_build (404 page, search index)", "eventsite_mkdocs/plugin.py", "_after_language"),
    ("language", "MkDocs: _build_page (Markdown, theme templates, write)", "mkdocs/commands/build.py", "_build_page"),
    ("language", "MkDocs: _populate_page (read + Markdown)", "mkdocs/commands/build.py", "_populate_page"),
    ("language", "Material search: on_page_context (index every page)", "material/plugins/search/plugin.py",
     "on_page_context"),
    ("language", "Material search: on_post_build (write index)", "material/plugins/search/plugin.py", "on_post_build"),
    ("language", "i18n: reconfigure_files (sort the files into languages)", "mkdocs_static_i18n/reconfigure.py",
     "reconfigure_files"),
    ("feeds", "eventsite.calendars.feeds", "eventsite/calendars.py", "feeds"),
    ("feeds", "  of which VTIMEZONE (icalendar Timezone.from_tzid)", "icalendar/cal/timezone.py", "from_tzid"),
    ("feeds", "  of which serialising (Component.to_ical)", "icalendar/cal/component.py", "to_ical"),
]


def bench_profile(n: int, work: Path) -> dict:
    """Profiles of a build of n synthetic events (the profiler inflates every figure)."""
    folder = work / f"profile-{n}"
    folder.mkdir(parents=True)
    data = folder / "events.yaml"
    data.write_text(synthetic_yaml(n), encoding="utf-8")
    done = subprocess.run([str(PYTHON), str(Path(__file__).resolve()), str(data), str(folder)], cwd=ROOT,
                          env=build_env(data), capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    walls = dict(line.split("=", 1) for line in done.stdout.split() if "=" in line)
    tables = {part: pstats.Stats(str(folder / f"{part}.prof")).stats for part in PARTS}  # type: ignore[attr-defined]
    phases = [(part, label, sum(ct for (file, _, func), (_, _, _, ct, _) in tables[part].items()
                                    if func == name and file.replace("\\", "/").endswith(suffix)))
              for part, label, suffix, name in PHASES]
    by_package: dict[str, float] = {}
    for (file, _, _), (_, _, tottime, _, _) in tables["language"].items():
        by_package[package_of(file)] = by_package.get(package_of(file), 0.0) + tottime
    top = sorted(((tt, f"{short(file)}:{line}({func})")
                  for (file, line, func), (_, _, tt, _, _) in tables["language"].items()), reverse=True)[:10]
    shutil.rmtree(folder)
    return {"events": n, "walls": {part: float(walls.get(part, 0)) for part in PARTS}, "phases": phases,
            "packages": sorted(by_package.items(), key=lambda item: -item[1])[:10], "top": top}


def package_of(file: str) -> str:
    file = file.replace("\\", "/")
    if "site-packages/" in file:
        return file.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if file.startswith(str(ROOT)):
        return file[len(str(ROOT)) + 1:].split("/", 1)[0]
    if file.startswith("~") or file.startswith("<"):
        return "builtins"
    return "stdlib"


def short(file: str) -> str:
    return file.replace("\\", "/").split("site-packages/", 1)[-1].replace(str(ROOT) + "/", "")


def profiled(name: str, out: Path, function, *args):
    """Run function(*args) under cProfile into out/<name>.prof; print its wall time."""
    profiler = cProfile.Profile()
    began = time.perf_counter()
    result = profiler.runcall(function, *args)
    print(f"{name}={time.perf_counter() - began:.3f}")
    profiler.dump_stats(str(out / f"{name}.prof"))
    return result


def main(data: Path, out: Path) -> None:
    """The profiled process: what the coordinator and the workers of a parallel build do."""
    from mkdocs.config import load_config

    from eventsite.languages import LANGUAGES
    from eventsite_mkdocs import parallel
    from eventsite_mkdocs.plugin import load_inputs
    from eventsite_mkdocs.site_build import write_feeds

    config_file = ROOT / "mkdocs.yml"
    config = load_config(str(config_file))
    inputs = profiled("coordinator", out, load_inputs, config, parallel.plugin_of(config).config)
    parallel.prepare_worker()
    profiled("language", out, parallel.build_language, config_file, PROFILED_LANGUAGE, out / "site", inputs)
    profiled("feeds", out, lambda: [write_feeds(inputs, lang, out / "feeds") for lang in LANGUAGES])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
