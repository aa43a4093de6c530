"""Template tags of the public site: the main navigation's listing links and the footer, each cached
until the next publish or settings change."""

from django import template
from django.core.cache import cache
from wagtail.models import Site

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


FOOTER_FIELDS = (
    *("organizer", "support", "site_code", "icp_number", "police_number"),
    *("phone", "hours", "email", "address"),
)


@register.inclusion_tag("components/site_footer.html", takes_context=True)
def site_footer(context) -> dict:
    """The footer's editable site settings (设置 → 网站页脚), cached like the navigation."""
    from home.models import SiteFooterSettings

    request = context.get("request")
    key = generation_key(f"footer:{request.get_host() if request is not None else ''}")
    footer = cache.get(key)
    if footer is None:
        # Read, never created on a GET: an unsaved row shows the defaults.
        site = Site.find_for_request(request) if request is not None else None
        settings = SiteFooterSettings.objects.filter(site=site).first() if site else None
        settings = settings or SiteFooterSettings()
        footer = {name: getattr(settings, name) for name in FOOTER_FIELDS}
        cache.set(key, footer, cache_seconds() or 60)
    return {"footer": footer}
