"""Row 4 of the security matrix: production hashes passwords with Argon2id at OWASP's parameters,
and older hashes are replaced at the next login. (`check --deploy --fail-level WARNING` being
clean is tests/test_settings.py.)"""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher, make_password

from accounts.tests.conftest import CAPTCHA_OK
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from config.settings import base
from tests.test_settings import PRODUCTION_SECRETS, _manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    **PRODUCTION_SECRETS,
    "ALLOWED_HOSTS": "zhicheng.example.gov.cn",
}
OWASP_PARAMETERS = "$v=19$m=19456,t=2,p=1$"


def test_production_hashes_new_passwords_with_argon2id_at_owasp_parameters():
    script = (
        "from django.conf import settings; from django.contrib.auth.hashers import make_password; "
        "print(settings.PASSWORD_HASHERS[0]); print(make_password('Ceshi#2026pass'))"
    )
    result = _manage("shell", "-c", script, env_extra=PRODUCTION)
    assert result.returncode == 0, result.stderr
    hasher, encoded = result.stdout.split()[-2:]
    assert hasher == "accounts.hashers.Argon2idPasswordHasher"
    assert encoded.startswith("argon2$argon2id" + OWASP_PARAMETERS)


def log_in(client, password=DEFAULT_PASSWORD):
    return client.post("/accounts/login/", {"account": "13800138000", "password": password, **CAPTCHA_OK})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old_hasher",
    [Argon2PasswordHasher(), PBKDF2PasswordHasher()],
    ids=["django-argon2-100MiB-p8", "pbkdf2"],
)
def test_an_older_hash_is_replaced_at_the_next_login(client, settings, old_hasher):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = UserFactory(phone="+8613800138000")
    user.password = make_password(DEFAULT_PASSWORD, hasher=old_hasher)
    user.save(update_fields=["password"])

    assert log_in(client)["Location"] == "/applicant/"

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id" + OWASP_PARAMETERS)
    assert user.check_password(DEFAULT_PASSWORD)
    client.logout()
    assert log_in(client)["Location"] == "/applicant/"  # the new hash logs in as well


@pytest.mark.django_db
def test_a_wrong_password_leaves_the_old_hash_alone(client, settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = UserFactory(phone="+8613800138000")
    old = make_password(DEFAULT_PASSWORD, hasher=Argon2PasswordHasher())
    user.password = old
    user.save(update_fields=["password"])

    assert log_in(client, password="Wrong#2026pass").status_code == 200

    user.refresh_from_db()
    assert user.password == old
