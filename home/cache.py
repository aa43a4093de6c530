"""Whole-response cache of public pages and of the public API for anonymous visitors.

Pages that use `AnonymousCacheMixin` (and the API endpoints of `config.api`) mark the responses
they give anonymous visitors as cacheable; `AnonymousPageCacheMiddleware` stores those and
answers later anonymous requests for the same URL from the cache before sessions, routing or
templates run. Every publish, unpublish, move or deletion of a page (and every document or image
change) bumps one generation number, which makes all stored pages stale at once: the homepage
panels and the navigation depend on many pages.

The generation is kept in the database (`PublicPagesGeneration`), so a change made in any
process (a web worker, the task worker, `publish_scheduled` run by cron) reaches every other
one. A shared cache (Redis) mirrors it, so a cached answer costs no query; with a process-local
cache (the embedded default, local memory) each anonymous request reads the one row instead,
since no other process can clear this one's memory.

A query string is stored only when the view accepted every parameter in it (`accept_query`: a
page number the listing really has, an API parameter with a valid value, a search), and at most
`PUBLIC_PAGE_CACHE_MAX_ENTRIES` responses are stored per cache period, so junk query strings
are answered uncached and cannot grow the key space.

The middleware looks only at the paths of pages, the API and the search (`cacheable_path`); every
other mount of the URLconf (the admin, the applicant area, accounts, health…) costs it nothing.
"""

from __future__ import annotations

import functools
import re
import time
from contextvars import ContextVar
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver, get_resolver, get_script_prefix

GENERATION_KEY = "public-pages:generation"
# Pages take at most a page number; its range is checked by the page itself.
CACHEABLE_QUERY_RE = re.compile(r"^(page=[1-9]\d{0,5})?$")
# The API's parameters are checked by its views (config.api); this only skips the long ones early.
API_NAMESPACE = "wagtailapi"
API_QUERY_MAX_LENGTH = 256
# Mounts of the URLconf whose anonymous answers may be stored, besides Wagtail's pages.
CACHEABLE_NAMESPACES = (API_NAMESPACE, "search")
SEARCH_QUERY_RE = re.compile(r"^q=[^&]{1,200}(&page=[1-9]\d{0,5})?$")
# The generation as read once in a request, for the page, the navigation and the footer rendered
# during it; the middleware opens a fresh memo for each request.
_request_generation: ContextVar[dict | None] = ContextVar("public_pages_generation", default=None)


def cache_seconds() -> int:
    return getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)


def max_entries() -> int:
    return getattr(settings, "PUBLIC_PAGE_CACHE_MAX_ENTRIES", 10_000)


def cache_is_shared() -> bool:
    """Whether every process sees the same cache (Redis, files, database), unlike local memory."""
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache)


def _stored_generation() -> int:
    from .models import PublicPagesGeneration

    value = PublicPagesGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return 1 if value is None else value


def generation() -> int:
    memo = _request_generation.get()
    if memo is not None and "value" in memo:
        return memo["value"]
    if not cache_is_shared():
        value = _stored_generation()
    else:
        value = cache.get(GENERATION_KEY)
        if value is None:  # first use, or evicted: the database knows, and a newer bump wins (add)
            value = _stored_generation()
            cache.add(GENERATION_KEY, value, timeout=None)
    if memo is not None:
        memo["value"] = value
    return value


def _bump_generation() -> None:
    from .models import PublicPagesGeneration

    if not PublicPagesGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        try:
            with transaction.atomic():
                PublicPagesGeneration.objects.create(pk=1, value=2)
        except IntegrityError:  # created meanwhile by another process
            PublicPagesGeneration.objects.filter(pk=1).update(value=F("value") + 1)
    memo = _request_generation.get()
    if memo is not None:
        memo.pop("value", None)
    if cache_is_shared():
        cache.set(GENERATION_KEY, _stored_generation(), timeout=None)


def invalidate_public_pages(**kwargs) -> None:
    """Make every cached public page and the cached navigation stale, in every process (a signal
    receiver)."""
    _bump_generation()
    if cache_is_shared():
        # The shared number is visible before the change commits, so another process may store
        # the old content under it meanwhile; a second bump once committed makes that stale too.
        transaction.on_commit(_bump_generation)


def generation_key(name: str) -> str:
    return f"public-pages:{generation()}:{name}"


