from __future__ import annotations

from eventsite.search import language_of, split_index

COMBINED = {
    "config": {"lang": ["en", "ar", "zh", "fr", "ru", "es"], "separator": "[\\s]+"},
    "docs": [
        {"location": "", "title": "Home", "text": "x"},
        {"location": "events/a/", "title": "A", "text": "x"},
        {"location": "fr/", "title": "Accueil", "text": "x"},
        {"location": "fr/events/a/#programme", "title": "Programme", "text": "x"},
        {"location": "zh/events/a/", "title": "活动", "text": "x"},
        {"location": "french-news/", "title": "Not French", "text": "x"},
    ],
}


def test_entries_are_assigned_to_the_language_of_their_folder():
    assert language_of("fr/events/a/") == "fr"
    assert language_of("events/a/") == "en"
    assert language_of("french-news/") == "en"


def test_each_language_index_holds_only_its_pages_with_locations_relative_to_its_root():
    split = split_index(COMBINED)
    assert [doc["location"] for doc in split["fr"]["docs"]] == ["", "events/a/#programme"]
    assert [doc["location"] for doc in split["en"]["docs"]] == ["", "events/a/", "french-news/"]
    assert [doc["location"] for doc in split["zh"]["docs"]] == ["events/a/"]
    assert split["ar"]["docs"] == []


def test_each_language_index_uses_its_own_stemmer():
    split = split_index(COMBINED)
    assert split["ru"]["config"]["lang"] == ["ru"]
    assert split["ru"]["config"]["separator"] == "[\\s]+"
