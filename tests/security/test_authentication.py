"""Row 5 of the security matrix: captcha, account enumeration and the life of a session.

Lockout per account and per address is accounts/tests/test_login.py; enumeration through the
password reset is accounts/tests/test_password_reset.py."""

import re
from importlib import import_module

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.conf import settings
from django.test import Client

from accounts.tests.conftest import CAPTCHA_OK, sent_codes
from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory


def SessionStore():  # noqa: N802 (the configured engine's store: database, or Redis in CI)
    return import_module(settings.SESSION_ENGINE).SessionStore()


pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
REGISTER = "/accounts/register/"
KNOWN_PHONE = "13800138000"
UNKNOWN_PHONE = "13900139000"
KNOWN_ID = "11010519491231002X"
UNKNOWN_ID = "110105194912310038"
NEW_PASSWORD = "Xinmima#2026"


@pytest.fixture
def applicant():
    return UserFactory(phone=f"+86{KNOWN_PHONE}", id_number=KNOWN_ID)


def normalized(html: str, *typed: str) -> list[str]:
    """The lines of a page without what differs on every render (CSRF token, captcha key) or was typed."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r"[0-9a-f]{40}", "KEY", html)
    for n, value in enumerate(typed):
        html = html.replace(value, f"TYPED{n}")
    return [line.strip() for line in html.splitlines() if line.strip()]


def log_in(client, account=KNOWN_PHONE, password=DEFAULT_PASSWORD, **extra):
    return client.post(LOGIN, {"account": account, "password": password, **CAPTCHA_OK, **extra})


# --- Captcha ------------------------------------------------------------------------------


@pytest.fixture
def real_captcha(monkeypatch):
    """The library reads CAPTCHA_TEST_MODE once at import; switch its copy off for this test."""
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)


def solved_captcha(client) -> dict:
    key = re.search(r'name="captcha_0" value="([0-9a-f]{40})"', client.get(LOGIN).content.decode()).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def test_a_solved_captcha_cannot_be_replayed(client, applicant, real_captcha):
    captcha = solved_captcha(client)
    first = log_in(client, password="wrong-password", **captcha)
    assert "账号或密码错误" in first.content.decode()

    replay = log_in(client, **captcha)  # the right password this time

    assert replay.status_code == 200
    assert "图形验证码错误" in " ".join(replay.context["form"].errors["captcha"])
    assert "_auth_user_id" not in client.session


def test_a_fresh_solved_captcha_logs_in(client, applicant, real_captcha):
    assert log_in(client, **solved_captcha(client)).status_code == 302


def test_test_mode_answer_is_refused_outside_test_mode(client, applicant, real_captcha):
    response = log_in(client, captcha_0=solved_captcha(client)["captcha_0"], captcha_1="PASSED")
    assert "图形验证码错误" in response.content.decode()


# --- No account enumeration ---------------------------------------------------------------


@pytest.mark.parametrize(("known", "unknown"), [(KNOWN_PHONE, UNKNOWN_PHONE), (KNOWN_ID, UNKNOWN_ID)])
def test_login_answers_alike_for_existing_and_unknown_accounts(applicant, known, unknown):
    existing, missing = log_in(Client(), account=known, password="wrong"), log_in(Client(), account=unknown)
    assert existing.status_code == missing.status_code == 200
    assert normalized(existing.content.decode(), known) == normalized(missing.content.decode(), unknown)


def test_register_code_request_answers_alike_for_registered_and_new_phones(applicant):
    answers = []
    for phone in (KNOWN_PHONE, UNKNOWN_PHONE):
        response = Client().post(REGISTER, {"action": "send_code", "phone": phone, **CAPTCHA_OK})
        answers.append((response.status_code, normalized(response.content.decode(), *shown(phone))))
    assert answers[0][0] == answers[1][0]
    assert answers[0][1] == answers[1][1]
    assert sent_codes(f"+86{KNOWN_PHONE}") == []  # the owner of a registered phone gets no code


def shown(phone: str) -> tuple[str, ...]:
    """The ways a page may show a typed phone number: as typed, grouped, masked."""
    return phone, f"{phone[:3]} {phone[3:7]} {phone[7:]}", f"{phone[:3]}****{phone[-4:]}"


def registration(phone: str, id_number: str, code: str = "123456") -> dict:
    return {
        "real_name": "王建设",
        "id_number": id_number,
        "phone": phone,
        "sms_code": code,
        "password1": "Gongcheng#2026",
        "password2": "Gongcheng#2026",
        "employer": "太原市建筑设计研究院",
    }


@pytest.mark.parametrize(
    ("known", "unknown"),
    [
        ((KNOWN_PHONE, "110105194912310038"), (UNKNOWN_PHONE, "110105194912310038")),
        (("13700137000", KNOWN_ID), ("13600136000", UNKNOWN_ID)),
    ],
    ids=["phone", "id_number"],
)
def test_register_answers_alike_for_taken_and_free_numbers_without_a_valid_code(applicant, known, unknown):
    answers = []
    for phone, id_number in (known, unknown):
        client = Client()
        client.post(REGISTER, {"action": "send_code", "phone": phone, **CAPTCHA_OK})
        response = client.post(REGISTER, registration(phone, id_number, code="000000"))
        answers.append((response.status_code, normalized(response.content.decode(), id_number, *shown(phone))))
    assert answers[0][0] == answers[1][0]
    assert answers[0][1] == answers[1][1]
    assert "已注册" not in " ".join(answers[0][1])


def test_taken_id_number_is_told_only_after_a_valid_code_which_it_uses_up(client, applicant):
    phone = "13700137000"
    client.post(REGISTER, {"action": "send_code", "phone": phone, **CAPTCHA_OK})
    [code] = sent_codes(f"+86{phone}")

    response = client.post(REGISTER, registration(phone, KNOWN_ID, code))
    assert "该身份证号码已注册" in response.content.decode()

    again = client.post(REGISTER, registration(phone, UNKNOWN_ID, code))
    assert "验证码错误或已过期" in again.content.decode()  # one probe per SMS code


# --- Sessions -----------------------------------------------------------------------------


def test_login_replaces_a_session_key_planted_before_it(client, applicant):
    planted = SessionStore()
    planted["note"] = "set by someone else"
    planted.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key

    log_in(client)

    assert client.session.session_key != planted.session_key
    assert not SessionStore().exists(planted.session_key)


def test_logout_ends_the_session_on_the_server(client, applicant):
    log_in(client)
    old_key = client.session.session_key

    client.post("/accounts/logout/")

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get("/applicant/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not SessionStore().exists(old_key)


@pytest.mark.parametrize(
    ("logout", "home", "make_user"),
    [
        ("/admin/logout/", "/admin/", lambda: StaffFactory(is_superuser=True)),
        ("/accounts/logout/", "/applicant/", UserFactory),
    ],
)
def test_a_get_to_logout_changes_nothing(client, logout, home, make_user):
    """A link or an image on another site may send a GET: it must not log anyone out."""
    client.force_login(make_user())
    key = client.session.session_key

    response = client.get(logout)

    assert response.status_code == 405
    # The session may be saved again (its idle timer), never cleared, replaced or expired.
    if settings.SESSION_COOKIE_NAME in response.cookies:
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie.value == key
        assert cookie["max-age"] in ("", None) or int(cookie["max-age"]) > 0
        assert "1970" not in cookie["expires"]
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == key
    assert SessionStore().exists(key)
    assert client.get(home).status_code == 200


def test_a_post_to_the_admin_logout_ends_the_session(client):
    client.force_login(StaffFactory(is_superuser=True))
    key = client.session.session_key

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert not SessionStore().exists(key)
    assert client.get("/admin/").status_code == 302


def logged_in_client(account=KNOWN_PHONE, password=DEFAULT_PASSWORD) -> Client:
    client = Client()
    assert log_in(client, account=account, password=password).status_code == 302
    assert client.get("/applicant/").status_code == 200
    return client


def test_password_reset_by_sms_ends_the_other_sessions(applicant):
    other_device = logged_in_client()
    client = Client()
    client.post("/accounts/password/reset/", {"phone": KNOWN_PHONE, **CAPTCHA_OK})
    [code] = sent_codes(f"+86{KNOWN_PHONE}")
    client.post("/accounts/password/reset/verify/", {"sms_code": code})
    response = client.post(
        "/accounts/password/reset/new/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == LOGIN

    assert other_device.get("/applicant/")["Location"].startswith(LOGIN)
    assert logged_in_client(password=NEW_PASSWORD).get("/applicant/").status_code == 200


def test_password_change_keeps_the_current_session_only(applicant):
    current, other_device = logged_in_client(), logged_in_client(account=KNOWN_ID)

    response = current.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert current.get("/applicant/").status_code == 200
    assert other_device.get("/applicant/")["Location"].startswith(LOGIN)
