import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEvent
from accounts.tests.conftest import CAPTCHA_OK
from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/login/"
START = "2026-11-25 09:00:00+08:00"


@pytest.fixture
def applicant():
    return UserFactory(phone="+8613800138000", id_number="11010519491231002X")


def log_in(client, account="13800138000", password=DEFAULT_PASSWORD, ip="10.0.0.1", **extra):
    data = {"account": account, "password": password, **CAPTCHA_OK, **extra}
    return client.post(URL, data, REMOTE_ADDR=ip)


def errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


@pytest.mark.parametrize("account", ["13800138000", "11010519491231002X"])
def test_applicant_logs_in_by_phone_or_id_number_and_goes_to_applicant_area(client, applicant, account):
    response = log_in(client, account=account)

    assert response.status_code == 302
    assert response["Location"] == "/applicant/"
    assert client.session["_auth_user_id"] == str(applicant.pk)


def test_staff_is_sent_to_the_admin(client):
    StaffFactory(username="reviewer1", group="审核人")

    response = log_in(client, account="reviewer1")

    assert response["Location"] == "/admin/"


def test_safe_next_is_followed_and_foreign_next_ignored(client, applicant):
    assert log_in(client, next="/search/?q=1")["Location"] == "/search/?q=1"
    client.logout()
    assert log_in(client, next="https://evil.example.com/")["Location"] == "/applicant/"


def test_wrong_captcha_is_refused_without_trying_the_password(client, applicant):
    response = log_in(client, captcha_0="x", captcha_1="WRONG")

    assert response.status_code == 200
    assert "图形验证码错误" in " ".join(response.context["form"].errors["captcha"])
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action="login_failed").exists()


def test_missing_fields_are_reported_beside_them(client):
    response = client.post(URL, {})

    form_errors = response.context["form"].errors
    assert form_errors["account"] == ["请输入手机号码或身份证号码。"]
    assert form_errors["password"] == ["请输入密码。"]
    assert form_errors["captcha"] == ["请输入图形验证码。"]


def test_wrong_password_is_refused_and_audited(client, applicant):
    response = log_in(client, password="wrong-password")

    assert response.status_code == 200
    assert "账号或密码错误" in errors(response)
    event = AuditEvent.objects.get(action="login_failed")
    assert (event.user, event.ip, event.account, event.outcome) == (applicant, "10.0.0.1", "138****8000", "failure")


def test_successful_login_is_audited(client, applicant):
    log_in(client)

    event = AuditEvent.objects.get(action="login")
    assert (event.user, event.ip, event.outcome) == (applicant, "10.0.0.1", "success")


def test_five_failures_lock_the_account_for_fifteen_minutes(client, applicant, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(5):
        log_in(client, password="wrong-password")

    response = log_in(client)  # the right password no longer helps

    assert "已被锁定 15 分钟，请于 09:15 之后再试" in errors(response)
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="lockout", user=applicant).count() == 1


def test_lock_counts_phone_and_id_number_together(client, applicant, time_machine):
    time_machine.move_to(START, tick=False)
    for account in ["13800138000", "11010519491231002X"] * 2 + ["13800138000"]:
        log_in(client, account=account, password="wrong-password")

    assert "已被锁定" in errors(log_in(client, account="11010519491231002X"))


def test_account_unlocks_after_fifteen_minutes(client, applicant, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(5):
        log_in(client, password="wrong-password")

    time_machine.move_to("2026-11-25 09:14:59+08:00", tick=False)
    assert "已被锁定" in errors(log_in(client))

    time_machine.move_to("2026-11-25 09:15:01+08:00", tick=False)
    response = log_in(client)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(applicant.pk)


def test_successful_login_resets_the_failure_count(client, applicant, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(4):
        log_in(client, password="wrong-password")
    log_in(client)
    client.logout()

    for _ in range(4):
        log_in(client, password="wrong-password")
    assert log_in(client).status_code == 302


def test_lock_also_applies_to_the_admin_login(client, applicant, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(5):
        log_in(client, password="wrong-password")

    assert authenticate(None, username="13800138000", password=DEFAULT_PASSWORD) is None
    assert AuditEvent.objects.filter(action="login_failed", outcome="refused").exists()


def test_one_ip_is_throttled_across_accounts(client, settings, time_machine):
    settings.LOGIN_IP_FAILURE_LIMIT = 6
    time_machine.move_to(START, tick=False)
    users = [UserFactory() for _ in range(3)]
    for user in users:
        log_in(client, account=str(user.phone), password="wrong-password")
        log_in(client, account=str(user.phone), password="wrong-password")

    response = log_in(client, account=str(users[0].phone))

    assert "该网络地址登录失败次数过多，已暂停登录 15 分钟，请于 09:15 之后再试" in errors(response)
    other_ip = log_in(client, account=str(users[0].phone), ip="10.0.0.2")
    assert other_ip.status_code == 302


def test_unknown_accounts_are_locked_like_known_ones(client, time_machine):
    time_machine.move_to(START, tick=False)
    for _ in range(5):
        log_in(client, account="13999999999", password="wrong-password")

    assert "已被锁定" in errors(log_in(client, account="13999999999"))


def test_logout_is_post_only_and_audited(client, applicant):
    log_in(client)

    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="logout", user=applicant).exists()


def test_session_ends_after_thirty_idle_minutes(client, applicant, time_machine, settings):
    # Database sessions keep their expiry date in the row, which follows the (travelled) clock;
    # a cache session store (Redis) expires the key itself after SESSION_COOKIE_AGE real seconds.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    time_machine.move_to(START, tick=True)
    log_in(client)
    time_machine.shift(dt.timedelta(minutes=29))
    assert client.get("/accounts/password/change/").status_code == 200  # activity renews the session
    time_machine.shift(dt.timedelta(minutes=29))
    assert client.get("/accounts/password/change/").status_code == 200

    time_machine.shift(dt.timedelta(minutes=31))
    response = client.get("/accounts/password/change/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _session_writes(client, path="/accounts/password/change/") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


def test_a_session_in_use_is_stored_at_most_once_a_minute(client, applicant, time_machine, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    time_machine.move_to(START, tick=False)
    log_in(client)  # the login stores the session with its activity time
    expiry = Session.objects.get().expire_date
    assert _session_writes(client) == []

    for _ in range(5):
        time_machine.shift(dt.timedelta(seconds=10))
        assert _session_writes(client) == []
    assert Session.objects.get().expire_date == expiry

    time_machine.shift(dt.timedelta(seconds=15))  # 65 s after the last write
    assert len(_session_writes(client)) == 1
    assert Session.objects.get().expire_date == expiry + dt.timedelta(seconds=65)


def test_an_anonymous_visit_creates_no_session(client):
    client.get("/accounts/login/")
    client.get("/search/?q=评审")

    assert not Session.objects.exists()
