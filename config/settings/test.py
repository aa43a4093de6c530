"""Test settings: the database comes from TEST_DATABASE_URL (SQLite by default)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DATABASES = {"default": env.db("TEST_DATABASE_URL", default="sqlite:///:memory:")}
CACHES = {"default": env.cache("TEST_CACHE_URL", default="locmemcache://tests")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Each pytest-xdist worker gets its own two Redis databases (pages; sessions and counters),
    # since tests clear the caches.
    _worker = int(env("PYTEST_XDIST_WORKER", default="gw0").removeprefix("gw") or 0)
    _server = CACHES["default"]["LOCATION"].rstrip("/").rsplit("/", 1)[0]
    CACHES["default"]["LOCATION"] = f"{_server}/{10 + 2 * _worker}"
    CACHES["sessions"] = {**CACHES["default"], "LOCATION": f"{_server}/{11 + 2 * _worker}"}
else:
    CACHES["sessions"] = env.cache("TEST_SESSION_CACHE_URL", default="locmemcache://test-sessions")
CACHES["throttle"] = dict(CACHES["sessions"])
SESSION_ENGINE = env("TEST_SESSION_ENGINE", default="django.contrib.sessions.backends.db")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; production uses Argon2
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Tests never reach a real bucket, whatever the environment says; the S3 tests point the private
# storage at a local moto server themselves (declarations/tests/test_storage_s3.py).
STORAGES["private"] = {"BACKEND": "declarations.storage.PrivateFileSystemStorage"}  # noqa: F405
SMS_BACKEND = "accounts.sms.backends.locmem.InMemoryBackend"
# django-simple-captcha reads this at import time; the suite answers PASSED (wrong answers still fail).
CAPTCHA_TEST_MODE = env.bool("CAPTCHA_TEST_MODE", default=True)

_tmp = Path(tempfile.mkdtemp(prefix="jc-tests-"))
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
STATIC_ROOT = _tmp / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The library logs an error whenever test mode is on; here it is on by design.
LOGGING["loggers"]["captcha.conf.settings"] = {"level": "CRITICAL"}  # noqa: F405

# Most admin tests log staff in directly; the second-factor tests switch this on themselves.
ADMIN_REQUIRE_OTP = False
