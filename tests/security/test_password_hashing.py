"""Row 4 of the security matrix: production hashes passwords with Argon2. (`check --deploy
--fail-level WARNING` being clean is tests/test_settings.py.)"""

from tests.test_settings import PRODUCTION_SECRETS, _manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    **PRODUCTION_SECRETS,
    "ALLOWED_HOSTS": "zhicheng.example.gov.cn",
}


def test_production_hashes_new_passwords_with_argon2():
    script = (
        "from django.conf import settings; from django.contrib.auth.hashers import make_password; "
        "print(settings.PASSWORD_HASHERS[0]); print(make_password('Ceshi#2026pass').split('$')[0])"
    )
    result = _manage("shell", "-c", script, env_extra=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["django.contrib.auth.hashers.Argon2PasswordHasher", "argon2"]
