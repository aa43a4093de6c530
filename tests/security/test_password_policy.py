"""Row 6 of the security matrix: the password policy (NIST SP 800-63B, see docs/security.md):
at least 8 characters, not a common or all-digit password, and nothing of the user's own phone
or ID number, at registration (against the typed numbers), reset and change."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.tests.conftest import CAPTCHA_OK, sent_codes
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
ID_NUMBER = "11010519491231002X"
MESSAGE = "密码不能包含您的手机号码或身份证号码"

# Each contains the phone, the ID number or six or more consecutive characters of one of them.
PERSONAL = ["Ab#13912345678", "Mima#345678", "Gc1949123100", "zc#31002xab", "Ab#11010519491231002X"]
ACCEPTED = "Gongcheng#2026"


def register(password: str):
    client = Client()
    client.post("/accounts/register/", {"action": "send_code", "phone": PHONE, **CAPTCHA_OK})
    [code] = sent_codes(f"+86{PHONE}")
    data = {
        "real_name": "王建设",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "sms_code": code,
        "password1": password,
        "password2": password,
        "employer": "太原市建筑设计研究院",
    }
    return client.post("/accounts/register/", data)


@pytest.mark.parametrize("password", PERSONAL)
def test_registration_refuses_the_typed_phone_or_id_number_in_the_password(password):
    response = register(password)

    assert response.status_code == 200
    assert MESSAGE in " ".join(response.context["form"].errors["password1"])
    assert not get_user_model().objects.exists()


def test_registration_accepts_a_password_without_them():
    assert register(ACCEPTED).status_code == 302
    assert get_user_model().objects.get().check_password(ACCEPTED)


@pytest.fixture
def applicant():
    return UserFactory(phone=f"+86{PHONE}", id_number=ID_NUMBER)


@pytest.mark.parametrize("password", PERSONAL)
def test_password_reset_refuses_them(applicant, password):
    client = Client()
    client.post("/accounts/password/reset/", {"phone": PHONE, **CAPTCHA_OK})
    [code] = sent_codes(f"+86{PHONE}")
    client.post("/accounts/password/reset/verify/", {"sms_code": code})

    response = client.post("/accounts/password/reset/new/", {"new_password1": password, "new_password2": password})

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize("password", PERSONAL)
def test_password_change_refuses_them(client, applicant, password):
    client.force_login(applicant)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": password, "new_password2": password},
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [("Ab#1234", "密码太短，至少需要 8 个字符"), ("20261125", "密码只包含数字"), ("password123", "这个密码太常见了")],
)
def test_the_rest_of_the_policy_at_password_change(client, applicant, password, message):
    client.force_login(applicant)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert message in response.content.decode()


def test_no_composition_rule_refuses_a_long_lowercase_passphrase(client, applicant):
    client.force_login(applicant)
    phrase = "taihang mountains in autumn"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": phrase, "new_password2": phrase},
    )
    assert response.status_code == 302
