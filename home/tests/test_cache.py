import datetime

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from home.models import NoticePage
from home.tests.factories import make_home, make_index, make_notice


def test_second_anonymous_visit_is_answered_from_the_cache_without_queries(client, listing, django_assert_num_queries):
    make_notice(listing, "已发布的通知")
    make_home([("通知公告", listing, 6)])
    first = client.get("/")

    with django_assert_num_queries(0):
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

    with django_assert_num_queries(0):
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
