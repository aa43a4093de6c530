"""Short notice addresses: a notice whose title gives no Latin slug is named by its date and a
number, and the addresses of older notices named by their Chinese title still lead to them."""

import importlib
from urllib.parse import quote

from django.apps import apps

from home.models import NoticePage
from home.tests.factories import make_notice
from home.tests.test_editors import _notice_form, editor  # noqa: F401 (fixture)

shorten = importlib.import_module("home.migrations.0005_short_notice_slugs").shorten


def test_a_notice_with_a_chinese_title_gets_a_date_and_number_slug_in_the_editor(client, editor, listing):  # noqa: F811
    client.force_login(editor)
    url = f"/admin/pages/add/home/noticepage/{listing.pk}/"

    first = client.post(url, _notice_form(title="关于开展2026年度职称评审工作的通知", slug=""))
    second = client.post(url, _notice_form(title="关于公布评审结果的公告", slug=""))

    assert first.status_code == second.status_code == 302
    slugs = list(NoticePage.objects.child_of(listing).order_by("pk").values_list("slug", flat=True))
    assert slugs == ["2026-11-20-1", "2026-11-20-2"]
    assert client.get("/tongzhi/2026-11-20-2/").status_code == 200


def test_a_latin_slug_the_editor_typed_is_kept(client, editor, listing):  # noqa: F811
    client.force_login(editor)

    client.post(f"/admin/pages/add/home/noticepage/{listing.pk}/", _notice_form(title="评审通知", slug="pingshen"))

    assert NoticePage.objects.child_of(listing).get().slug == "pingshen"


def test_a_chinese_slug_on_a_new_notice_becomes_the_date_and_number(client, editor, listing):  # noqa: F811
    client.force_login(editor)

    response = client.post(f"/admin/pages/add/home/noticepage/{listing.pk}/", _notice_form(slug="评审通知"))

    assert response.status_code == 302
    assert NoticePage.objects.child_of(listing).get().slug == "2026-11-20-1"


def test_a_notice_built_in_code_without_a_slug_gets_one_from_its_date(listing):
    notice = listing.add_child(instance=NoticePage(title="无拼音标题的通知", publish_date="2026-03-05"))

    assert notice.slug == "2026-03-05-1"


def test_old_chinese_addresses_lead_to_the_shortened_notice(client, listing):
    title = "关于开展评审工作的通知"
    notice = make_notice(listing, title)
    NoticePage.objects.filter(pk=notice.pk).update(slug=title, url_path=f"{listing.url_path}{title}/")
    notice.refresh_from_db()
    notice.save_revision()  # a draft with the old slug
    old_address = f"/tongzhi/{quote(title)}/"
    assert client.get(old_address).status_code == 200

    shorten(apps, None)

    notice.refresh_from_db()
    assert notice.slug == f"{notice.publish_date.isoformat()}-1"
    response = client.get(old_address)
    assert response.status_code == 301 and response["Location"] == f"/tongzhi/{notice.slug}/"
    assert client.get(response["Location"]).status_code == 200
    # Publishing the draft later keeps the short address.
    notice.get_latest_revision().publish()
    assert NoticePage.objects.get(pk=notice.pk).slug == notice.slug
