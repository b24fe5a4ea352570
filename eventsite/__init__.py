"""eventsite: turn data/events.yaml into a six-language event site and calendar feeds.

The package knows no site generator and no theme. The flow is::

    site = load_site(path)              # parse + validate, or raise DataError with every problem
    for lang in LANGUAGES: render pages and calendars for `lang`

The adapter package beside this one glues these calls into the site build.
"""

from __future__ import annotations

from eventsite.languages import DEFAULT_LANGUAGE, LANGUAGES
from eventsite.loader import DataError, load_site

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "DataError", "load_site"]
