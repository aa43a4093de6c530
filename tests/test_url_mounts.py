"""Links, redirects and path checks come from the URLconf: mounting an area elsewhere moves them
along instead of silently breaking them."""

import uuid

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.tests.factories import StaffFactory, UserFactory
from accounts.views import LoginView
from home.cache import api_prefix
from review.admin import _file_preview

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.moved_urlconf")]


def test_applicant_navigation_follows_the_mount_point(client):
    client.force_login(UserFactory())
    html = client.get("/shenbao/").content.decode()
    assert 'href="/shenbao/profile/work-experience/"' in html
    assert 'href="/shenbao/titles/"' in html
    assert 'class="user-area__link" href="/shenbao/"' in html
    assert "/applicant/" not in html


def test_public_pages_search_from_the_search_mount_point(client):
    html = client.get("/no-such-page/").content.decode()
    assert 'action="/sousuo/"' in html


def test_staff_are_sent_to_the_admin_wherever_it_is_mounted(client):
    client.force_login(StaffFactory())
    response = client.get("/shenbao/")
    assert response.status_code == 302
    assert response.url == "/guanli/"


def test_login_lands_staff_and_applicants_where_their_areas_are():
    view = LoginView()
    view.request = RequestFactory().get("/zhanghu/login/")
    assert view.success_url(StaffFactory()) == "/guanli/"
    assert view.success_url(UserFactory()) == "/shenbao/"


def test_second_factor_guards_the_admin_at_its_mount_point(client, settings):
    settings.ADMIN_REQUIRE_OTP = True
    client.force_login(StaffFactory())
    response = client.get("/guanli/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two-factor"))


def test_admin_content_security_policy_applies_at_the_admin_mount_point(client):
    policy = client.get("/guanli/login/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


def test_public_api_prefix_is_read_from_the_urlconf():
    assert api_prefix() == "/jiekou/"


def test_oversized_upload_in_the_moved_applicant_area_gets_the_applicant_page(client, settings):
    settings.UPLOAD_MAX_REQUEST_SIZE = 10
    client.force_login(UserFactory())
    response = client.post("/shenbao/profile/papers/add/", {"title": "x" * 100})
    assert response.status_code == 413
    assert "declarations/request_too_large.html" in [t.name for t in response.templates]


def test_reviewers_file_previews_link_the_private_file_view_where_it_is_mounted():
    file_id = uuid.uuid4()
    preview = _file_preview({"file_id": str(file_id), "content_type": "image/png"})
    assert preview["url"] == f"/shenbao/files/{file_id}/"
