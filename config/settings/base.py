"""Settings shared by every environment; every value can come from the environment or `.env`."""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

# The system's name: page titles, the header, the Wagtail admin, authenticator apps, PDF metadata.
SITE_NAME = env("SITE_NAME", default="建设工程专业技术职称申报评审系统")

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Our apps first so that their templates override the libraries'.
    "accounts",
    "home",
    "declarations",
    "review",
    "employers",
    "search",
    "workdays",
    # Builds the demo site from every app above (seed_demo).
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "phonenumber_field",
    "captcha",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may answer early, so every personal page leaves with no-store.
    "config.middleware.PersonalDataNoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' public pages come from the cache, before sessions and routing run.
    "home.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SessionActivityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view reads the body: refuses oversized uploads to the applicant area.
    "declarations.middleware.UploadRequestSizeMiddleware",
    # After the size check, before any view or filter reads a parameter.
    "config.middleware.NulByteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.SiteCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.site",
            ],
        },
    },
]

# --- Database and cache -------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# SQLite, the embedded default, under concurrent requests and the task worker: WAL lets readers
# go on beside the one writer; IMMEDIATE takes the write lock when a transaction begins, so a
# transaction that read first never fails to upgrade ("database is locked", which no busy timeout
# can wait out); the timeout is how long a writer waits for the lock (seconds).
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)

# The default cache holds public pages and may evict them at will; sessions and the login and
# SMS throttling counters live apart, so a flood of cached pages never logs anyone out or resets
# a lockout (docs/deploy.md gives each its Redis database and eviction policy).
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://default"),
    "sessions": env.cache("SESSION_CACHE_URL", default="locmemcache://sessions"),
}
CACHES["throttle"] = env.cache(
    "THROTTLE_CACHE_URL", default=env("SESSION_CACHE_URL", default="locmemcache://throttle")
)


def next_redis_database(location: str) -> str:
    """The same Redis server as `location`, one database number up (redis://h:6379/1 → …/2)."""
    url = urlsplit(location)
    number = int(url.path.strip("/") or 0)
    return urlunsplit((url.scheme, url.netloc, f"/{number + 1}", "", ""))


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.PhoneOrIdNumberBackend",
]
# Resident ID numbers at rest (accounts/pii.py, docs/deploy.md): Fernet keys, the first encrypts
# and all decrypt; a separate key for the HMAC digest used for uniqueness and lookups. These
# defaults are for development and tests only; production settings have none.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=["O2asYSFSrlvF5nzEjGfLzvTspqXGoKTSlfyI6ibME8Q="])
ID_NUMBER_HASH_KEY = env("ID_NUMBER_HASH_KEY", default="dev-only-id-number-hash-key")

LOGIN_URL = "accounts:login"
# Applicants land in their area; staff go to the admin (accounts.views.LoginView).
LOGIN_REDIRECT_URL = "declarations:home"
# Where each account type that does not work in the admin lands after login (accounts.landing).
ACCOUNT_LANDING_URLS = {"applicant": "declarations:home", "employer_officer": "employers:home"}
LOGOUT_REDIRECT_URL = reverse_lazy("wagtail_serve", args=[""])

# Argon2id at OWASP's parameters; older hashes are upgraded at the next login (accounts/hashers.py).
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B: length, a blocklist and the user's own data, no composition rules
# (docs/security.md explains the choice against GB/T 22239-2019's "complexity").
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "accounts.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "real_name", "email", "phone", "id_number")},
    },
    {"NAME": "accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "accounts.password_validation.PersonalNumberValidator", "OPTIONS": {"min_run": 6}},
    {"NAME": "accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.password_validation.NumericPasswordValidator"},
]

# Staff need an authenticator code (TOTP) before the admin (accounts/two_factor.py).
ADMIN_REQUIRE_OTP = env.bool("ADMIN_REQUIRE_OTP", default=True)
OTP_TOTP_ISSUER = SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

# Sessions end after 30 minutes without a request (SPEC 4). A session in use is stored again at
# most once a minute (accounts.middleware.SessionActivityMiddleware), not on every request.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ACTIVITY_REFRESH_SECONDS = env.int("SESSION_ACTIVITY_REFRESH_SECONDS", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = env("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
SESSION_CACHE_ALIAS = "sessions"

