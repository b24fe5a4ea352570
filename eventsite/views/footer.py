"""The site's part of every page's footer: who publishes the site and its contact (only
where the data says: an event's organisers and contacts are on its own page), the last
update (from the data, worked out once per build), and the page's address in print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from eventsite.model import Text
from eventsite.views.context import PageContext, PageView


@dataclass(frozen=True)
class FooterView(PageView):
    template: ClassVar[str] = "footer.html"

    publisher: Text | None
    contact: str | None
    updated: dt.date | None
    site_title: Text
    address: str  # the page's published address, shown when printed


def footer_view(ctx: PageContext) -> FooterView:
    facts = ctx.site_facts
    return FooterView(ctx, facts.publisher.name if facts.publisher else None, facts.contact, facts.updated,
                      ctx.site.site.title,
                      ctx.site_url + ctx.page_path)
