"""Wagtail API v2 router for decoupled front ends: pages, images and documents.

Anonymous GETs are answered from the public page cache (`home.cache`): the same publish,
unpublish, move and delete signals that refresh the public pages make the API's copies stale.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.cache import API_NAMESPACE, mark_anonymous_cacheable


class AnonymousCacheAPIMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return mark_anonymous_cacheable(request, response)


class CachedPagesAPIViewSet(AnonymousCacheAPIMixin, PagesAPIViewSet):
    pass


class CachedImagesAPIViewSet(AnonymousCacheAPIMixin, ImagesAPIViewSet):
    pass


class CachedDocumentsAPIViewSet(AnonymousCacheAPIMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter(API_NAMESPACE)
api_router.register_endpoint("pages", CachedPagesAPIViewSet)
api_router.register_endpoint("images", CachedImagesAPIViewSet)
api_router.register_endpoint("documents", CachedDocumentsAPIViewSet)
