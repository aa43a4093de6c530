"""Every door that takes a password has the same checks as our login page: the captcha, the
lockout and the audit (docs/security.md). The walk covers every URL pattern, so a door that a
library or a new app adds fails here until it has them or is closed."""

import re
import uuid

import pytest
from django.test import Client

from accounts.models import AuditEvent
from accounts.tests.conftest import CAPTCHA_OK
from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory
from tests.security.urlconf import fill, walk

pytestmark = pytest.mark.django_db

SAMPLES = {"int": "1", "uuid": str(uuid.uuid4()), "slug": "x", "str": "x", "path": "x"}
KNOWN_DOORS = {"/accounts/login/", "/admin/login/", "/_util/login/"}


def concrete_paths() -> list[str]:
    """One concrete path per URL pattern (regex patterns with groups are filled in too)."""
    paths = set()
    for route, _, _ in walk():
        path = fill(route, lambda name, converter: SAMPLES.get(converter, "1"))
        if re.search(r"[()\[\]*+?]", path):
            continue  # a pattern we cannot fill in plainly; the known doors are asserted below
        paths.add(path)
    return sorted(paths)


PATHS = concrete_paths()


@pytest.fixture
def staff():
    return StaffFactory(username="menwei", phone="+8613800000999", is_superuser=True)


def test_the_walk_reaches_the_known_doors():
    assert set(PATHS) >= KNOWN_DOORS


def test_no_url_logs_anyone_in_without_the_captcha(staff):
    credentials = {"username": "menwei", "account": "menwei", "password": DEFAULT_PASSWORD, "next": "/"}
    for path in PATHS:
        client = Client()
        client.post(path, credentials)
        assert "_auth_user_id" not in client.session, f"{path} logged in without a captcha"


def test_every_page_with_a_password_field_also_asks_the_captcha():
    doors = []
    for path in PATHS:
        response = Client().get(path, follow=True)
        html = response.content.decode(errors="replace") if response.status_code == 200 else ""
        if 'name="password"' in html:
            doors.append(response.request["PATH_INFO"])
            assert 'name="captcha_1"' in html, f"{path} takes a password without a captcha"
    assert {"/accounts/login/", "/admin/login/"} <= set(doors)


def test_the_admin_login_with_the_captcha_lets_staff_in(client, staff):
    response = client.post("/admin/login/", {"username": "menwei", "password": DEFAULT_PASSWORD, **CAPTCHA_OK})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_wrong_captcha_on_the_admin_login_tries_no_password(client, staff):
    response = client.post(
        "/admin/login/", {"username": "menwei", "password": "wrong", "captcha_0": "test", "captcha_1": "NOPE"}
    )
    assert response.status_code == 200
    assert "图形验证码错误" in response.content.decode()
    assert not AuditEvent.objects.filter(action="login_failed").exists()


def test_the_admin_login_locks_and_audits_like_ours(client, staff, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "menwei", "password": "wrong", **CAPTCHA_OK})
    response = client.post("/admin/login/", {"username": "menwei", "password": DEFAULT_PASSWORD, **CAPTCHA_OK})

    assert "_auth_user_id" not in client.session
    assert "锁定" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed").count() >= settings.LOGIN_FAILURE_LIMIT


def test_the_front_end_login_is_closed_and_sends_to_ours(client, staff):
    response = client.get("/_util/login/", {"next": "/notices/private/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fnotices%2Fprivate%2F"
    response = client.post("/_util/login/", {"username": "menwei", "password": DEFAULT_PASSWORD, "next": "//evil"})
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_the_admin_account_page_takes_no_password(client, staff):
    client.force_login(staff)
    html = client.get("/admin/account/").content.decode()
    assert "old_password" not in html
    client.post(
        "/admin/account/",
        {
            "password-old_password": DEFAULT_PASSWORD,
            "password-new_password1": "Xin#2026mima",
            "password-new_password2": "Xin#2026mima",
        },
    )
    staff.refresh_from_db()
    assert staff.check_password(DEFAULT_PASSWORD)
