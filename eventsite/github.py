"""What the command line prints for GitHub Actions: a capped number of annotations, and
the validator's full report as escaped Markdown for the job summary ($GITHUB_STEP_SUMMARY;
the change report brings its own, `eventsite.changes.render_markdown`).

GitHub shows at most 10 error annotations per step; the rest would be visible only in the
log. So the first problems become annotations, one notice points to the summary, and the
summary lists every problem.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventsite.escaping import command_property, command_value, markdown
from eventsite.problems import Problem

MAX_ANNOTATIONS = 10  # what GitHub shows per step


def annotation_lines(problems: Sequence[Problem], limit: int = MAX_ANNOTATIONS) -> list[str]:
    """Workflow commands for the first `limit` problems, then a notice about the others."""
    lines = [problem.github_annotation() for problem in problems[:limit]]
    rest = len(problems) - limit
    if rest > 0:
        title = command_property("More problems in the job summary")
        message = command_value(f"{rest} more problem{'s' if rest != 1 else ''} not shown as annotations: "
                                f"the job summary lists all {len(problems)}.")
        lines.append(f"::notice title={title}::{message}")
    return lines


def validation_summary(file: str, problems: Sequence[Problem], events: int | None) -> str:
    """The validator's full report for the job summary: every problem, escaped (shown as typed).

    (The change report has its own Markdown, `eventsite.changes.render_markdown`.)
    """
    errors = sum(problem.severity == "error" for problem in problems)
    if errors:
        verdict = f"**{errors} error{'s' if errors != 1 else ''}**: fix them and push again."
    else:
        verdict = f"OK ({events} event{'s' if events != 1 else ''})."
    lines = [f"## Data check: {markdown(file)}", "", verdict, ""]
    lines += [f"{number}. {markdown(str(problem))}" for number, problem in enumerate(problems, 1)]
    return "\n".join(lines).rstrip("\n") + "\n\n"


def append_summary(path: str | None, text: str) -> None:
    """Add `text` to the job summary file, if there is one."""
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)
