"""The six official UN languages and what differs between them."""

from __future__ import annotations

# UN order (alphabetical in English). English is the default: it lives at the site root.
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar"})

# Each language's own name, as shown in the language switcher.
NATIVE_NAMES: dict[str, str] = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def direction(lang: str) -> str:
    """`rtl` or `ltr` for an HTML `dir` attribute."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def url_prefix(lang: str) -> str:
    """Path prefix of a language below the site root: '' for the default, 'fr/' otherwise."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
