"""Template tags of the public site: the main navigation's listing links."""

from django import template
from django.core.cache import cache

from home.cache import cache_seconds, generation_key

register = template.Library()


def _listing_links() -> list[dict[str, str]]:
    from home.models import NoticeIndexPage

    pages = NoticeIndexPage.objects.live().public().in_menu().order_by("path").only("title", "url_path", "path")
    return [{"title": page.title, "url": page.get_url()} for page in pages if page.get_url()]


@register.inclusion_tag("home/includes/nav_listings.html", takes_context=True)
def nav_listings(context) -> dict:
    """The listings shown in the main navigation, cached until the next publish (no query per request)."""
    key = generation_key("nav-listings")
    links = cache.get(key)
    if links is None:
        links = _listing_links()
        cache.set(key, links, cache_seconds() or 60)
    request = context.get("request")
    path = request.path if request is not None else ""
    return {"links": [{**link, "current": path.startswith(link["url"])} for link in links]}
