"""The URL patterns of the URLconf, walked the way Django resolves them."""

import re
from collections.abc import Callable, Iterator

from django.urls import URLPattern, URLResolver, get_resolver

# Everything an applicant (or a visitor on the way to becoming one) can reach.
APPLICANT_FACING_PREFIXES = ("accounts/", "applicant/")


def walk(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, object]]:
    """(route, qualified name, callback) of every pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield route, name, pattern.callback


def applicant_facing() -> dict[str, str]:
    """Qualified URL name → route, for every pattern under APPLICANT_FACING_PREFIXES."""
    found = {}
    for route, name, _ in walk():
        if route.startswith(APPLICANT_FACING_PREFIXES):
            assert name, f"{route} has no name: give it one and an entry in the security tables"
            found[name] = route
    return found


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def fill(route: str, value: Callable[[str, str], str]) -> str:
    """The route as a path: each parameter (path converter or regex group) replaced by
    `value(name, converter)`, the regex anchors dropped."""
    path = PARAMETER.sub(lambda m: value(m["name"] or m["group"], m["converter"] or "str"), route)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")
