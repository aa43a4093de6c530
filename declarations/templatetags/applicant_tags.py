"""The applicant shell's left navigation, built from the section registry."""

from django import template
from django.urls import reverse

from declarations.sections import SECTIONS

register = template.Library()

# Pages of 职称管理, by URL name.
MANAGEMENT_LINKS = (("职称申报", "declarations:titles"), ("我申报的", "declarations:declaration-list"))


@register.inclusion_tag("declarations/includes/applicant_nav.html", takes_context=True)
def applicant_nav(context):
    path = context["request"].path
    groups = [
        {"title": "职称管理", "links": [_link(title, reverse(name), path) for title, name in MANAGEMENT_LINKS]},
        {
            "title": "个人信息",
            "links": [_link(s.title, reverse("declarations:section", args=[s.key]), path, s.number) for s in SECTIONS],
        },
    ]
    return {"home": _link("首页", reverse("declarations:home"), path, exact=True), "groups": groups}


def _link(title: str, url: str, path: str, number: str = "", exact: bool = False) -> dict:
    current = path == url if exact else path.startswith(url)
    return {"title": title, "url": url, "number": number, "current": current}
