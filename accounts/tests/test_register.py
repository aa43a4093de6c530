import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client

from accounts import services
from accounts.forms import RegistrationForm
from accounts.models import AuditEvent, VerificationCode
from accounts.tests.conftest import CAPTCHA_OK, sent_codes
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/register/"
PHONE = "13912345678"
E164 = "+8613912345678"
ID_NUMBER = "11010519491231002X"
User = get_user_model()


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def send_code(client, phone=PHONE, **extra):
    return client.post(URL, {"action": "send_code", "phone": phone, **CAPTCHA_OK, **extra})


def registration(code, **overrides):
    data = {
        "action": "register",
        "real_name": "王建设",
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "sms_code": code,
        "password1": "Gongcheng#2026",
        "password2": "Gongcheng#2026",
        "employer": "太原市建筑设计研究院",
    }
    return data | overrides


def register(client, **overrides):
    send_code(client)
    [code] = sent_codes(E164)
    return client.post(URL, registration(code, **overrides))


def test_register_page_shows_every_field_in_chinese(client):
    body = client.get(URL).content.decode()
    for label in ("真实姓名", "身份证号码", "手机号码", "图形验证码", "发送验证码", "短信验证码", "密码", "工作单位"):
        assert label in body


def test_send_code_without_javascript_keeps_what_was_typed(client):
    response = send_code(client, real_name="王建设", id_number=ID_NUMBER, employer="太原市建筑设计研究院")

    body = response.content.decode()
    assert response.status_code == 200
    assert "验证码短信正在发往 139****5678" in body and "收到后请填写下方的“短信验证码”" in body
    assert 'value="王建设"' in body
    assert f'value="{ID_NUMBER}"' in body
    assert 'value="太原市建筑设计研究院"' in body
    assert len(sent_codes(E164)) == 1


def test_send_code_with_wrong_captcha_sends_nothing(client):
    response = client.post(URL, {"action": "send_code", "phone": PHONE, "captcha_0": "x", "captcha_1": "WRONG"})

    assert "图形验证码错误" in response.content.decode()
    assert not VerificationCode.objects.exists()
    assert sent_codes(E164) == []


SENT = (
    "验证码短信正在发往 139****5678，5 分钟内有效。收到后请填写下方的“短信验证码”，再设置密码完成注册。"
    "若该号码已注册过，不会收到短信，请直接登录或找回密码。"
)


def test_send_code_says_what_to_do_next_alike_for_a_new_and_a_registered_phone(client):
    assert SENT in send_code(client).content.decode()
    assert len(sent_codes(E164)) == 1
    UserFactory(phone="+8613912345679")

    response = send_code(Client(), phone="13912345679")

    assert SENT.replace("5678", "5679") in response.content.decode()
    assert "该手机号码已注册" not in response.content.decode()
    assert sent_codes("+8613912345679") == []


def test_send_code_to_invalid_phone_is_refused(client):
    response = send_code(client, phone="1234")

    assert "请输入正确的 11 位手机号码" in response.content.decode()
    assert not VerificationCode.objects.exists()


def test_resend_within_a_minute_is_refused(client):
    send_code(client)

    response = send_code(client)

    assert re.search(r"请 \d+ 秒后再重新获取验证码", response.content.decode())
    assert VerificationCode.objects.count() == 1


def test_registration_creates_applicant_and_returns_home_logged_out(client):
    response = register(client)

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(phone=E164)
    assert user.real_name == "王建设"
    assert user.id_number == ID_NUMBER
    assert user.employer == "太原市建筑设计研究院"
    assert user.check_password("Gongcheng#2026")
    assert user.is_applicant
    assert "_auth_user_id" not in client.session
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["注册成功！请使用手机号码或身份证号码登录。"]
    assert AuditEvent.objects.filter(action="register", outcome="success", user=user).exists()


def test_registration_with_wrong_code_is_refused(client):
    send_code(client)
    [code] = sent_codes(E164)

    response = client.post(URL, registration(wrong(code)))

    assert response.status_code == 200
    assert "验证码错误" in response.content.decode()
    assert not User.objects.filter(phone=E164).exists()


def test_registration_code_cannot_be_reused(client):
    send_code(client)
    [code] = sent_codes(E164)
    client.post(URL, registration(code))

    response = client.post(URL, registration(code, phone="13912345679", id_number="110105194912310021"))

    assert response.status_code == 200
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("real_name", "", "请填写真实姓名。"),
        ("id_number", "", "请填写身份证号码。"),
        ("id_number", "11010519491231", "身份证号码应为 18 位。"),
        ("id_number", "110105194912310021", "校验"),
        ("phone", "", "请填写手机号码。"),
        ("phone", "1234", "请输入正确的 11 位手机号码。"),
        ("sms_code", "", "请输入短信验证码。"),
        ("sms_code", "12ab", "短信验证码为 6 位数字。"),
        ("employer", "", "请填写工作单位。"),
        ("password2", "Different#2026", "输入的两个密码不一致"),
    ],
)
def test_each_invalid_field_is_reported_beside_it(client, field, value, message):
    response = client.post(URL, registration("123456", **{field: value}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert message in " ".join(response.context["form"].errors.get(field, []))
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [("Ab#1", "密码太短，至少需要 8 个字符"), ("12345678901", "密码只包含数字"), ("password123", "这个密码太常见了")],
)
def test_weak_passwords_are_refused_by_djangos_validators(client, password, message):
    response = client.post(URL, registration("123456", password1=password, password2=password))

    assert message in response.content.decode()
    assert not User.objects.exists()


def test_duplicate_phone_is_refused_with_a_clear_message(client):
    send_code(client)
    [code] = sent_codes(E164)
    UserFactory(phone=E164)  # registered meanwhile by someone else

    response = client.post(URL, registration(code))

    assert "该手机号码已注册" in " ".join(response.context["form"].errors["phone"])
    assert User.objects.filter(phone=E164).count() == 1


def test_duplicate_id_number_is_refused_with_a_clear_message(client):
    UserFactory(id_number=ID_NUMBER)

    response = register(client)

    assert "该身份证号码已注册" in " ".join(response.context["form"].errors["id_number"])
    assert not User.objects.filter(phone=E164).exists()


def test_expired_code_is_refused(client, time_machine):
    time_machine.move_to("2026-11-25 10:00:00+08:00", tick=False)
    send_code(client)
    [code] = sent_codes(E164)

    time_machine.move_to("2026-11-25 10:05:01+08:00", tick=False)
    response = client.post(URL, registration(code))

    assert "验证码错误或已过期" in response.content.decode()
    assert not User.objects.filter(phone=E164).exists()


def test_phone_taken_between_validation_and_saving_gives_a_form_error(client, rf):
    send_code(client)
    [code] = sent_codes(E164)
    form = RegistrationForm(registration(code))
    assert form.is_valid()
    UserFactory(phone=E164)

    assert services.register_applicant(form, rf.post(URL)) is None
    assert "该手机号码已注册" in " ".join(form.errors["phone"])
    assert User.objects.filter(phone=E164).count() == 1
