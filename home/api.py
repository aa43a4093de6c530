"""Serializer fields that expose the homepage panels and notice content in the Wagtail API v2."""

from django.urls import reverse
from rest_framework import serializers
from wagtail.api.utils import get_full_url
from wagtail.rich_text import expand_db_html

from . import services


def _page_url(page, request) -> str:
    return get_full_url(request, page.get_url(request=request) or "")


def _detail_url(page, request) -> str:
    return get_full_url(request, reverse("wagtailapi:pages:detail", args=[page.pk]))


def _notice_summary(notice, request) -> dict:
    return {
        "id": notice.pk,
        "title": notice.title,
        "publish_date": notice.publish_date.isoformat(),
        "pinned": notice.pinned,
        "html_url": _page_url(notice, request),
        "detail_url": _detail_url(notice, request),
    }


class HomePanelsField(serializers.Field):
    """The homepage's panels, each with its listing and latest live, public notices."""

    def to_representation(self, home):
        request = self.context["request"]
        return [
            {
                "heading": panel.heading,
                "listing": {
                    "id": panel.source.pk,
                    "title": panel.source.title,
                    "html_url": _page_url(panel.source, request),
                    "detail_url": _detail_url(panel.source, request),
                },
                "items": [_notice_summary(item, request) for item in panel.items],
            }
            for panel in services.homepage_panels(home)
        ]


class RichTextHTMLField(serializers.Field):
    """Rich text as front-end-ready HTML: internal links and documents become real URLs."""

    def to_representation(self, value):
        return expand_db_html(value)


class AttachmentsField(serializers.Field):
    """A notice's attachments with file name, type, size and an absolute download URL."""

    def to_representation(self, notice):
        request = self.context["request"]
        return [
            {
                "id": attachment.document.pk,
                "title": attachment.display_title,
                "filename": attachment.document.filename,
                "file_type": attachment.document.file_extension.upper(),
                "content_type": attachment.document.content_type,
                "size": attachment.document.get_file_size(),
                "download_url": get_full_url(request, attachment.document.url),
            }
            for attachment in services.notice_attachments(notice)
        ]
