"""Sessions and login/SMS throttling counters live in their own cache aliases, apart from the
page cache, which anonymous traffic fills and which may evict at will."""

import json

import pytest
from django.conf import settings
from django.core.cache import caches

from accounts import throttle
from accounts.tests.conftest import CAPTCHA_OK
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.test_settings import PRODUCTION_SECRETS, _manage

pytestmark = pytest.mark.django_db


def test_sessions_and_throttle_counters_have_their_own_aliases():
    assert settings.SESSION_CACHE_ALIAS == "sessions"
    page_cache = settings.CACHES["default"]
    for alias in ("sessions", "throttle"):
        own = settings.CACHES[alias]
        assert (own["BACKEND"], own["LOCATION"]) != (page_cache["BACKEND"], page_cache["LOCATION"]), alias


def test_emptying_the_page_cache_neither_logs_anyone_out_nor_lifts_a_lockout(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    user = UserFactory(phone="+8613800138000")
    other = UserFactory(phone="+8613800138001")
    assert client.post("/accounts/login/", {"account": "13800138000", "password": DEFAULT_PASSWORD, **CAPTCHA_OK})[
        "Location"
    ] == ("/applicant/")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        throttle.record_failure("13800138001", ip=None)
    assert throttle.current_lock("13800138001", ip=None) is not None

    caches["default"].clear()  # what an allkeys-lru eviction of every page would do

    assert client.get("/applicant/").status_code == 200
    assert client.session["_auth_user_id"] == str(user.pk)
    assert caches["sessions"].get(f"django.contrib.sessions.cache{client.session.session_key}") is not None
    assert throttle.current_lock("13800138001", ip=None) is not None
    assert caches["throttle"].get(f"login-lock:user:{other.pk}") is not None
    assert caches["default"].get(f"login-lock:user:{other.pk}") is None


def test_production_keeps_sessions_and_counters_in_the_next_redis_database():
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({a: s.CACHES[a]['LOCATION'] for a in ('default', 'sessions', 'throttle')}))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", **PRODUCTION_SECRETS, "ALLOWED_HOSTS": "x"}
    result = _manage("shell", "-c", code, env_extra={**env, "CACHE_URL": "redis://redis.internal:6379/1"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "default": "redis://redis.internal:6379/1",
        "sessions": "redis://redis.internal:6379/2",
        "throttle": "redis://redis.internal:6379/2",
    }
