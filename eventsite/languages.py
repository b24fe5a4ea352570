"""A site's languages: the CLDR locale codes its data names (`site.languages` in the data
file), in the order of its language bar, with the default one at the site root.

Everything that differs between languages comes from CLDR through Babel: each language's
own name, its text direction, and (eventsite.dates, eventsite.typography) its dates,
lists and plural forms. Nothing here knows a particular language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

# A language code as HTML `lang`, URLs and the i18n plugin write it: `en`, `pt-BR`, `zh-Hant`.
CODE_PATTERN = r"^[a-z]{2}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"


class LanguageError(ValueError):
    """A language set that cannot be used; the message says why."""


def babel_code(code: str) -> str:
    """The code as Babel writes it (`pt-BR` -> `pt_BR`)."""
    return code.replace("-", "_")


def problem_with_code(code: str) -> str:
    """Why `code` cannot be a site language, or '' if it can."""
    if not re.match(CODE_PATTERN, code):
        return "not a language code like en, fr, pt-BR or zh-Hant"
    try:
        Locale.parse(babel_code(code))
    except (UnknownLocaleError, ValueError):
        return "not a locale CLDR knows"
    return ""


@cache
def direction(lang: str) -> str:
    """`rtl` or `ltr` for an HTML `dir` attribute, from CLDR's character order."""
    return "rtl" if Locale.parse(babel_code(lang)).character_order == "right-to-left" else "ltr"


@cache
def native_name(lang: str) -> str:
    """The language's own name, as a menu item: CLDR's display name of the language in
    itself, its first letter capitalised as menus write it ("français" -> "Français";
    scripts without case are unchanged)."""
    name = Locale.parse(babel_code(lang)).get_display_name(babel_code(lang)) or lang
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class Languages:
    """The languages of one site, in the order of its language bar; `default` is built at
    the site root, the others under `/<code>/`. Texts fall back to the default language."""

    codes: tuple[str, ...]
    default: str

    @classmethod
    def of(cls, codes: tuple[str, ...] | list[str], default: str | None = None) -> Languages:
        """A checked language set (LanguageError naming what is wrong)."""
        codes = tuple(codes)
        if not codes:
            raise LanguageError("no language: give at least one, like en")
        for code in codes:
            problem = problem_with_code(code)
            if problem:
                raise LanguageError(f"{code!r}: {problem}")
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise LanguageError("given twice: " + ", ".join(repeated))
        default = codes[0] if default is None else default
        if default not in codes:
            raise LanguageError(f"the default language {default!r} is not one of " + ", ".join(codes))
        return cls(codes, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, lang: object) -> bool:
        return lang in self.codes

    def index(self, lang: str) -> int:
        return self.codes.index(lang)

    @property
    def targets(self) -> tuple[str, ...]:
        """The languages texts are translated into (all but the default), in order."""
        return tuple(code for code in self.codes if code != self.default)

    @property
    def default_first(self) -> tuple[str, ...]:
        """The order in which the languages are built: the default first."""
        return (self.default, *self.targets)

    def url_prefix(self, lang: str) -> str:
        """Path prefix of a language below the site root: '' for the default, 'fr/' otherwise."""
        return "" if lang == self.default else f"{lang}/"

    def direction(self, lang: str) -> str:
        return direction(lang)

    def native_name(self, lang: str) -> str:
        return native_name(lang)


# The six official UN languages in UN order, English at the root: the languages of a data
# file whose `site:` names none (the site this generator was first made for).
UN_LANGUAGES = Languages(("ar", "zh", "en", "fr", "ru", "es"), "en")

# The UN set's codes and prefixes, for tests and tools about that site (the package's code
# reads the languages of the site it builds: `Site.languages`).
LANGUAGES = UN_LANGUAGES.codes
DEFAULT_LANGUAGE = UN_LANGUAGES.default
url_prefix = UN_LANGUAGES.url_prefix
