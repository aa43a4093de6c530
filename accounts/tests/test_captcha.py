"""A readable captcha: characters without look-alikes, and 看不清，换一张 working without
JavaScript on every form that has the captcha (nothing checked, sent or counted)."""

import re

import pytest

from accounts.captcha import READABLE_CHARACTERS, readable_challenge
from accounts.models import AuditEvent, VerificationCode
from accounts.tests.conftest import sent_codes
from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

LOOK_ALIKES = set("0OQD1ILJZSG8BUVXK")
REFRESH = {"captcha_refresh": "1", "captcha_0": "old-key", "captcha_1": ""}


def captcha_key(page: str) -> str:
    return re.search(r'name="captcha_0" value="([^"]+)"', page).group(1)


def test_challenges_use_only_characters_without_look_alikes():
    assert not LOOK_ALIKES & set(READABLE_CHARACTERS)
    challenges = [readable_challenge()[0] for _ in range(500)]
    assert all(len(c) == 4 and set(c) <= set(READABLE_CHARACTERS) for c in challenges)
    assert len(set("".join(challenges))) == len(READABLE_CHARACTERS)


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/register/", "/accounts/password/reset/"])
def test_every_captcha_has_a_refresh_button_that_needs_no_javascript(client, url):
    page = client.get(url).content.decode()

    button = re.search(r'<button[^>]*name="captcha_refresh"[^>]*>看不清，换一张</button>', page)
    assert button and 'type="submit"' in button.group(0) and "formnovalidate" in button.group(0)


def test_refreshing_on_the_login_page_keeps_the_account_and_tries_no_password(client):
    UserFactory(phone="+8613800138000")
    first = client.get("/accounts/login/").content.decode()

    response = client.post("/accounts/login/", {"account": "13800138000", "password": "wrong", **REFRESH})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="13800138000"' in page
    assert captcha_key(page) != captcha_key(first)
    assert "图形验证码错误" not in page and "form-field__error" not in page
    assert not AuditEvent.objects.filter(action="login_failed").exists()


def test_refreshing_on_the_register_page_keeps_what_was_typed_and_sends_no_code(client):
    response = client.post(
        "/accounts/register/",
        {"real_name": "王建设", "phone": "13912345678", "employer": "太原市建筑设计研究院", **REFRESH},
    )

    page = response.content.decode()
    assert 'value="王建设"' in page and 'value="太原市建筑设计研究院"' in page
    assert "form-field__error" not in page
    assert not VerificationCode.objects.exists()
    assert sent_codes("+8613912345678") == []


def test_refreshing_on_the_password_reset_page_sends_no_code(client):
    UserFactory(phone="+8613800138000")

    response = client.post("/accounts/password/reset/", {"phone": "13800138000", **REFRESH})

    assert response.status_code == 200
    assert 'value="13800138000"' in response.content.decode()
    assert sent_codes("+8613800138000") == []


def test_refreshing_on_the_admin_login_tries_no_password(client):
    StaffFactory(username="menwei")

    response = client.post("/admin/login/", {"username": "menwei", "password": DEFAULT_PASSWORD, **REFRESH})

    assert response.status_code == 200
    assert "已为您换一张图形验证码" in response.content.decode()
    assert "_auth_user_id" not in client.session
