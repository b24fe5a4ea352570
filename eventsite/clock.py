"""The build's notion of "now": SOURCE_DATE_EPOCH when set, so output is reproducible."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Mapping

# Where "today" is decided for "upcoming / past": the meetings' city. The browser script
# (overrides/assets/eventsite.js) uses the same zone.
SITE_TIMEZONE = "Europe/Zurich"


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The build instant in UTC: SOURCE_DATE_EPOCH if set, else the current time (to the second)."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def site_today(now: dt.datetime) -> dt.date:
    """The calendar day it is in the meetings' city at the instant `now`."""
    return now.astimezone(zoneinfo.ZoneInfo(SITE_TIMEZONE)).date()
