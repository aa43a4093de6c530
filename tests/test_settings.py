import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def test_locale_and_time_zone():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


PRODUCTION_SECRETS = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "FIELD_ENCRYPTION_KEYS": "tL2pr0Ck6eB4Sx9tC4wqT3Dk7R8fJmXo7t1bXyUeW6A=",
    "ID_NUMBER_HASH_KEY": "a-long-random-hash-key-" + "y" * 40,
}


def _manage(*args, env_extra):
    # A clean environment: no DJANGO_* variables (the browser tests set one) and no secret.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in PRODUCTION_SECRETS}
    env.update(env_extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_refuse_to_start_without_a_secret():
    result = _manage("check", env_extra={"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "x"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            **PRODUCTION_SECRETS,
            "ALLOWED_HOSTS": "zhicheng.example.gov.cn",
        },
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", ["FIELD_ENCRYPTION_KEYS", "ID_NUMBER_HASH_KEY"])
def test_production_settings_refuse_to_start_without_the_id_number_keys(missing):
    secrets = {k: v for k, v in PRODUCTION_SECRETS.items() if k != missing}
    result = _manage(
        "check",
        env_extra={"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "x", **secrets},
    )
    assert result.returncode != 0
    assert missing in result.stderr


def test_site_name_comes_from_the_environment_and_names_the_admin_and_the_authenticator():
    code = "from django.conf import settings as s; print(s.SITE_NAME, s.WAGTAIL_SITE_NAME, s.OTP_TOTP_ISSUER)"
    result = _manage(
        "shell", "-c", code, env_extra={"DJANGO_SETTINGS_MODULE": "config.settings.test", "SITE_NAME": "某省职称系统"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["某省职称系统"] * 3


@pytest.mark.skipif(not Path(settings.PDF_FONT_PATH).exists(), reason="needs the CJK font")
def test_embedding_the_cjk_font_logs_no_info_lines(caplog):
    # fpdf2 subsets the font through fontTools, which logs every table at INFO: on the start
    # script's console that was a flood of lines with each PDF.
    import logging

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=settings.PDF_FONT_PATH, collection_font_number=settings.PDF_FONT_INDEX)
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    with caplog.at_level(logging.INFO):
        pdf.cell(text="建设工程专业技术职称申报表")
        pdf.output()

    assert [record for record in caplog.records if record.name.startswith("fontTools")] == []


def test_production_keeps_database_connections_and_sessions_are_not_saved_on_every_request():
    script = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], settings.SESSION_SAVE_EVERY_REQUEST)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", **PRODUCTION_SECRETS, "ALLOWED_HOSTS": "x"}
    result = _manage("shell", "-c", script, env_extra=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["60", "True", "False"]