PHONENUMBER_DEFAULT_REGION = "CN"
PHONENUMBER_DEFAULT_FORMAT = "E164"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Translations the libraries lack (Wagtail, wagtail-modeladmin, and django.contrib.admin's list
# filters, whose app is not installed): locale/zh_Hans, compiled .mo committed beside the .po.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Applicants' evidence lives outside MEDIA_ROOT and is served only by a permission-checked view.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Reads PRIVATE_MEDIA_ROOT, unless PRIVATE_STORAGE=s3 swaps in the private bucket below.
    "private": {"BACKEND": "declarations.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# "filesystem" (PRIVATE_MEDIA_ROOT) or "s3": a private bucket on an S3-compatible object store
# (docs/deploy.md). The ACL, no-overwrite rule and the absence of URLs are fixed in the class.
PRIVATE_STORAGE = env.str("PRIVATE_STORAGE", default="filesystem")
if PRIVATE_STORAGE == "s3":
    STORAGES["private"] = {
        "BACKEND": "declarations.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),  # no default: refuse to start without it
            "location": env.str("PRIVATE_STORAGE_PREFIX", default="private"),
            "default_acl": env.str("PRIVATE_STORAGE_ACL", default="private"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default=None),
            "signature_version": "s3v4",
            # Unset: boto3's own chain (AWS_ACCESS_KEY_ID, an instance role, ~/.aws).
            "access_key": env.str("AWS_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_S3_SECRET_ACCESS_KEY", default=None),
        },
    }
elif PRIVATE_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"PRIVATE_STORAGE must be 'filesystem' or 's3', not {PRIVATE_STORAGE!r}.")

# --- Upload limits ------------------------------------------------------------------------
# One evidence file may be at most UPLOAD_MAX_FILE_SIZE bytes; a whole request at most
# DATA_UPLOAD_MAX_MEMORY_SIZE (non-file fields) and UPLOAD_MAX_REQUEST_SIZE (files included, any
# path: declarations.middleware.UploadRequestSizeMiddleware).
UPLOAD_MAX_FILE_SIZE = env.int("UPLOAD_MAX_FILE_SIZE", default=10 * 1024 * 1024)
UPLOAD_MAX_REQUEST_SIZE = env.int("UPLOAD_MAX_REQUEST_SIZE", default=25 * 1024 * 1024)
# Above this size an upload is streamed to a temporary file instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=256 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("DATA_UPLOAD_MAX_NUMBER_FIELDS", default=2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=20)
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Background tasks ---------------------------------------------------------------------
# Wagtail's own tasks (search index, file clean-up) stay immediate; our queued work (SMS)
# and the declaration forms drawn once per snapshot go to the database queue worked by
# `manage.py db_worker`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "db": {
        "BACKEND": env("TASKS_QUEUE_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "sms", "documents"],
    },
}

# Expose /bench/trivial/ (a no-op view) for the benchmarks in bench/; off unless asked for.
BENCH_TRIVIAL_VIEW = env.bool("BENCH_TRIVIAL_VIEW", default=False)

# --- SMS ----------------------------------------------------------------------------------
SMS_BACKEND = env("SMS_BACKEND", default="accounts.sms.backends.console.ConsoleBackend")
# Provider template codes per message kind, e.g. "verification_code=SMS_1234,review_passed=SMS_5678".
SMS_TEMPLATE_CODES = env.dict("SMS_TEMPLATE_CODES", default={})
SMS_TIMEOUT = env.float("SMS_TIMEOUT", default=10.0)  # seconds per provider request
SMS_MAX_ATTEMPTS = env.int("SMS_MAX_ATTEMPTS", default=5)
SMS_RETRY_DELAY = env.int("SMS_RETRY_DELAY", default=60)  # seconds, doubled after each failure
SMS_ALIYUN_ACCESS_KEY_ID = env("SMS_ALIYUN_ACCESS_KEY_ID", default="")
SMS_ALIYUN_ACCESS_KEY_SECRET = env("SMS_ALIYUN_ACCESS_KEY_SECRET", default="")
SMS_ALIYUN_SIGN_NAME = env("SMS_ALIYUN_SIGN_NAME", default="")
SMS_ALIYUN_ENDPOINT = env("SMS_ALIYUN_ENDPOINT", default="https://dysmsapi.aliyuncs.com/")

