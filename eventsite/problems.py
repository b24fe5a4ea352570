"""Problems found in the data, worded for editors."""

from __future__ import annotations

from dataclasses import dataclass

from eventsite.escaping import command_property, command_value, log_line

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """Text as every message shows it, keys and values included: each character that a
    terminal or a CI log would act on or that cannot be seen (control characters, ESC
    sequences, line breaks, direction controls, non-characters, spaces other than the
    space) written as its escape (`\\x1b`, `\\u202e`, `\\n`), so that a message is one line
    and reads the same everywhere it is printed."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else escape_char(char) for char in text)


def escape_char(char: str) -> str:
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


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
        return log_line(f"{shown(self.file)}:{self.line}:{self.column}: {self.text()}")

    def text(self) -> str:
        """The message without its location, on one line and shown escaped (`shown`): a key
        or value typed with a line break or an ESC sequence in it cannot start a line of its
        own nor rewrite what a terminal displays."""
        field = f"{self.path}: " if self.path else ""
        detail = ""
        if self.expected or self.found:
            detail = f" (expected {self.expected}, found {self.found})"
        prefix = "warning: " if self.severity == "warning" else ""
        return shown(f"{prefix}{field}{self.message}{detail}")

    def github_annotation(self) -> str:
        """The line GitHub Actions turns into an annotation on the file."""
        kind = "warning" if self.severity == "warning" else "error"
        return (
            f"::{kind} file={command_property(self.file)},line={self.line},col={self.column},"
            f"title=data error::{command_value(self.text())}"
        )


def describe(value: object) -> str:
    """Show a found value the way an editor typed it, quoted, escaped (`shown`), shortened."""
    text = repr(str(value)) if isinstance(value, str) else shown(str(value))
    return text if len(text) <= 60 else text[:57] + "..."
