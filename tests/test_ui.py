from __future__ import annotations

import re

from eventsite.languages import LANGUAGES
from eventsite.ui import missing, strings, t


def test_every_user_visible_string_exists_in_all_six_languages():
    assert missing() == []


def test_no_string_is_left_in_english_in_another_language_except_names():
    # A string identical to English in a non-Latin-script language was not translated.
    def has_words(text: str) -> bool:
        return bool(re.search(r"[^\W\d_]", re.sub(r"\{\w+\}", "", text)))

    same = [f"{key}.{lang}" for key, values in strings().items() for lang in ("ar", "zh", "ru")
            if values[lang] == values["en"] and has_words(values["en"])
            and not any(name in values["en"] for name in ("Outlook", "webcal"))]
    assert same == []


def test_placeholders_are_kept_in_every_translation():
    for key, values in strings().items():
        for placeholder in ("{zone}", "{name}", "{count}"):
            if placeholder in values["en"]:
                assert all(placeholder in values[lang] for lang in LANGUAGES), key


def test_strings_fill_their_placeholders():
    assert t("site.timezone", "en", zone="Europe/Zurich") == "All times are Geneva time (Europe/Zurich)."
