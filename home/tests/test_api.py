import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.tests.factories import PDF_BYTES, days_ago, make_document, make_home, make_notice

BASE = "https://zc.example.gov.cn"


@override_settings(WAGTAILAPI_BASE_URL=BASE)
def test_homepage_api_exposes_panels_with_their_latest_items(client, listing):
    make_notice(listing, "普通通知", date=days_ago(1))
    pinned = make_notice(listing, "置顶通知", date=days_ago(20), pinned=True)
    make_notice(listing, "未发布通知", live=False)
    home = make_home([("通知公告", listing, 6)])

    data = client.get(f"/api/v2/pages/{home.pk}/").json()

    [panel] = data["panels"]
    assert panel["heading"] == "通知公告"
    assert panel["listing"]["html_url"] == f"{BASE}{listing.url}"
    assert [item["title"] for item in panel["items"]] == ["置顶通知", "普通通知"]
    assert panel["items"][0] == {
        "id": pinned.pk,
        "title": "置顶通知",
        "publish_date": days_ago(20).isoformat(),
        "pinned": True,
        "html_url": f"{BASE}{pinned.url}",
        "detail_url": f"{BASE}/api/v2/pages/{pinned.pk}/",
    }


@override_settings(WAGTAILAPI_BASE_URL=BASE)
def test_notice_api_exposes_date_pinned_body_and_attachments_with_absolute_urls(client, listing):
    document = make_document("评审申报表", "shenbaobiao.pdf")
    notice = make_notice(
        listing, "评审通知", date=days_ago(3), pinned=True, body="<p>正文内容</p>", documents=[document]
    )

    data = client.get(f"/api/v2/pages/{notice.pk}/").json()

    assert data["publish_date"] == days_ago(3).isoformat()
    assert data["pinned"] is True
    assert data["body"] == "<p>正文内容</p>"
    assert data["attachments"] == [
        {
            "id": document.pk,
            "title": "评审申报表",
            "filename": "shenbaobiao.pdf",
            "file_type": "PDF",
            "content_type": "application/pdf",
            "size": len(PDF_BYTES),
            "download_url": f"{BASE}{document.url}",
        }
    ]


def test_listing_can_be_rendered_from_the_api_pinned_first_then_newest(client, listing):
    make_notice(listing, "较早", date=days_ago(5))
    make_notice(listing, "置顶", date=days_ago(30), pinned=True)
    make_notice(listing, "较新", date=days_ago(1))
    params = {
        "child_of": listing.pk,
        "type": "home.NoticePage",
        "fields": "publish_date,pinned",
        "order": "-publish_date",
    }

    pinned = client.get("/api/v2/pages/", {**params, "pinned": "true"}).json()
    others = client.get("/api/v2/pages/", {**params, "pinned": "false", "limit": 20}).json()

    assert [item["title"] for item in pinned["items"] + others["items"]] == ["置顶", "较新", "较早"]
    assert others["meta"]["total_count"] == 2


def test_unpublished_and_private_notices_are_absent_from_the_api(client, listing):
    draft = make_notice(listing, "草稿", live=False)
    secret = make_notice(listing, "内部通知")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    make_notice(listing, "公开通知")

    listed = client.get("/api/v2/pages/", {"type": "home.NoticePage"}).json()

    assert [item["title"] for item in listed["items"]] == ["公开通知"]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{secret.pk}/").status_code == 404


def _api_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/api/v2/pages/?fields=*", "/api/v2/pages/?type=home.NoticePage&fields=*"])
def test_listing_with_every_field_runs_the_same_queries_for_two_or_twenty_notices(client, listing, url):
    for _ in range(2):
        make_notice(listing, documents=[make_document(), make_document()])
    few = _api_queries(client, url)
    cache.clear()
    for _ in range(18):
        make_notice(listing, documents=[make_document()])

    many = _api_queries(client, url)

    assert many == few
    notices = client.get("/api/v2/pages/?type=home.NoticePage&fields=*&limit=20").json()["items"]
    assert sorted(len(n["attachments"]) for n in notices) == [1] * 18 + [2, 2]
