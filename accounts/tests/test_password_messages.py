"""The password rules speak under the new password and address the user with 您 (also Django's
own validators' help texts), on every page that sets a password."""

import pytest

from accounts.tests.conftest import sent_codes
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from accounts.tests.test_password_reset import KNOWN, SET_URL, VERIFY_URL, ask

pytestmark = pytest.mark.django_db

WEAK = "12345678"


def _reset_form(client):
    UserFactory(phone=KNOWN)
    ask(client)
    [code] = sent_codes(KNOWN)
    client.post(VERIFY_URL, {"sms_code": code})


def test_reset_puts_the_rules_under_the_new_password(client):
    _reset_form(client)

    response = client.post(SET_URL, {"new_password1": WEAK, "new_password2": WEAK})

    form = response.context["form"]
    assert "密码只包含数字。" in form.errors["new_password1"]
    assert "new_password2" not in form.errors


def test_change_puts_the_rules_under_the_new_password_and_a_mismatch_under_the_confirmation(client):
    user = UserFactory()
    client.force_login(user)

    weak = client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": WEAK, "new_password2": WEAK},
    )
    mismatch = client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": "Xinmima#2026", "new_password2": "Xinmima#2027"},
    )

    assert "new_password2" not in weak.context["form"].errors
    assert "密码只包含数字。" in weak.context["form"].errors["new_password1"]
    assert mismatch.context["form"].errors["new_password2"] == ["输入的两个密码不一致。"]
    assert "new_password1" not in mismatch.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)


@pytest.mark.parametrize("url", ["/accounts/register/", "/accounts/password/change/", SET_URL])
def test_password_pages_say_您_never_你(client, url):
    if url == SET_URL:
        _reset_form(client)
    else:
        client.force_login(UserFactory()) if "change" in url else None

    page = client.get(url).content.decode()

    assert "密码" in page
    assert "你" not in page
