"""Wagtail API v2 router for decoupled front ends: pages, images and documents.

Anonymous GETs are answered from the public page cache (`home.cache`): the same publish,
unpublish, move and delete signals that refresh the public pages make the API's copies stale.
Only answers to known parameters with valid values are stored; a search, a random order, an
offset off the page grid or past the end is answered uncached.
"""

import re

from django.core.exceptions import ValidationError
from django.db import DataError
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.cache import API_NAMESPACE, accept_query, mark_anonymous_cacheable
from home.models import NoticePage
from home.services import attachments_prefetch

OBJECT_ID = re.compile(r"[1-9]\d{0,9}")
FIELDS = re.compile(r"[\w*,-]{1,120}")
# Wrong field or type names are refused by the API (400), which is never stored.
CACHEABLE_LISTING_PARAMS = {
    "type": re.compile(r"\w{1,50}\.\w{1,50}"),
    "fields": FIELDS,
    "child_of": OBJECT_ID,
    "descendant_of": OBJECT_ID,
    "order": re.compile(r"-?(id|title|first_published_at|last_published_at|publish_date)"),
    "limit": re.compile(r"[1-9]\d?"),
    "offset": re.compile(r"0|[1-9]\d{0,6}"),
}
CACHEABLE_DETAIL_PARAMS = {"fields": FIELDS}
DEFAULT_LIMIT = 20  # the API's own


def cacheable_query(params: dict[str, list[str]], rules: dict[str, re.Pattern], total_count: int | None) -> bool:
    """Whether an API answer to these parameters may be stored."""
    for name, values in params.items():
        if name not in rules or len(values) != 1 or not rules[name].fullmatch(values[0]):
            return False
    limit = int(params.get("limit", [DEFAULT_LIMIT])[0])
    offset = int(params.get("offset", ["0"])[0])
    return offset % limit == 0 and (offset == 0 or (total_count is not None and offset < total_count))


class AnonymousCacheAPIMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        params = dict(request.GET.lists())
        listing = getattr(self, "action", None) == "listing_view"
        data = getattr(response, "data", None)
        total_count = data.get("meta", {}).get("total_count") if listing and isinstance(data, dict) else None
        rules = CACHEABLE_LISTING_PARAMS if listing else CACHEABLE_DETAIL_PARAMS
        if cacheable_query(params, rules, total_count):
            # The middleware sees Django's request, not REST framework's wrapper.
            accept_query(request._request, **{name: values[0] for name, values in params.items()})
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
    def get_queryset(self):
        """Listings in a constant number of queries: every page's locale (in `meta`) joined in,
        and with `type=home.NoticePage` the notices' attachments fetched in one more query."""
        queryset = super().get_queryset().select_related("locale")
        if issubclass(queryset.model, NoticePage):
            queryset = queryset.prefetch_related(attachments_prefetch())
        return queryset


class CachedImagesAPIViewSet(AnonymousCacheAPIMixin, BadFilterValueMixin, ImagesAPIViewSet):
    pass


class CachedDocumentsAPIViewSet(AnonymousCacheAPIMixin, BadFilterValueMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter(API_NAMESPACE)
api_router.register_endpoint("pages", CachedPagesAPIViewSet)
api_router.register_endpoint("images", CachedImagesAPIViewSet)
api_router.register_endpoint("documents", CachedDocumentsAPIViewSet)
