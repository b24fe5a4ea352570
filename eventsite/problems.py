"""Problems found in the data, worded for editors."""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{self.file}:{self.line}:{self.column}: {self.text()}"

    def text(self) -> str:
        """The message without its location: `field.path: what is wrong (expected X, found Y)`."""
        field = f"{self.path}: " if self.path else ""
        detail = ""
        if self.expected or self.found:
            detail = f" (expected {self.expected}, found {self.found})"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{field}{self.message}{detail}"

    def github_annotation(self) -> str:
        """The line GitHub Actions turns into an annotation on the file."""
        text = self.text().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        kind = "warning" if self.severity == "warning" else "error"
        return (
            f"::{kind} file={self.file},line={self.line},col={self.column},"
            f"title=data error::{text}"
        )


def describe(value: object) -> str:
    """Show a found value the way an editor typed it, shortened."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
