"""Notices whose slug is their Chinese title (a long percent-encoded address) get the short
date-number slug new notices get (`NoticePage._dated_slug`); a permanent redirect keeps each old
address working. Their revisions take the new slug too, so publishing a draft keeps it."""

from django.core.cache import cache
from django.db import migrations
from django.db.models import F
from wagtail.contrib.redirects.models import Redirect


GENERATION_KEY = "public-pages:generation"  # home.cache.GENERATION_KEY, as of this migration
STEPLEN = 4  # treebeard's path step of Wagtail's page tree


def _is_latin(slug: str) -> bool:
    return slug.isascii()


def shorten(apps, schema_editor):
    NoticePage = apps.get_model("home", "NoticePage")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    RedirectModel = apps.get_model("wagtailredirects", "Redirect")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    PublicPagesGeneration = apps.get_model("home", "PublicPagesGeneration")
    site_roots = {site.root_page.url_path: site for site in Site.objects.select_related("root_page")}
    changed = False

    for notice in NoticePage.objects.order_by("path"):
        if _is_latin(notice.slug):
            continue
        parent_path = notice.path[:-STEPLEN]
        siblings = Page.objects.filter(path__startswith=parent_path, depth=notice.depth)
        base = notice.publish_date.isoformat()
        number = 1
        while siblings.filter(slug=f"{base}-{number}").exists():
            number += 1
        old_url_path = notice.url_path
        slug = f"{base}-{number}"
        new_url_path = old_url_path[: -len(notice.slug) - 1] + slug + "/"
        Page.objects.filter(pk=notice.pk).update(slug=slug, url_path=new_url_path)
        changed = True
        if page_type is not None:
            for revision in Revision.objects.filter(base_content_type=page_type, object_id=str(notice.pk)):
                revision.content = {**revision.content, "slug": slug, "url_path": new_url_path}
                revision.save(update_fields=["content"])
        for root_path, site in site_roots.items():
            if old_url_path.startswith(root_path):
                old_path = Redirect.normalise_path("/" + old_url_path[len(root_path) :])
                RedirectModel.objects.get_or_create(
                    old_path=old_path, site=site, defaults={"redirect_page_id": notice.pk, "is_permanent": True}
                )
    if changed:
        # Cached pages still link to the old addresses (home.cache): make them all stale.
        if not PublicPagesGeneration.objects.filter(pk=1).update(value=F("value") + 1):
            PublicPagesGeneration.objects.create(pk=1, value=2)
        cache.delete(GENERATION_KEY)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_cache_generation_footer_settings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(shorten, migrations.RunPython.noop)]
