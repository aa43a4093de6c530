import pytest
from django.contrib.auth import authenticate

from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return UserFactory(phone="+8613800138000", id_number="11010519491231002X")


@pytest.mark.parametrize("account", ["13800138000", "+8613800138000", "138 0013 8000"])
def test_login_by_phone(applicant, account):
    assert authenticate(username=account, password=DEFAULT_PASSWORD) == applicant


@pytest.mark.parametrize("account", ["11010519491231002X", "11010519491231002x"])
def test_login_by_id_number(applicant, account):
    assert authenticate(username=account, password=DEFAULT_PASSWORD) == applicant


def test_wrong_password_is_refused(applicant):
    assert authenticate(username="13800138000", password="wrong-password") is None


def test_unknown_account_is_refused():
    assert authenticate(username="13900000000", password=DEFAULT_PASSWORD) is None


def test_inactive_user_is_refused(applicant):
    applicant.is_active = False
    applicant.save()
    assert authenticate(username="13800138000", password=DEFAULT_PASSWORD) is None


def test_staff_log_in_by_username():
    staff = StaffFactory(username="reviewer1")
    assert authenticate(username="reviewer1", password=DEFAULT_PASSWORD) == staff


def test_login_through_the_login_page(client, applicant):
    response = client.post(
        "/accounts/login/",
        {"account": "11010519491231002X", "password": DEFAULT_PASSWORD, "captcha_0": "x", "captcha_1": "PASSED"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(applicant.pk)
