"""Public site page types."""

from wagtail.models import Page


class HomePage(Page):
    """The portal's homepage; it lives directly under the tree root."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "首页"
