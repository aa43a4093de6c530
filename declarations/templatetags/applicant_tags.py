"""The applicant shell's left navigation, built from the section registry."""

from django import template

from declarations.sections import SECTIONS

register = template.Library()

# Paths of the applicant area; the profile section pages are /applicant/profile/<key>/.
MANAGEMENT_LINKS = (("职称申报", "/applicant/titles/"), ("我申报的", "/applicant/declarations/"))


@register.inclusion_tag("declarations/includes/applicant_nav.html", takes_context=True)
def applicant_nav(context):
    path = context["request"].path
    groups = [
        {"title": "职称管理", "links": [_link(title, url, path) for title, url in MANAGEMENT_LINKS]},
        {
            "title": "个人信息",
            "links": [_link(s.title, f"/applicant/profile/{s.key}/", path, s.number) for s in SECTIONS],
        },
    ]
    return {"home": _link("首页", "/applicant/", path, exact=True), "groups": groups}


def _link(title: str, url: str, path: str, number: str = "", exact: bool = False) -> dict:
    current = path == url if exact else path.startswith(url)
    return {"title": title, "url": url, "number": number, "current": current}
