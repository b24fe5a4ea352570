"""What the command line prints for GitHub Actions: a capped number of annotations, and
the full reports as escaped Markdown for the job summary ($GITHUB_STEP_SUMMARY).

GitHub shows at most 10 error annotations per step; the rest would be visible only in the
log. So the first problems become annotations, one notice points to the summary, and the
summary lists every problem.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from eventsite.escaping import command_property, command_value, markdown
from eventsite.problems import Problem

MAX_ANNOTATIONS = 10  # what GitHub shows per step


def annotations(problems: Sequence[Problem], limit: int = MAX_ANNOTATIONS) -> list[str]:
    """Workflow commands for the first `limit` problems, then a notice about the others."""
    lines = [problem.github_annotation() for problem in problems[:limit]]
    rest = len(problems) - limit
    if rest > 0:
        title = command_property("More problems in the job summary")
        message = command_value(f"{rest} more problem{'s' if rest != 1 else ''} not shown as annotations: "
                                f"the job summary lists all {len(problems)}.")
        lines.append(f"::notice title={title}::{message}")
    return lines


def section(title: str, intro: Iterable[str] = (), items: Iterable[str] = (), *, numbered: bool = False) -> str:
    """A Markdown section of the job summary; every text is escaped (shown as typed)."""
    lines = [f"## {markdown(title)}", ""]
    lines += [markdown(line) + "\n" for line in intro]
    items = list(items)
    lines += [f"{f'{number}.' if numbered else '-'} {markdown(item)}" for number, item in enumerate(items, 1)]
    return "\n".join(lines).rstrip("\n") + "\n\n"


def validation_summary(file: str, problems: Sequence[Problem], events: int | None) -> str:
    """The validator's full report for the job summary."""
    errors = sum(problem.severity == "error" for problem in problems)
    if errors:
        verdict = f"{errors} error{'s' if errors != 1 else ''}; fix them and push again."
    else:
        verdict = f"OK ({events} event{'s' if events != 1 else ''})."
    return section(f"Data check: {file}", [verdict], [str(problem) for problem in problems], numbered=True)


def changes_summary(file: str, base: str, notes: Sequence[str], changes: Sequence[str],
                    problems: Sequence[Problem]) -> str:
    """The change report (what subscribers will see) for the job summary."""
    intro = [f"Compared with {base}.", *notes]
    if not changes and not problems:
        intro.append("No event, session or deadline changed.")
    text = section(f"Changes to the events in {file}", intro, changes)
    errors = [str(problem) for problem in problems if problem.severity == "error"]
    warnings = [str(problem) for problem in problems if problem.severity != "error"]
    if errors:
        text += section(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} to fix before this can be merged",
                        items=errors, numbered=True)
    if warnings:
        text += section("Worth a look", items=warnings)
    return text


def append_summary(path: str | None, text: str) -> None:
    """Add `text` to the job summary file, if there is one."""
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)
