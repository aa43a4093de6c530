import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import AuditEvent, VerificationCode
from accounts.tests.conftest import CAPTCHA_OK, sent_codes
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

START_URL = "/accounts/password/reset/"
VERIFY_URL = "/accounts/password/reset/verify/"
SET_URL = "/accounts/password/reset/new/"
KNOWN = "+8613800138000"
UNKNOWN = "+8613900139000"
NEW_PASSWORD = "Xinmima#2026"
User = get_user_model()


@pytest.fixture
def applicant():
    return UserFactory(phone=KNOWN)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def ask(client, phone=KNOWN, ip="10.0.0.1"):
    return client.post(START_URL, {"phone": phone[3:], **CAPTCHA_OK}, REMOTE_ADDR=ip)


def normalized(html: str) -> str:
    """A page without the parts that differ on every render (CSRF token, captcha key)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r"[0-9a-f]{40}", "KEY", html)


def test_full_reset_sets_the_new_password_and_is_audited(client, applicant):
    response = ask(client)
    assert response["Location"] == VERIFY_URL
    [code] = sent_codes(KNOWN)

    response = client.post(VERIFY_URL, {"sms_code": code})
    assert response["Location"] == SET_URL
    response = client.post(SET_URL, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response["Location"] == "/accounts/login/"
    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="password_reset", outcome="success", user=applicant).exists()
    assert AuditEvent.objects.filter(action="password_reset_request", user=applicant).exists()


def test_code_is_stored_only_as_a_hash(client, applicant):
    ask(client)
    [code] = sent_codes(KNOWN)

    row = VerificationCode.objects.get()
    assert code not in row.code_hash
    assert len(row.code_hash) == 64


def test_known_and_unknown_phones_get_the_same_answer(client, applicant):
    known = ask(client, KNOWN)
    known_page = client.get(VERIFY_URL).content.decode()
    client.session.flush()
    unknown = ask(client, UNKNOWN)
    unknown_page = client.get(VERIFY_URL).content.decode()

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert normalized(known_page).replace("138****8000", "PHONE") == normalized(unknown_page).replace(
        "139****9000", "PHONE"
    )
    assert len(sent_codes(KNOWN)) == 1
    assert sent_codes(UNKNOWN) == []


def test_unknown_phone_meets_the_same_resend_limit(client, applicant):
    other_client = Client()
    ask(client, KNOWN)
    ask(other_client, UNKNOWN)
    client.get(VERIFY_URL)  # shows (and so empties) the pending message
    other_client.get(VERIFY_URL)

    known = ask(client, KNOWN).content.decode().replace(KNOWN[3:], "PHONE")
    unknown = ask(other_client, UNKNOWN).content.decode().replace(UNKNOWN[3:], "PHONE")

    assert re.sub(r"\d+ 秒", "N 秒", normalized(known)) == re.sub(r"\d+ 秒", "N 秒", normalized(unknown))
    assert "秒后再重新获取验证码" in known


def test_unknown_phone_can_never_pass_the_code_step(client):
    ask(client, UNKNOWN)
    row = VerificationCode.objects.get()

    response = client.post(VERIFY_URL, {"sms_code": "123456"})

    assert "验证码错误" in " ".join(response.context["form"].errors["sms_code"])
    assert row.user is None


def test_wrong_captcha_sends_nothing(client, applicant):
    response = client.post(START_URL, {"phone": "13800138000", "captcha_0": "x", "captcha_1": "nope"})

    assert "图形验证码错误" in " ".join(response.context["form"].errors["captcha"])
    assert not VerificationCode.objects.exists()


def test_code_expires_after_five_minutes(client, applicant, time_machine):
    time_machine.move_to("2026-11-25 10:00:00+08:00", tick=False)
    ask(client)
    [code] = sent_codes(KNOWN)

    time_machine.move_to("2026-11-25 10:05:01+08:00", tick=False)
    response = client.post(VERIFY_URL, {"sms_code": code})

    assert "验证码错误或已过期" in response.content.decode()


def test_code_dies_after_five_wrong_tries(client, applicant):
    ask(client)
    [code] = sent_codes(KNOWN)
    for left in (4, 3, 2, 1):
        response = client.post(VERIFY_URL, {"sms_code": wrong(code)})
        assert f"还可以再试 {left} 次" in response.content.decode()
    client.post(VERIFY_URL, {"sms_code": wrong(code)})

    response = client.post(VERIFY_URL, {"sms_code": code})

    assert "验证码输入错误次数过多，已失效" in response.content.decode()
    assert SET_URL not in response.get("Location", "")


def test_resend_allowed_after_sixty_seconds_and_old_code_is_superseded(client, applicant, time_machine):
    time_machine.move_to("2026-11-25 10:00:00+08:00", tick=False)
    ask(client)
    time_machine.move_to("2026-11-25 10:00:30+08:00", tick=False)
    assert "请 31 秒后再重新获取验证码" in ask(client).content.decode()

    time_machine.move_to("2026-11-25 10:01:01+08:00", tick=False)
    assert ask(client).status_code == 302
    first, second = sent_codes(KNOWN)
    if first != second:
        assert "验证码错误" in client.post(VERIFY_URL, {"sms_code": first}).content.decode()
    assert client.post(VERIFY_URL, {"sms_code": second})["Location"] == SET_URL


def test_at_most_ten_codes_a_day_per_phone(client, applicant, time_machine):
    for minute in range(10):
        time_machine.move_to(f"2026-11-25 10:{minute * 2:02d}:00+08:00", tick=False)
        assert ask(client, ip=f"10.0.1.{minute}").status_code == 302

    time_machine.move_to("2026-11-25 23:59:00+08:00", tick=False)
    assert "今天获取验证码的次数已达上限" in ask(client, ip="10.0.2.1").content.decode()

    time_machine.move_to("2026-11-26 00:00:30+08:00", tick=False)
    assert ask(client, ip="10.0.2.1").status_code == 302
    assert len(sent_codes(KNOWN)) == 11


def test_codes_per_ip_are_bounded(client, settings, time_machine):
    settings.SMS_CODE_HOURLY_LIMIT_PER_IP = 3
    time_machine.move_to("2026-11-25 10:00:00+08:00", tick=False)
    for n in range(3):
        assert ask(client, phone=f"+86139001390{n:02d}").status_code == 302

    response = ask(client, phone="+8613900139099")

    assert "获取验证码过于频繁" in response.content.decode()
    assert AuditEvent.objects.filter(action="sms_code_request", outcome="refused").exists()


def test_verify_and_set_steps_need_the_earlier_steps(client, applicant):
    assert client.get(VERIFY_URL)["Location"] == START_URL
    assert client.get(SET_URL)["Location"] == START_URL


def test_new_password_step_expires(client, applicant, time_machine):
    time_machine.move_to("2026-11-25 10:00:00+08:00", tick=True)
    ask(client)
    [code] = sent_codes(KNOWN)
    client.post(VERIFY_URL, {"sms_code": code})

    time_machine.move_to("2026-11-25 10:06:00+08:00", tick=True)
    response = client.post(SET_URL, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response["Location"] == START_URL
    applicant.refresh_from_db()
    assert applicant.check_password(DEFAULT_PASSWORD)


def test_weak_new_password_is_refused(client, applicant):
    ask(client)
    [code] = sent_codes(KNOWN)
    client.post(VERIFY_URL, {"sms_code": code})

    response = client.post(SET_URL, {"new_password1": "12345678", "new_password2": "12345678"})

    assert response.status_code == 200
    assert "密码只包含数字" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.check_password(DEFAULT_PASSWORD)


def test_logged_in_user_changes_password(client, applicant):
    client.force_login(applicant)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(applicant.pk)  # still logged in
    assert AuditEvent.objects.filter(action="password_change", user=applicant).exists()


def test_password_change_with_wrong_old_password_is_refused(client, applicant):
    client.force_login(applicant)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    applicant.refresh_from_db()
    assert applicant.check_password(DEFAULT_PASSWORD)


CHANGE_URL = "/accounts/password/change/"


def change_password(client, old_password, ip="10.0.0.1"):
    data = {"old_password": old_password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    return client.post(CHANGE_URL, data, REMOTE_ADDR=ip)


def old_password_errors(response) -> str:
    return " ".join(response.context["form"].errors.get("old_password", []))


def test_wrong_old_password_is_audited_as_a_failed_password_change(client, applicant):
    client.force_login(applicant)

    change_password(client, "not-it")

    event = AuditEvent.objects.get(action="password_change_failed")
    assert (event.user, event.outcome, event.ip) == (applicant, "failure", "10.0.0.1")
    assert not AuditEvent.objects.filter(action="password_change").exists()


def test_five_wrong_old_passwords_lock_the_password_change(client, applicant, time_machine):
    time_machine.move_to("2026-11-25 09:00:00+08:00", tick=False)
    client.force_login(applicant)
    for _ in range(4):
        assert "已被锁定" not in old_password_errors(change_password(client, "not-it"))

    fifth = change_password(client, "not-it")
    refused = change_password(client, DEFAULT_PASSWORD)  # the right old password no longer helps

    assert "原密码连续输入错误次数过多，账号已被锁定 15 分钟，请于 09:15 之后再修改密码" in old_password_errors(fifth)
    assert refused.status_code == 200
    assert "已被锁定" in old_password_errors(refused)
    applicant.refresh_from_db()
    assert applicant.check_password(DEFAULT_PASSWORD)
    assert AuditEvent.objects.filter(action="password_change_failed", outcome="failure").count() == 5
    assert AuditEvent.objects.filter(action="password_change_failed", outcome="refused").count() == 1
    assert AuditEvent.objects.filter(action="lockout", user=applicant).count() == 1


def test_password_change_failures_lock_the_login_too(client, applicant, time_machine):
    time_machine.move_to("2026-11-25 09:00:00+08:00", tick=False)
    client.force_login(applicant)
    for _ in range(5):
        change_password(client, "not-it")

    response = Client().post(
        "/accounts/login/", {"account": "13800138000", "password": DEFAULT_PASSWORD, **CAPTCHA_OK}
    )

    assert "已被锁定" in " ".join(response.context["form"].non_field_errors())


def test_password_change_unlocks_after_fifteen_minutes(client, applicant, time_machine):
    time_machine.move_to("2026-11-25 09:00:00+08:00", tick=False)
    client.force_login(applicant)
    for _ in range(5):
        change_password(client, "not-it")

    time_machine.move_to("2026-11-25 09:15:01+08:00", tick=False)
    assert change_password(client, DEFAULT_PASSWORD).status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD)


def test_password_change_needs_login(client):
    assert client.get("/accounts/password/change/")["Location"].startswith("/accounts/login/")
