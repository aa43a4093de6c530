"""Wagtail API v2 router for decoupled front ends: pages, images and documents.

Anonymous GETs are answered from the public page cache (`home.cache`): the same publish,
unpublish, move and delete signals that refresh the public pages make the API's copies stale.
"""

from django.core.exceptions import ValidationError
from django.db import DataError
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.cache import API_NAMESPACE, mark_anonymous_cacheable


class AnonymousCacheAPIMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return mark_anonymous_cacheable(request, response)


# No listing reaches this far, and the database's LIMIT/OFFSET are bigints: past them is a 500.
MAX_OFFSET = 2**31 - 1


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_far = int(request.GET.get("offset", 0)) > MAX_OFFSET
        except ValueError:
            too_far = False  # Wagtail's own check answers 400
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class BadFilterValueMixin:
    """A filter value the field cannot take (`?id=abc`, a number past bigint) is the client's
    error: Wagtail's field filters pass it to the database unchecked."""

    pagination_class = BoundedPagination

    def handle_exception(self, exc):
        if isinstance(exc, ValueError | OverflowError | ValidationError | DataError):
            exc = BadRequestError(f"invalid query parameter value: {exc}")
        return super().handle_exception(exc)


class CachedPagesAPIViewSet(AnonymousCacheAPIMixin, BadFilterValueMixin, PagesAPIViewSet):
    pass


class CachedImagesAPIViewSet(AnonymousCacheAPIMixin, BadFilterValueMixin, ImagesAPIViewSet):
    pass


class CachedDocumentsAPIViewSet(AnonymousCacheAPIMixin, BadFilterValueMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter(API_NAMESPACE)
api_router.register_endpoint("pages", CachedPagesAPIViewSet)
api_router.register_endpoint("images", CachedImagesAPIViewSet)
api_router.register_endpoint("documents", CachedDocumentsAPIViewSet)
