"""Whole-response cache of public pages and of the public API for anonymous visitors.

Pages that use `AnonymousCacheMixin` (and the API endpoints of `config.api`) mark the responses
they give anonymous visitors as cacheable; `AnonymousPageCacheMiddleware` stores those and
answers later anonymous requests for the same URL from the cache before sessions, routing or
templates run. Every publish, unpublish, move or deletion of a page (and every document or image
change) bumps one generation number, which makes all stored pages stale at once: the homepage
panels and the navigation depend on many pages.

A query string is stored only when the view accepted every parameter in it (`accept_query`: a
page number the listing really has, an API parameter with a valid value, a search), and at most
`PUBLIC_PAGE_CACHE_MAX_ENTRIES` responses are stored per cache period, so junk query strings
are answered uncached and cannot grow the key space.

The middleware looks only at the paths of pages, the API and the search (`cacheable_path`); every
other mount of the URLconf (the admin, the applicant area, accounts, health…) costs it nothing. A
stored response carries the generation it was made in, so one `get_many` reads the generation
and the response together.
"""

from __future__ import annotations

import functools
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
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


def cache_seconds() -> int:
    return getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)


def max_entries() -> int:
    return getattr(settings, "PUBLIC_PAGE_CACHE_MAX_ENTRIES", 10_000)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    return _first_generation() if value is None else value


def _first_generation() -> int:
    cache.add(GENERATION_KEY, 1, timeout=None)
    return cache.get(GENERATION_KEY, 1)


def invalidate_public_pages(**kwargs) -> None:
    """Make every cached public page and the cached navigation stale (a signal receiver)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): nothing cached under a known generation
        cache.set(GENERATION_KEY, 2, timeout=None)


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
        and cacheable_path(request.path)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and _query_is_cacheable(request)
    )


def _response_key(request: HttpRequest) -> str:
    # Parameters in any order (or with stray `&`) make one key. The generation is in the value.
    query = urlencode(sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)))
    return f"public-pages:response:{request.get_host()}:{request.path}?{query}"


def _take_a_slot(current: int) -> bool:
    """Count one stored response in this cache period; False once the period has had its share.
    An entry lives one period at most, so no more than twice the share is ever stored."""
    key = f"public-pages:{current}:stored:{int(time.time() // cache_seconds())}"
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
        if not _request_is_cacheable(request) or not cache_seconds():
            return self.get_response(request)
        key = _response_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or _first_generation()
        stored = found.get(key)
        if stored is not None and stored[0] == current:
            return stored[1]
        response = self.get_response(request)
        if (
            getattr(response, "anonymous_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and _query_was_accepted(request)
            and _take_a_slot(current)
        ):
            cache.set(key, (current, response), cache_seconds())
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
