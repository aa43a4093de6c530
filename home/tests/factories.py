"""Small builders for the public site's pages and documents."""

from __future__ import annotations

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from home.demo import ensure_home_page
from home.models import HomePage, HomePanel, NoticeAttachment, NoticeIndexPage, NoticePage

_counter = itertools.count(1)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_home(panels: list[tuple[str, NoticeIndexPage, int]] | None = None) -> HomePage:
    home = ensure_home_page()
    for order, (heading, source, count) in enumerate(panels or []):
        home.panels.add(HomePanel(heading=heading, source=source, item_count=count, sort_order=order))
    if panels:
        home.save()
    return home


def make_index(home: HomePage, title: str = "通知公告", slug: str | None = None) -> NoticeIndexPage:
    index = NoticeIndexPage(title=title, slug=slug or f"list-{next(_counter)}", show_in_menus=True)
    return home.add_child(instance=index)


def make_document(title: str = "申报表", filename: str = "form.pdf", content: bytes = PDF_BYTES):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document.file_size = len(content)
    document.save()
    return document


def make_notice(
    index: NoticeIndexPage,
    title: str | None = None,
    *,
    date: datetime.date | None = None,
    pinned: bool = False,
    body: str = "<p>正文</p>",
    live: bool = True,
    documents=(),
) -> NoticePage:
    number = next(_counter)
    notice = NoticePage(
        title=title or f"通知{number}",
        slug=f"notice-{number}",
        publish_date=date or timezone.localdate(),
        pinned=pinned,
        body=body,
        live=live,
    )
    for document in documents:
        notice.attachments.add(NoticeAttachment(document=document))
    return index.add_child(instance=notice)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)
