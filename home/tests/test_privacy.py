"""The privacy options editors may use (home.privacy): pages only for users in specific groups,
no shared passwords, and whatever is still restricted to "logged-in users" opens to staff only,
since every applicant can register and log in."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.tests.factories import make_document, make_notice

pytestmark = pytest.mark.django_db


def _user(username: str, *, staff: bool = False, group: str | None = None):
    # Through the user model itself: home imports no other app of ours, tests included.
    user = get_user_model().objects.create_user(username=username, password="Ceshi#2026pass", is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(_user("editor", staff=True, group="编辑"))
    return client


def _privacy_url(page) -> str:
    return f"/admin/pages/{page.pk}/privacy/"


def test_the_page_privacy_form_offers_groups_but_not_logged_in_users_or_a_password(editor_client, listing):
    notice = make_notice(listing)
    html = editor_client.get(_privacy_url(notice)).json()["html"]
    assert 'value="groups"' in html
    assert 'value="login"' not in html
    assert 'value="password"' not in html and 'name="password"' not in html


@pytest.mark.parametrize("restriction", ["login", "password"])
def test_a_forged_logged_in_or_password_restriction_is_refused(editor_client, listing, restriction):
    notice = make_notice(listing)
    editor_client.post(_privacy_url(notice), {"restriction_type": restriction, "password": "123456"})
    assert not PageViewRestriction.objects.filter(page=notice).exists()


def test_editors_may_restrict_a_page_to_groups(editor_client, listing):
    notice = make_notice(listing)
    reviewers = Group.objects.get(name="审核人")
    editor_client.post(_privacy_url(notice), {"restriction_type": "groups", "groups": [reviewers.pk]})
    assert PageViewRestriction.objects.get(page=notice).groups.get() == reviewers


def test_a_page_still_restricted_to_logged_in_users_opens_to_staff_only(client, listing):
    notice = make_notice(listing, title="内部工作安排")
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(notice.url)["Location"].startswith("/accounts/login/")
    client.force_login(_user("applicant"))
    response = client.get(notice.url)
    assert response.status_code == 403 and "内部工作安排" not in response.content.decode()
    client.force_login(_user("staff", staff=True, group="编辑"))
    assert client.get(notice.url).status_code == 200


def test_a_collection_restricted_to_logged_in_users_serves_its_documents_to_staff_only(client):
    internal = Collection.get_first_root_node().add_child(name="内部资料")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    document = make_document("内部评审细则", "rules.pdf")
    document.collection = internal
    document.save()

    assert client.get(document.url).status_code == 302
    client.force_login(_user("applicant"))
    assert client.get(document.url).status_code == 403
    client.force_login(_user("staff", staff=True, group="审核人"))
    assert client.get(document.url).status_code == 200


def test_collections_offer_no_shared_password(client):
    client.force_login(_user("admin", staff=True))
    get_user_model().objects.filter(username="admin").update(is_superuser=True)
    collection = Collection.get_first_root_node().add_child(name="通知附件")
    html = client.get(f"/admin/collections/{collection.pk}/privacy/").json()["html"]
    assert 'value="password"' not in html


def test_the_page_password_form_answers_nothing(client, listing):
    notice = make_notice(listing, body="<p>密码保护的正文</p>")
    restriction = PageViewRestriction.objects.create(page=notice, restriction_type="password", password="1234")
    url = f"/_util/authenticate_with_password/{restriction.pk}/{notice.pk}/"
    assert client.post(url, {"password": "1234", "return_url": notice.url}).status_code == 404
    assert "密码保护的正文" not in client.get(notice.url).content.decode()
