"""Signal receivers that keep the anonymous page and API cache and the cached navigation fresh."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import invalidate_public_pages
from .models import SiteFooterSettings


def connect() -> None:
    # Scheduled go-live and expiry (`publish_scheduled`) send page_published / page_unpublished too.
    page_published.connect(invalidate_public_pages, dispatch_uid="home-cache-published")
    page_unpublished.connect(invalidate_public_pages, dispatch_uid="home-cache-unpublished")
    page_slug_changed.connect(invalidate_public_pages, dispatch_uid="home-cache-slug")
    post_page_move.connect(invalidate_public_pages, dispatch_uid="home-cache-moved")
    post_delete.connect(invalidate_public_pages, sender=Page, dispatch_uid="home-cache-page-deleted")
    for model in (get_document_model(), get_image_model(), Site):
        post_save.connect(invalidate_public_pages, sender=model, dispatch_uid=f"home-cache-saved-{model.__name__}")
        post_delete.connect(invalidate_public_pages, sender=model, dispatch_uid=f"home-cache-deleted-{model.__name__}")
    post_save.connect(invalidate_public_pages, sender=SiteFooterSettings, dispatch_uid="home-cache-footer")
