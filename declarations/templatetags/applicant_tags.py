"""The applicant shell's left navigation, built from the section registry."""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from declarations.sections import SECTIONS

register = template.Library()

# Pages of 职称管理, by URL name.
MANAGEMENT_LINKS = (("职称申报", "declarations:titles"), ("我申报的", "declarations:declaration-list"))


@functools.cache
def _addresses(script_prefix: str, urlconf: str) -> tuple[str, list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The navigation's URLs, reversed once a process and URLconf (on every applicant page)."""
    management = [(title, reverse(name)) for title, name in MANAGEMENT_LINKS]
    sections = [(s.title, reverse("declarations:section", args=[s.key]), s.number) for s in SECTIONS]
    return reverse("declarations:home"), management, sections


@register.inclusion_tag("declarations/includes/applicant_nav.html", takes_context=True)
def applicant_nav(context):
    path = context["request"].path
    home, management, sections = _addresses(get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    groups = [
        {"title": "职称管理", "links": [_link(title, url, path) for title, url in management]},
        {"title": "个人信息", "links": [_link(title, url, path, number) for title, url, number in sections]},
    ]
    return {"home": _link("首页", home, path, exact=True), "groups": groups}


def _link(title: str, url: str, path: str, number: str = "", exact: bool = False) -> dict:
    current = path == url if exact else path.startswith(url)
    return {"title": title, "url": url, "number": number, "current": current}
