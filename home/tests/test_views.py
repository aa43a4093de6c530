import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.cache import cache_is_shared
from home.tests.factories import PDF_BYTES, days_ago, make_document, make_home, make_index, make_notice


def test_homepage_shows_each_panel_with_dates_more_link_and_view_links(client, listing):
    notice = make_notice(listing, "山西省建设工程专业技术职务评审通知", date=days_ago(0), pinned=True)
    make_home([("通知公告", listing, 6)])

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "通知公告" in html
    assert f'href="{listing.url}">更多' in html
    assert f'href="{notice.url}"' in html
    assert notice.publish_date.strftime("%Y-%m-%d") in html
    assert "置顶" in html


def test_listing_paginates_twenty_a_page(client, listing):
    for day in range(45):
        make_notice(listing, f"通知第{day:02d}号", date=days_ago(day))

    first = client.get(listing.url)
    third = client.get(listing.url, {"page": 3})

    assert first.status_code == 200
    assert len(first.context["notices"].object_list) == 20
    assert "第 1 / 3 页，共 45 条" in first.content.decode()
    assert [notice.title for notice in third.context["notices"]] == [f"通知第{day:02d}号" for day in range(40, 45)]


@pytest.mark.parametrize("page", ["99", "-1", "0"])
def test_listing_page_number_out_of_range_gives_the_last_page(client, listing, page):
    for day in range(25):
        make_notice(listing, date=days_ago(day))

    response = client.get(listing.url, {"page": page})

    assert response.status_code == 200
    assert response.context["notices"].number == 2


def test_listing_page_number_that_is_not_a_number_gives_the_first_page(client, listing):
    make_notice(listing)

    response = client.get(listing.url, {"page": "abc"})

    assert response.status_code == 200
    assert response.context["notices"].number == 1


def test_empty_listing_says_so(client, listing):
    response = client.get(listing.url, {"page": 5})

    assert response.status_code == 200
    assert "本栏目暂无内容" in response.content.decode()


def test_notice_page_lists_attachments_with_name_type_and_size(client, listing):
    document = make_document("评审申报表", "shenbaobiao.pdf", PDF_BYTES * 40)
    notice = make_notice(listing, "评审通知", documents=[document])

    html = client.get(notice.url).content.decode()

    assert "评审申报表" in html
    assert "shenbaobiao.pdf" in html
    assert ">PDF<" in html
    assert "1.8\xa0KB" in html
    assert f'href="{document.url}"' in html


def test_anonymous_visitor_downloads_an_attachment(client, listing):
    document = make_document("评审申报表", "shenbaobiao.pdf")
    make_notice(listing, documents=[document])

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "shenbaobiao.pdf" in response["Content-Disposition"]


def test_unpublished_notice_is_not_found_and_not_listed(client, listing):
    draft = make_notice(listing, "尚未发布的草稿", live=False)
    make_home([("通知公告", listing, 6)])

    assert client.get(draft.url_path.removeprefix("/home")).status_code == 404
    assert "尚未发布的草稿" not in client.get(listing.url).content.decode()
    assert "尚未发布的草稿" not in client.get("/").content.decode()


def test_private_notice_asks_for_login_and_is_not_listed(client, listing):
    secret = make_notice(listing, "内部通知")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(secret.url)

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert "内部通知" not in client.get(listing.url).content.decode()


def test_navigation_links_the_listings_on_pages_that_are_not_wagtail_pages(client, home, listing):
    make_index(home, "政策法规", slug="zhengce")

    html = client.get("/search/").content.decode()

    assert f'<a href="{listing.url}">通知公告</a>' in html
    assert '<a href="/zhengce/">政策法规</a>' in html


def test_navigation_is_read_from_the_cache_on_later_requests(client, home, listing):
    client.get("/search/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/search/")

    assert not [query for query in queries if "home_noticeindexpage" in query["sql"]]


def _build(listing, count: int):
    documents = [make_document(f"附件{number}", f"file{number}.pdf") for number in range(count // 10)]
    notices = [make_notice(listing, date=days_ago(day % 60), pinned=day % 7 == 0) for day in range(count)]
    target = make_notice(listing, "带附件的通知", documents=documents)
    make_home(
        [("通知公告", listing, 6), ("政策法规", listing, 8), ("办事指南", listing, 5), ("评审结果公示", listing, 6)]
    )
    return notices, target


# The bounds are the same for 10 notices with 1 attachment and 200 with 20: nothing runs a query per
# notice or attachment.
# They include the first request's look-ups of the site, the navigation and the footer settings,
# cached afterwards, and with a process-local cache the generation row each request reads.
@pytest.mark.parametrize("count", [10, 200])
def test_public_pages_run_a_fixed_number_of_queries(client, listing, django_assert_max_num_queries, count):
    _, target = _build(listing, count)
    generation = 0 if cache_is_shared() else 1

    with django_assert_max_num_queries(14 + generation):
        homepage = client.get("/")
    with django_assert_max_num_queries(9 + generation):
        listing_page = client.get(listing.url, {"page": 2})
    with django_assert_max_num_queries(9 + generation):
        notice_page = client.get(target.url)

    assert (homepage.status_code, listing_page.status_code, notice_page.status_code) == (200, 200, 200)
    assert notice_page.content.decode().count('class="attachments__item"') == count // 10
