"""Queries behind the public pages and the API: each runs a fixed number of SQL queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

if TYPE_CHECKING:
    from .models import HomePage, NoticeAttachment, NoticeIndexPage, NoticePage

# Pinned (置顶) first, newest next; the primary key keeps equal dates in a stable order.
NOTICE_ORDER = ("-pinned", "-publish_date", "-first_published_at", "-pk")
NOTICE_LIST_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "publish_date", "pinned", "live")


@dataclass
class Panel:
    heading: str
    source: NoticeIndexPage
    items: list[NoticePage]


def published_notices(private_q: Q | None = None) -> QuerySet[NoticePage]:
    """Live notices outside private sections (pass `private_q` to reuse one computed earlier)."""
    from .models import NoticePage

    queryset = NoticePage.objects.live()
    return queryset.exclude(private_q if private_q is not None else queryset.private_q())


def listing_notices(index_page: NoticeIndexPage) -> QuerySet[NoticePage]:
    """The notices of one listing in display order, with only the columns a list needs."""
    return published_notices().child_of(index_page).order_by(*NOTICE_ORDER).only(*NOTICE_LIST_FIELDS)


def homepage_panels(home: HomePage) -> list[Panel]:
    """The homepage's panels with their latest notices: one query per panel plus two."""
    from .models import NoticePage

    panels = list(home.panels.select_related("source").order_by("sort_order", "pk"))
    if not panels:
        return []
    private_q = NoticePage.objects.private_q()
    result = []
    for panel in panels:
        if not panel.source.live:
            continue  # a withdrawn listing takes its panel with it rather than linking to a 404
        items = list(
            published_notices(private_q)
            .child_of(panel.source)
            .order_by(*NOTICE_ORDER)
            .only(*NOTICE_LIST_FIELDS)[: panel.item_count]
        )
        result.append(Panel(heading=panel.heading, source=panel.source, items=items))
    return result


def attachments_prefetch() -> Prefetch:
    """Notices' attachments with their documents, in the editor's order: one query for a listing."""
    from .models import NoticeAttachment

    return Prefetch("attachments", NoticeAttachment.objects.select_related("document").order_by("sort_order", "pk"))


def notice_attachments(notice: NoticePage) -> list[NoticeAttachment]:
    """A notice's attachments with their documents, in the editor's order, in one query (none if
    `attachments_prefetch` fetched them with the notice)."""
    prefetched = getattr(notice, "_prefetched_objects_cache", {}).get("attachments")
    if prefetched is not None:
        return list(prefetched)
    return list(notice.attachments.select_related("document").order_by("sort_order", "pk"))
