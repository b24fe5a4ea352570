"""The one escaping policy: each function makes data text safe for one output context.

Data text (anything an editor typed) is escaped where it enters an output, never before:
- HTML text and attributes: Jinja autoescaping in the page templates (`html` for the few
  values handed to the theme as plain strings: the site name, a page title);
- Markdown read by people (the change report, GitHub's job summary): `markdown`;
- GitHub Actions log lines and workflow commands: `log_line`, `command_value`,
  `command_property`;
- JSON inside a <script> element: `script_json`;
- iCalendar TEXT values: `eventsite.calendars.escape_text`, beside the feed writer.
"""

from __future__ import annotations

import json
import re

from markupsafe import escape

# Characters that start or end Markdown syntax inside a line (GitHub-flavoured): emphasis,
# links and images, tables, strike-through, mentions (@) and issue references (#). What
# matters only at the start of a line (#, >, -, 1.) cannot occur there: see `markdown`.
# Backticks stay: the reports quote ids in `code`, and a stray one only sets text in code
# (inside which no other markup works).
_MARKDOWN_SPECIAL = re.compile(r"([\\*_{}\[\]|~@#])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85\x0b\x0c]+")


def html(text: str) -> str:
    """Text for HTML element content or a quoted attribute value."""
    return str(escape(text))


def one_line(text: str) -> str:
    """Text with every line break shown as a visible `\\n`, so it cannot start a line."""
    return _LINE_BREAKS.sub(lambda match: "\\n" * len(match.group()), text)


def markdown(text: str) -> str:
    """Text shown literally inside a line of Markdown: no markup, no HTML, no new line.
    The caller puts it after something of its own ("- ", a heading), never at a line's start."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def command_value(text: str) -> str:
    """The message part of a GitHub Actions workflow command (`::error ...::VALUE`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(text: str) -> str:
    """A property of a GitHub Actions workflow command (`file=VALUE,line=...`)."""
    return command_value(text).replace(":", "%3A").replace(",", "%2C")


def log_line(text: str) -> str:
    """A line for a CI log: one line, and never a workflow command (`::` at its start)."""
    text = one_line(text)
    return " " + text if text.startswith("::") else text


def script_json(value: object, **options: object) -> str:
    """JSON that cannot close the <script> element it sits in, nor open a comment."""
    text = json.dumps(value, ensure_ascii=False, **options)  # type: ignore[arg-type]
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text
