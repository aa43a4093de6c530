"""Staff reach the Wagtail admin only after an authenticator code (TOTP)."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _require_otp(settings):
    settings.ADMIN_REQUIRE_OTP = True


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def reviewer(client):
    user = StaffFactory(group="审核人")
    assert client.login(username=user.username, password=DEFAULT_PASSWORD)
    return user


def test_staff_without_second_factor_are_sent_to_it(client, reviewer):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?next=/admin/")


def test_first_visit_sets_up_an_authenticator_with_a_qr_code(client, reviewer):
    response = client.get("/accounts/two-factor/?next=/admin/")
    body = response.content.decode()
    assert "设置动态口令" in body
    assert 'src="data:image/svg+xml' in body
    device = TOTPDevice.objects.get(user=reviewer)
    assert not device.confirmed


def test_enrolment_with_the_right_code_confirms_the_device_and_opens_the_admin(client, reviewer):
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=reviewer)
    response = client.post("/accounts/two-factor/", {"token": current_code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(user=reviewer, action="second_factor", outcome="success").exists()


def test_wrong_code_is_refused_in_chinese_and_the_admin_stays_closed(client, reviewer):
    device = TOTPDevice.objects.create(user=reviewer, name="x", confirmed=True)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/two-factor/", {"token": wrong})
    assert response.status_code == 200
    assert "动态口令不正确或已过期" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    assert AuditEvent.objects.filter(user=reviewer, action="second_factor", outcome="failure").exists()


def test_malformed_code_gets_a_field_error(client, reviewer):
    response = client.post("/accounts/two-factor/", {"token": "abc"})
    assert "请输入身份验证器显示的 6 位数字" in response.content.decode()


def test_verification_lasts_for_the_session_only(client, reviewer):
    device = TOTPDevice.objects.create(user=reviewer, name="x", confirmed=True)
    client.post("/accounts/two-factor/", {"token": current_code(device)})
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert client.login(username=reviewer.username, password=DEFAULT_PASSWORD)
    assert client.get("/admin/").status_code == 302


def test_offsite_next_is_ignored(client, reviewer):
    device = TOTPDevice.objects.create(user=reviewer, name="x", confirmed=True)
    response = client.post("/accounts/two-factor/", {"token": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_admin_login_page_stays_reachable(client):
    assert client.get("/admin/login/").status_code == 200


def test_applicants_have_no_second_factor_page(client):
    applicant = UserFactory()
    client.force_login(applicant)
    assert client.get("/accounts/two-factor/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/accounts/two-factor/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_demo_staff_get_a_reproducible_device_and_demo_totp_prints_its_code(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    device = TOTPDevice.objects.get(user__username="demo_reviewer")
    capsys.readouterr()
    call_command("demo_totp", "demo_reviewer")
    assert capsys.readouterr().out.strip() == current_code(device)
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_totp", "demo_reviewer")
