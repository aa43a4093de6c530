"""Chinese search through the real search backend; the same tests run on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from home.tests.factories import days_ago, make_notice

TITLE = "山西省建设工程专业技术职务评审通知"


def _titles(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    results = response.context["results"]
    return [notice.title for notice in results] if results is not None else None


@pytest.mark.parametrize("query", ["评审", "技术职务", "评审通知", "山西省", "省"])
def test_chinese_substring_of_a_title_finds_the_notice(client, listing, query):
    make_notice(listing, TITLE)
    make_notice(listing, "系统维护公告")

    assert _titles(client, query) == [TITLE]


def test_chinese_substring_of_the_body_finds_the_notice(client, listing):
    make_notice(listing, "年度工作安排", body="<p>根据省人社厅要求做好建设工程职称评审材料报送工作</p>")
    make_notice(listing, "系统维护公告", body="<p>系统将于周末维护</p>")

    assert _titles(client, "职称评审") == ["年度工作安排"]


def test_characters_that_are_not_adjacent_do_not_match(client, listing):
    make_notice(listing, TITLE)

    assert _titles(client, "评通") == []
    assert _titles(client, "职称评审") == []


def test_results_are_newest_first(client, listing):
    make_notice(listing, "评审通知（旧）", date=days_ago(9))
    make_notice(listing, "评审通知（新）", date=days_ago(1))

    assert _titles(client, "评审") == ["评审通知（新）", "评审通知（旧）"]


def test_unpublished_and_private_notices_are_not_found(client, listing):
    make_notice(listing, "评审草稿", live=False)
    secret = make_notice(listing, "评审内部通知")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    make_notice(listing, "评审公开通知")

    assert _titles(client, "评审") == ["评审公开通知"]


def test_unpublishing_removes_a_notice_from_the_results(client, listing):
    notice = make_notice(listing, TITLE)
    notice.unpublish()

    assert _titles(client, "评审") == []


def test_results_are_paginated(client, listing):
    for day in range(25):
        make_notice(listing, f"评审通知{day:02d}", date=days_ago(day))

    first = client.get("/search/", {"q": "评审"})
    second = _titles(client, "评审", page=2)

    assert len(first.context["results"].object_list) == 20
    assert "第 1 / 2 页，共 25 条" in first.content.decode()
    assert "q=%E8%AF%84%E5%AE%A1&amp;page=2" in first.content.decode()
    assert second == [f"评审通知{day:02d}" for day in range(20, 25)]


@pytest.mark.parametrize("query", ["", "   ", "，。"])
def test_empty_query_asks_for_a_keyword(client, listing, query):
    make_notice(listing, TITLE)

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert response.context["results"] is None
    assert "请输入关键词" in response.content.decode()


def test_very_long_query_is_cut_and_answered(client, listing):
    make_notice(listing, TITLE)

    response = client.get("/search/", {"q": "评审" + "很" * 5000})

    assert response.status_code == 200
    assert "关键词过长" in response.content.decode()


@pytest.mark.postgres
def test_chinese_search_works_on_postgresql(client, listing):
    assert connection.vendor == "postgresql"
    make_notice(listing, TITLE, body="<p>做好建设工程职称评审材料报送工作</p>")

    assert _titles(client, "评审") == [TITLE]
    assert _titles(client, "技术职务") == [TITLE]
    assert _titles(client, "职称评审") == [TITLE]


def test_results_and_the_listing_show_a_notice_with_the_same_markup(client, listing):
    notice = make_notice(listing, TITLE, pinned=True)

    def item(html: str) -> str:
        start = html.index('<li class="notice-list__item">')
        return html[start : html.index("</li>", start)]

    from_search = item(client.get("/search/", {"q": "评审"}).content.decode())
    from_listing = item(client.get(listing.url).content.decode())
    assert from_search == from_listing
    assert f'href="{notice.url}"' in from_search
    assert "置顶" in from_search


def test_a_repeated_search_is_answered_from_the_cache_until_the_next_publish(
    client, listing, django_assert_num_queries
):
    make_notice(listing, TITLE)
    first = client.get("/search/", {"q": "评审"})

    # No search runs: with a process-local cache the one query is the shared generation row.
    from home.cache import cache_is_shared

    with django_assert_num_queries(0 if cache_is_shared() else 1):
        again = client.get("/search/", {"q": "评审"})
    assert again.content == first.content

    make_notice(listing, "第二份评审公告", live=False).save_revision().publish()

    assert "第二份评审公告" in client.get("/search/", {"q": "评审"}).content.decode()


def test_searches_of_logged_in_visitors_and_junk_parameters_are_not_stored(client, listing, django_user_model):
    make_notice(listing, TITLE)
    client.get("/search/", {"q": "评审", "utm": "x"})
    client.get("/search/", {"q": "评审", "page": "99"})  # the results have one page

    assert _titles(client, "评审", utm="x") == [TITLE]  # answered by the view again
    assert _titles(client, "评审", page="99") == [TITLE]
    client.force_login(django_user_model.objects.create_user(real_name="张建国", phone="+8613900000001"))
    assert "张建国" in client.get("/search/", {"q": "评审"}).content.decode()
