import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from home.cache import cache_is_shared, cacheable_path
from home.models import NoticePage
from home.tests.factories import make_home, make_index, make_notice


def generation_reads(requests: int = 1) -> int:
    """A cached answer costs no query with a shared cache (Redis); with a process-local one each
    request reads the one generation row, since another process may have bumped it."""
    return 0 if cache_is_shared() else requests


def test_second_anonymous_visit_is_answered_from_the_cache_without_queries(client, listing, django_assert_num_queries):
    make_notice(listing, "已发布的通知")
    make_home([("通知公告", listing, 6)])
    first = client.get("/")

    with django_assert_num_queries(generation_reads()):
        second = client.get("/")

    assert second.status_code == 200
    assert second.content == first.content


def test_publishing_a_notice_shows_it_at_once_to_anonymous_visitors(client, listing):
    make_home([("通知公告", listing, 6)])
    client.get("/")
    client.get(listing.url)

    make_notice(listing, "刚刚发布的通知", live=False).save_revision().publish()

    assert "刚刚发布的通知" in client.get("/").content.decode()
    assert "刚刚发布的通知" in client.get(listing.url).content.decode()


def test_unpublishing_a_notice_removes_it_from_cached_pages(client, listing):
    notice = make_notice(listing, "即将撤下的通知")
    make_home([("通知公告", listing, 6)])
    assert "即将撤下的通知" in client.get("/").content.decode()

    notice.unpublish()

    assert "即将撤下的通知" not in client.get("/").content.decode()
    assert client.get(notice.url_path.removeprefix("/home")).status_code == 404


def test_deleting_a_notice_removes_it_from_cached_pages(client, listing):
    notice = make_notice(listing, "将被删除的通知")
    assert "将被删除的通知" in client.get(listing.url).content.decode()

    NoticePage.objects.get(pk=notice.pk).delete()

    assert "将被删除的通知" not in client.get(listing.url).content.decode()


def test_scheduled_notice_appears_once_its_go_live_time_has_passed(client, listing):
    make_home([("通知公告", listing, 6)])
    notice = make_notice(listing, "定时发布的通知", live=False)
    notice.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = notice.save_revision()
    revision.publish()
    assert "定时发布的通知" not in client.get("/").content.decode()

    # An hour later: move the scheduled time into the past instead of waiting.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")

    assert "定时发布的通知" in client.get("/").content.decode()


def test_logged_in_visitor_is_not_served_the_anonymous_copy(client, listing):
    make_home([("通知公告", listing, 6)])
    anonymous = client.get("/").content.decode()
    user = get_user_model().objects.create_user(real_name="张建国", phone="+8613900000001")
    client.force_login(user)

    personal = client.get("/").content.decode()

    assert "登录" in anonymous and "张建国" not in anonymous
    assert "张建国" in personal


# --- The public API (config/api.py) shares the cache and its invalidation -------------------

API_LIST = "/api/v2/pages/?type=home.NoticePage&fields=title"


def _api_titles(client, url: str = API_LIST) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_second_anonymous_api_request_is_answered_from_the_cache_without_queries(
    client, listing, django_assert_num_queries
):
    notice = make_notice(listing, "缓存的通知")
    first = client.get("/api/v2/pages/")
    detail = client.get(f"/api/v2/pages/{notice.pk}/")

    with django_assert_num_queries(generation_reads(2)):
        second = client.get("/api/v2/pages/")
        second_detail = client.get(f"/api/v2/pages/{notice.pk}/")

    assert second.status_code == second_detail.status_code == 200
    assert second.content == first.content and second_detail.content == detail.content
    assert second["Content-Type"] == "application/json"


def test_publishing_a_notice_shows_it_at_once_in_the_api_list(client, listing):
    make_notice(listing, "早先的通知")
    assert _api_titles(client) == ["早先的通知"]

    make_notice(listing, "刚刚发布的通知", live=False).save_revision().publish()

    assert sorted(_api_titles(client)) == ["刚刚发布的通知", "早先的通知"]


def test_unpublishing_a_notice_removes_it_from_the_api_list_and_detail(client, listing):
    notice = make_notice(listing, "即将撤下的通知")
    detail = f"/api/v2/pages/{notice.pk}/"
    assert _api_titles(client) == ["即将撤下的通知"]
    assert client.get(detail).status_code == 200

    notice.unpublish()

    assert _api_titles(client) == []
    assert client.get(detail).status_code == 404


def test_deleting_a_notice_removes_it_from_the_api(client, listing):
    notice = make_notice(listing, "将被删除的通知")
    detail = f"/api/v2/pages/{notice.pk}/"
    assert client.get(detail).status_code == 200

    NoticePage.objects.get(pk=notice.pk).delete()

    assert _api_titles(client) == []
    assert client.get(detail).status_code == 404


def test_moving_a_notice_updates_its_parent_and_url_in_the_api(client, home, listing):
    other = make_index(home, "政策文件", slug="zhengce")
    notice = make_notice(listing, "移动的通知")
    detail = f"/api/v2/pages/{notice.pk}/"
    assert client.get(detail).json()["meta"]["parent"]["id"] == listing.pk

    NoticePage.objects.get(pk=notice.pk).move(other, pos="last-child")

    data = client.get(detail).json()
    assert data["meta"]["parent"]["id"] == other.pk
    assert "/zhengce/" in data["meta"]["html_url"]
    assert _api_titles(client, f"/api/v2/pages/?child_of={listing.pk}&fields=title") == []


def test_api_requests_with_credentials_are_not_answered_from_the_anonymous_copy(client, listing):
    make_notice(listing, "公开通知")
    client.get("/api/v2/pages/")

    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Basic eDp5")

    # Not the stored copy: the request reached the API, which refused the wrong credentials.
    assert response.status_code == 403 or response.status_code == 401