# One-time SMS codes (registration and password reset, SPEC 4).
SMS_CODE_TTL = env.int("SMS_CODE_TTL", default=5 * 60)
SMS_CODE_MAX_FAILED_ATTEMPTS = env.int("SMS_CODE_MAX_FAILED_ATTEMPTS", default=5)
SMS_CODE_RESEND_INTERVAL = env.int("SMS_CODE_RESEND_INTERVAL", default=60)
SMS_CODE_DAILY_LIMIT_PER_PHONE = env.int("SMS_CODE_DAILY_LIMIT_PER_PHONE", default=10)
SMS_CODE_HOURLY_LIMIT_PER_IP = env.int("SMS_CODE_HOURLY_LIMIT_PER_IP", default=20)

# --- Login throttling ---------------------------------------------------------------------
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)  # per account
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=20)  # per client address
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# The request.META key holding the client address (set it when behind a reverse proxy).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="REMOTE_ADDR")

# --- Captcha ------------------------------------------------------------------------------
# Read at import time by django-simple-captcha; only automated tests may turn it on.
CAPTCHA_TEST_MODE = env.bool("CAPTCHA_TEST_MODE", default=False)
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 5
# Readable: characters without look-alikes (accounts/captcha.py), large glyphs, gentle rotation.
CAPTCHA_CHALLENGE_FUNCT = "accounts.captcha.readable_challenge"
CAPTCHA_FONT_SIZE = 34
CAPTCHA_LETTER_ROTATION = (-15, 15)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = SITE_NAME
# One province, one time: the admin offers no other time zone (round times are Beijing time).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# The admin is Chinese only, in China's time: no language or time-zone choice in 账号设置.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai"]
# No "Wagtail upgrade available" banner (in English, and not the editors' business).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Page addresses stay short and readable: a Chinese title is not percent-encoded into the URL;
# a notice without a Latin slug gets its date and a number (home.models.NoticePage).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "zip", "png", "jpg", "jpeg", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Every door that takes a password has the captcha, the lockout and the audit (docs/security.md):
# the admin's login form carries them, and private pages send visitors to our login.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Staff change their password on our page (accounts:password-change), which counts wrong old
# passwords like failed logins; the admin's own password form would not.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# No shared passwords on pages or collections: a password anyone may guess is no privacy (home.privacy).
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Seconds an anonymous visitor's copy of a public page is kept; publishing clears it at once.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)
# At most this many pages and API answers are stored per cache period (home.cache).
PUBLIC_PAGE_CACHE_MAX_ENTRIES = env.int("PUBLIC_PAGE_CACHE_MAX_ENTRIES", default=10_000)

# --- Security defaults (tightened in production.py) ---------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin

# Content-Security-Policy (django-csp). Public and applicant pages run no inline script; a
# template that needs one uses nonce="{{ request.csp_nonce }}".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
ADMIN_CSP_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
    "object-src": [SELF],
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Every handler cuts query strings out of what it writes (`config.log_filters`); the development
# server's request lines go through Django's own formatter on a handler of ours for that.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_query_strings": {"()": "config.log_filters.QueryStringFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["without_query_strings"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["without_query_strings"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # fpdf2 cuts the CJK face with fontTools, which logs every table it touches at INFO.
        "fontTools": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# --- Declaration PDF ----------------------------------------------------------------------
# A font with Chinese glyphs that fpdf2 embeds (TTF, OTF or a TTC with the index of the face);
# Debian's fonts-noto-cjk, face 2 is Simplified Chinese.
PDF_FONT_PATH = env("PDF_FONT_PATH", default="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
PDF_FONT_INDEX = env.int("PDF_FONT_INDEX", default=2)
# Where the face cut down to GB 2312 is kept (made once per machine; empty: the system's temp dir).
PDF_FONT_CACHE_DIR = env("PDF_FONT_CACHE_DIR", default="")
