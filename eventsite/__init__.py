"""eventsite: turn data/events.yaml into a six-language event site and calendar feeds.

The package knows nothing of MkDocs. The flow is::

    site = load_site(path)              # parse + validate, or raise DataError with every problem
    for lang in LANGUAGES: render pages and calendars for `lang`

`hooks/` glues these calls into a MkDocs build.
"""

from __future__ import annotations

from eventsite.languages import DEFAULT_LANGUAGE, LANGUAGES
from eventsite.loader import DataError, load_site

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "DataError", "load_site"]
