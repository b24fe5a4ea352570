"""What the theme shows around a page's content, in the page's language: the language
bar, the alternates for search engines and sharing cards, the footer, and the "not found"
page's text. The adapter hands it to the theme's templates as `eventsite`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from eventsite.languages import Languages
from eventsite.paths import relative_url
from eventsite.ui import t


@dataclass(frozen=True)
class LanguageLink:
    lang: str
    name: str  # in its own language and script
    href: str
    current: bool


@dataclass(frozen=True)
class NotFound:
    title: str
    text: str
    home: str  # the label of the link home
    home_href: str


@dataclass(frozen=True)
class Chrome:
    lang: str
    languages: tuple[LanguageLink, ...]  # in the site's order (site.languages)
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute address), x-default last
    og_locale: str
    og_alternates: tuple[str, ...]
    language_bar: str  # the language bar's accessible name
    footer: Markup  # the site's part of the footer
    privacy: str
    title: str  # the document's <title>
    share_title: str  # a sharing card's title: the site's name on its home
    description: str
    card: str | None  # the sharing image's absolute address, in the page's language
    not_found: NotFound | None = None


def titles(site_title: str, page_title: str | None, home: bool) -> tuple[str, str]:
    """The document title and the sharing card's title of a page: a language's home is
    shared under the site's name, never as "Home" or «Accueil»."""
    if home or not page_title:
        return site_title, site_title
    return f"{page_title} - {site_title}", page_title


def page_chrome(lang: str, path: str, page_path: str, site_url: str, footer: Markup, languages: Languages,
                site_title: str, page_title: str | None, description: str, card: str | None) -> Chrome:
    """The frame of a page at `path` below its language's prefix ("events/x/"), which is at
    `page_path` from the site root: its language bar leads to the same page in each language.
    Titles and description are plain text (the theme escapes them)."""
    links = tuple(LanguageLink(other, languages.native_name(other),
                               relative_url(languages.url_prefix(other) + path, page_path), other == lang)
                  for other in languages)
    alternates = (*((other, f"{site_url}{languages.url_prefix(other)}{path}") for other in languages),
                  ("x-default", f"{site_url}{path}"))
    return Chrome(lang, links, alternates, t("visitor.og_locale", lang),
                  tuple(t("visitor.og_locale", other) for other in languages if other != lang),
                  t("visitor.language_bar", lang), footer, t("visitor.footer.privacy", lang),
                  *titles(site_title, page_title, path == ""), description, card)


def not_found_chrome(lang: str, site_url: str, languages: Languages, site_title: str, description: str,
                     card: str | None) -> Chrome:
    """The frame of a language's "not found" page, which is served at any address: its
    links are absolute paths, and its language bar leads to each language's home."""
    root = urlsplit(site_url).path or "/"
    links = tuple(LanguageLink(other, languages.native_name(other), root + languages.url_prefix(other), other == lang)
                  for other in languages)
    not_found = NotFound(t("site.not_found.title", lang), t("site.not_found.text", lang), t("site.home", lang),
                         site_url + languages.url_prefix(lang))
    return Chrome(lang, links, (), t("visitor.og_locale", lang), (), t("visitor.language_bar", lang),
                  Markup(""), t("visitor.footer.privacy", lang), *titles(site_title, not_found.title, False),
                  description, card, not_found)

