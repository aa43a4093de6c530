"""Production: real secret required, HTTPS only, PostgreSQL and Redis expected."""

from .base import *  # noqa: F403
from .base import env, next_redis_database

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without a real secret
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# No defaults: the ID-number keys must be the real ones, kept apart from database backups.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")
ID_NUMBER_HASH_KEY = env("ID_NUMBER_HASH_KEY")

# With Redis as the page cache, sessions and throttling counters default to the next database
# of the same server, which keeps its own eviction policy (docs/deploy.md).
if CACHES["default"]["BACKEND"].endswith("RedisCache") and not env("SESSION_CACHE_URL", default=""):  # noqa: F405
    CACHES["sessions"] = env.cache_url_config(next_redis_database(CACHES["default"]["LOCATION"]))  # noqa: F405
    if not env("THROTTLE_CACHE_URL", default=""):
        CACHES["throttle"] = dict(CACHES["sessions"])  # noqa: F405

# Persistent database connections (docs/deploy.md): each gunicorn thread keeps its connection for
# a minute instead of opening one per request; a broken one is replaced before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
