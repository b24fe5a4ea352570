"""eventsite: turn data/events.yaml into a multilingual event site and calendar feeds.

The package knows no site generator and no theme. The flow is::

    site = load_site(path)              # parse + validate, or raise DataError with every problem
    for lang in site.languages: render pages and calendars for `lang`

The adapter package beside this one glues these calls into the site build.
"""

from __future__ import annotations

from eventsite.languages import Languages
from eventsite.loader import DataError, load_site

__all__ = ["DataError", "Languages", "load_site"]
