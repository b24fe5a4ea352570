"""Each language's typography, in one place, for the pages and the feeds.

- Lists through CLDR (Babel `format_list`), with a separator that cannot be mistaken for
  one inside a name: where a name contains the list's own separator (UNESCO's Chinese
  name contains «、»; French and English names contain commas), items are joined with
  the language's semicolon instead.
- Punctuation: full-width CJK punctuation (，：（）), French no-break spaces before : ; ! ?
  and inside « », no-break spaces between the digit groups of a number ("11 000").
- Right-to-left pages: Latin runs, symbols and numbers are isolated (`<bdi>` in HTML,
  Unicode isolates in plain text) so that "(CWG-WSIS&SDG)" and "11 000" keep their order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel.lists import format_list
from markupsafe import Markup, escape

from eventsite.dates import babel_locale, format_day
from eventsite.languages import direction
from eventsite.model import Document
from eventsite.ui import t

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate, pop directional isolate

# Separators CLDR puts between list items, by language (those a name may contain).
LIST_SEPARATORS = {"zh": ("、", "和"), "ar": ("، ", " و"), "en": (", ",), "fr": (", ",), "ru": (", ",), "es": (", ",)}
SAFE_SEPARATORS = {"zh": "；", "ar": "؛ ", "en": "; ", "fr": NNBSP + "; ", "ru": "; ", "es": "; "}

# A digit group separated by a plain space from the next three digits: "11 000".
GROUPED_NUMBER = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
# A run of Latin script, digits and the symbols that live inside such runs, starting and
# ending with a letter or digit: "CWG-WSIS&SDG", "wsis-info@itu.int", ".ics", "11 000";
# or a web address, whole.
LATIN_RUN = re.compile(
    r"https?://[^\s<>\"]*[^\s<>\".,;:!?»)\]]"  # a web address, whole (its final "/" included)
    r"|[.]?[A-Za-z0-9\u00c0-\u024f]"
    r"(?:[A-Za-z0-9\u00c0-\u024f&@+/_.\-–'’:,]|[ \u00a0\u202f](?=[A-Za-z0-9\u00c0-\u024f]))*"
    r"(?<=[A-Za-z0-9\u00c0-\u024f])"
)
FRENCH_BEFORE = re.compile(r"[ \u00a0\u202f]?(?:([:;!?])(?=[\s»]|$)|(»))")
FRENCH_AFTER = re.compile(r"«[ \u00a0\u202f]?")


def join(items: Iterable[str], lang: str) -> str:
    """A list in the language's own way ("A, B and C", "A、B和C"), unambiguous when an item
    contains the separator itself."""
    items = [item for item in items if item]
    if not items:
        return ""
    if any(separator in item for item in items for separator in LIST_SEPARATORS[lang]):
        return SAFE_SEPARATORS[lang].join(items)
    return format_list(items, locale=babel_locale(lang))


def colon(lang: str) -> str:
    """What follows a label: "Source: ", "Source : ", "来源："."""
    return {"zh": "：", "fr": NBSP + ": "}.get(lang, ": ")


def comma(lang: str) -> str:
    """A comma between two parts of a phrase ("Palexpo, Geneva")."""
    return {"zh": "，", "ar": "، "}.get(lang, ", ")


def semicolon(lang: str) -> str:
    """Between items that may contain commas themselves."""
    return SAFE_SEPARATORS[lang]


def open_paren(lang: str) -> str:
    return "（" if lang == "zh" else "("


def open_paren_after_word(lang: str) -> str:
    """A parenthesis that follows a word: "Governance (26 February)", but "治理（2月26日）"."""
    return open_paren(lang) if lang == "zh" else " " + open_paren(lang)


def close_paren(lang: str) -> str:
    return "）" if lang == "zh" else ")"


def parenthesised(text: str, lang: str) -> str:
    return open_paren(lang) + text + close_paren(lang)


def punctuate(text: str, lang: str) -> str:
    """Plain text with the language's spacing: no-break spaces in numbers and, in French,
    before : ; ! ? » and after «."""
    text = GROUPED_NUMBER.sub(NBSP, text)
    if lang == "fr":
        text = FRENCH_BEFORE.sub(french_space, text)
        text = FRENCH_AFTER.sub("«" + NBSP, text)
    return text


def french_space(match: re.Match[str]) -> str:
    mark = match.group(1) or match.group(2)
    return (NBSP if mark in ":»" else NNBSP) + mark


def plain(text: str, lang: str) -> str:
    """Text for a feed: punctuation as on the page; Latin runs isolated in right-to-left
    languages, but for web addresses, which calendar applications turn into links and an
    invisible character beside them could break."""
    text = punctuate(text, lang)
    if direction(lang) == "rtl":
        text = LATIN_RUN.sub(lambda m: m.group(0) if "://" in m.group(0) else LRI + m.group(0) + PDI, text)
    return text


def html(text: str, lang: str) -> Markup:
    """Escaped text for a page in `lang`: punctuation, and in right-to-left languages each
    Latin run, symbol and number in its own `<bdi>`."""
    text = punctuate(text, lang)
    if direction(lang) != "rtl":
        return escape(text)
    parts, last = [], 0
    for match in LATIN_RUN.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(Markup('<bdi dir="ltr">{}</bdi>').format(match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def label(text: str, lang: str) -> str:
    """A label followed by the language's colon ("E-mail: ", "Courriel : ", "电子邮件：")."""
    return text + colon(lang)


def document_label(document: Document, lang: str) -> str:
    """How a source is cited: "CL-26/17, 17 March 2026"; the title where there is no symbol."""
    name = document.symbol or document.title.get(lang)
    if document.date is None:
        return name
    return name + comma(lang) + format_day(document.date, lang)


def sources_text(documents: list[Document], lang: str) -> str:
    """"Source: CL-26/17, 17 March 2026" (or "Sources: A; B"), "" without sources."""
    if not documents:
        return ""
    key = "content.source" if len(documents) == 1 else "content.sources"
    return label(t(key, lang), lang) + join([document_label(doc, lang) for doc in documents], lang)


def sources_html(documents: list[Document], lang: str) -> Markup:
    return html(sources_text(documents, lang), lang)