# --- Query strings: only what a page or the API accepted becomes an entry --------------------


def _stored_entries() -> int:
    """Every key in the page cache (the generation and counters included)."""
    from django.core.cache import cache

    if isinstance(getattr(cache, "_cache", None), dict):  # local memory
        return len(cache._cache)
    return cache._cache.get_client().dbsize()  # Redis: this worker's own database


def _stored_responses() -> int:
    from django.core.cache import cache

    if isinstance(getattr(cache, "_cache", None), dict):
        return sum(":response:" in key for key in cache._cache)
    return len(cache._cache.get_client().keys("*:response:*"))


JUNK_PAGE_QUERIES = [
    "page=100000",
    "page=999999",
    "page=0",
    "page=07",
    "page=2",  # the listing has one page
    "page=x",
    "page=1&page=1",
    "offset=40",
    "search=随便",
    "utm_source=flood",
    "page=1&utm=1",
    *[f"nonce={n}" for n in range(20)],
]

JUNK_API_QUERIES = [
    *[f"search=junk{n}" for n in range(10)],
    *[f"offset={n}" for n in range(1, 10)],
    "offset=100000",
    "offset=20",  # past the end of a short list
    "limit=7&offset=3",
    "order=random",
    "type=home.NoticePage&type=home.NoticePage",
    "type=home.NoticePage&cb=1",
    "fields=title&nonce=1",
]


def test_a_flood_of_junk_page_query_strings_adds_no_cache_entries(client, listing):
    make_notice(listing, "一页的通知")
    assert client.get(listing.url).status_code == 200
    before = _stored_entries()

    for query in JUNK_PAGE_QUERIES:
        for url in (f"{listing.url}?{query}", f"/?{query}"):
            assert client.get(url).status_code in (200, 404), url

    assert _stored_entries() == before


def test_a_flood_of_junk_api_query_strings_adds_no_cache_entries(client, listing):
    make_notice(listing, "接口的通知")
    assert client.get("/api/v2/pages/").status_code == 200
    before = _stored_entries()

    for query in JUNK_API_QUERIES:
        client.get(f"/api/v2/pages/?{query}")

    assert _stored_entries() == before


def test_real_page_numbers_and_known_api_parameters_are_still_cached(client, listing, django_assert_num_queries):
    for n in range(25):
        make_notice(listing, f"第{n}条通知")
    urls = [
        f"{listing.url}?page=2",
        f"{listing.url}?page=1",
        "/api/v2/pages/?type=home.NoticePage&fields=title&offset=20",
        "/api/v2/pages/?limit=5&offset=10&child_of=" + str(listing.pk),
    ]
    first = [client.get(url) for url in urls]
    assert [response.status_code for response in first] == [200] * len(urls)

    with django_assert_num_queries(generation_reads(len(urls))):
        again = [client.get(url) for url in urls]

    assert [response.content for response in again] == [response.content for response in first]


def test_parameter_order_does_not_make_a_second_entry(client, listing):
    make_notice(listing, "顺序的通知")
    client.get("/api/v2/pages/?type=home.NoticePage&fields=title")
    before = _stored_entries()

    client.get("/api/v2/pages/?fields=title&type=home.NoticePage")

    assert _stored_entries() == before


def test_no_more_than_the_configured_number_of_responses_is_stored(client, listing, settings):
    settings.PUBLIC_PAGE_CACHE_MAX_ENTRIES = 2
    notices = [make_notice(listing, f"限量的通知{n}") for n in range(4)]
    for notice in notices:
        client.get(f"/api/v2/pages/{notice.pk}/")

    assert _stored_responses() == 2


# --- Which paths the middleware looks at ----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "looked_at"),
    [
        ("/", True),
        ("/tongzhi/", True),
        ("/tongzhi/some-notice/", True),
        ("/api/v2/pages/", True),
        ("/search/", True),
        ("/admin/", False),
        ("/admin/login/", False),
        ("/applicant/", False),
        ("/accounts/login/", False),
        ("/health/", False),
        ("/captcha/image/x/", False),
        ("/documents/1/x.pdf", False),
    ],
)
def test_the_middleware_looks_only_at_pages_the_api_and_the_search(path, looked_at):
    assert cacheable_path(path) is looked_at


def _count_cache_reads(monkeypatch) -> list:
    """The calls the code makes to read the page cache (not the backend's own calls inside them:
    local memory's get_many calls get)."""
    reads, depth = [], [0]
    for name in ("get", "get_many"):
        original = getattr(cache, name)

        def spy(*args, _original=original, **kwargs):
            if not depth[0]:
                reads.append(args)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, name, spy)
    return reads


def test_other_paths_cost_the_middleware_no_cache_read(client, db, monkeypatch):
    reads = _count_cache_reads(monkeypatch)

    client.get("/health/")
    assert reads == []
    client.get("/accounts/login/")
    assert not [args for args in reads if ":response:" in repr(args)]  # the navigation's own read only


def test_a_cached_page_costs_one_read_of_the_generation_and_one_of_the_page(
    client, listing, monkeypatch, django_assert_num_queries
):
    # The generation is read once per request: from the shared cache (Redis), or from its
    # database row when the cache is process-local (no other process could clear this one).
    make_home([("通知公告", listing, 6)])
    client.get("/")
    reads = _count_cache_reads(monkeypatch)

    with django_assert_num_queries(0 if cache_is_shared() else 1):
        assert client.get("/").status_code == 200

    assert len(reads) == (2 if cache_is_shared() else 1)
