"""Demo page tree: the site root is a HomePage."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage

SITE_NAME = "建设工程专业技术职称申报评审系统"


@transaction.atomic
def ensure_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a plain "Welcome" page at /home/; replace it.
        for placeholder in root.get_children().filter(slug="home").exact_type(Page):
            placeholder.delete()
        home = root.add_child(instance=HomePage(title="首页", slug="home", seo_title=SITE_NAME))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME)
    elif site.root_page_id != home.id or site.site_name != SITE_NAME:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
    return home


def seed(command):
    ensure_home_page()
    return []