def api_prefix() -> str:
    """Where the URLconf mounts the public API (e.g. /api/v2/)."""
    mount, _resolver = get_resolver().namespace_dict[API_NAMESPACE]
    return get_script_prefix() + mount


def _literal_prefix(pattern) -> str:
    """The fixed start of a URL pattern: `admin/` of `admin/<str:x>/`, `media/` of `^media/(?P…`."""
    text = str(pattern).lstrip("^")
    return re.split(r"[<(\[\\.*+?$]", text, maxsplit=1)[0]


@functools.cache
def _path_rules(urlconf_id: int) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(prefixes of cacheable mounts, prefixes of every other mount, the search's prefix), from
    the top level of the URLconf; Wagtail's catch-all (`""`) is the pages."""
    cacheable, other, search = [], [], ""
    for pattern in get_resolver().url_patterns:
        prefix = get_script_prefix() + _literal_prefix(pattern.pattern)
        namespace = pattern.namespace if isinstance(pattern, URLResolver) else None
        if namespace in CACHEABLE_NAMESPACES:
            cacheable.append(prefix)
            search = prefix if namespace == "search" else search
        elif prefix != get_script_prefix():
            other.append(prefix)
    return tuple(cacheable), tuple(other), search


def cacheable_path(path: str) -> bool:
    """A page, an API answer or a search: the only paths the middleware looks at."""
    cacheable, other, _search = _path_rules(id(get_resolver()))
    return path.startswith(cacheable) or not path.startswith(other)


def _query_is_cacheable(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    if request.path.startswith(api_prefix()):
        return len(query) <= API_QUERY_MAX_LENGTH
    if request.path == _path_rules(id(get_resolver()))[2]:
        return SEARCH_QUERY_RE.match(query) is not None
    return CACHEABLE_QUERY_RE.match(query) is not None


def _request_is_cacheable(request: HttpRequest) -> bool:
    # A session, a pending message or credentials mean a personal answer.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and cacheable_path(request.path)
        and _query_is_cacheable(request)
    )


def _response_key(request: HttpRequest) -> str:
    # Parameters in any order (or with stray `&`) make one key.
    query = urlencode(sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)))
    return generation_key(f"response:{request.get_host()}:{request.path}?{query}")


def _take_a_slot() -> bool:
    """Count one stored response in this cache period; False once the period has had its share.
    An entry lives one period at most, so no more than twice the share is ever stored."""
    key = generation_key(f"stored:{int(time.time() // cache_seconds())}")
    cache.add(key, 0, timeout=2 * cache_seconds())
    try:
        return cache.incr(key) <= max_entries()
    except ValueError:  # evicted between add and incr
        return False


def accept_query(request: HttpRequest, **params: str) -> None:
    """Record the query parameters a view checked (e.g. `page="3"` of a listing with 3 pages or
    more): a response is stored only if its query holds exactly these values, or none at all."""
    request.anonymous_cache_query = params


def _query_was_accepted(request: HttpRequest) -> bool:
    accepted = getattr(request, "anonymous_cache_query", {})
    return dict(request.GET.lists()) == {name: [value] for name, value in accepted.items()} or not request.GET


class AnonymousPageCacheMiddleware:
    """Answers anonymous GETs of public pages from the cache; place it just before SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_generation.set({})
        try:
            if not _request_is_cacheable(request) or not cache_seconds():
                return self.get_response(request)
            try:
                generation()
            except DatabaseError:  # answered uncached; the view reports the database itself (/health/)
                return self.get_response(request)
            return self._answer(request)
        finally:
            _request_generation.reset(token)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        key = _response_key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if (
            getattr(response, "anonymous_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and _query_was_accepted(request)
            and _take_a_slot()
        ):
            cache.set(key, response, cache_seconds())
        return response


def mark_anonymous_cacheable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Let the middleware store `response` if it was made for an anonymous visitor."""
    user = getattr(request, "user", None)
    if (user is None or not user.is_authenticated) and not getattr(request, "is_preview", False):
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        response.anonymous_cacheable = True
    return response


class AnonymousCacheMixin:
    """For Page subclasses: responses to anonymous visitors may be stored by the middleware."""

    def serve(self, request, *args, **kwargs):
        return mark_anonymous_cacheable(request, super().serve(request, *args, **kwargs))
