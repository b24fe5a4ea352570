"""Problems found in the data, worded for editors."""

from __future__ import annotations

from dataclasses import dataclass

from eventsite.escaping import command_property, command_value, log_line, one_line


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the data file, located to a line and column (both 1-based)."""

    file: str
    line: int
    column: int
    path: str
    message: str
    expected: str = ""
    found: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        """One line: `file:line:column: field.path: what is wrong (expected X, found Y)`."""
        return log_line(f"{self.file}:{self.line}:{self.column}: {self.text()}")

    def text(self) -> str:
        """The message without its location, on one line (a key or value typed with a line
        break in it cannot start a line of its own)."""
        field = f"{self.path}: " if self.path else ""
        detail = ""
        if self.expected or self.found:
            detail = f" (expected {self.expected}, found {self.found})"
        prefix = "warning: " if self.severity == "warning" else ""
        return one_line(f"{prefix}{field}{self.message}{detail}")

    def github_annotation(self) -> str:
        """The line GitHub Actions turns into an annotation on the file."""
        kind = "warning" if self.severity == "warning" else "error"
        return (
            f"::{kind} file={command_property(self.file)},line={self.line},col={self.column},"
            f"title=data error::{command_value(self.text())}"
        )


def describe(value: object) -> str:
    """Show a found value the way an editor typed it, shortened."""
    text = repr(str(value)) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
