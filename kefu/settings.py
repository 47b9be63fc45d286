"""Django settings, read from ``KEFU_*`` environment variables (docs/configuration.md)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


DATA_DIR = Path(env("KEFU_DATA_DIR", str(REPO_DIR / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    given = env("KEFU_SECRET_KEY")
    if given:
        return given
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("KEFU_DEBUG")
ALLOWED_HOSTS = [h for h in env("KEFU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("KEFU_CSRF_TRUSTED_ORIGINS").split(",") if o]
# Reverse proxies (nginx) whose X-Real-IP / X-Forwarded-Proto headers are believed.
KEFU_TRUSTED_PROXIES = [p.strip() for p in env("KEFU_TRUSTED_PROXIES").split(",") if p.strip()]
if KEFU_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "huey.contrib.djhuey",
    "ninja",
    "kefu.core",
    "kefu.audit",
    "kefu.accounts",
    "kefu.org",
    "kefu.customers",
    "kefu.sla",
    "kefu.notify",
    "kefu.messaging",
    "kefu.tickets",
    "kefu.deadlines",
    "kefu.kb",
    "kefu.liaison",
    "kefu.cti",
    "kefu.callbacks",
    "kefu.campaigns",
    "kefu.surveys",
    "kefu.quality",
    "kefu.kpis",
    "kefu.reports",
    "kefu.web",
    "kefu.api",
    "kefu.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kefu.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kefu.core.encoding.StrictFormEncodingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kefu.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "kefu.urls"
WSGI_APPLICATION = "kefu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kefu.web.context.navigation",
                "kefu.notify.context.unread_notifications",
            ],
        },
    },
]

# Database: SQLite in WAL mode under the data directory unless KEFU_DATABASE_URL names PostgreSQL.
DATABASE_URL = env("KEFU_DATABASE_URL")
if DATABASE_URL:
    _db: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60))
else:
    _db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "kefu.sqlite3"),
        # Kept per thread like PostgreSQL's: a warm page cache, no PRAGMAs per request.
        "CONN_MAX_AGE": 60,
    }
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (busy timeout)
        # instead of failing half-way with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            f" PRAGMA cache_size=-{env_int('KEFU_SQLITE_CACHE_MB', 8) * 1000};"
            " PRAGMA temp_store=MEMORY;"
        ),
    }
    # Django's backend with a write queue: the next writer starts as soon as the last commits
    # (kefu/core/sqlite/base.py).
    _db["ENGINE"] = "kefu.core.sqlite"
    # A file (not :memory:) so that servers and workers started by tests share it; one per
    # test run, so parallel runs do not collide.
    _db["TEST"] = {"NAME": env("KEFU_TEST_DATABASE", str(DATA_DIR / f"test-{os.getpid()}.sqlite3"))}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["kefu.accounts.backends.LockoutModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Login lockout: after N failures within the window the account is locked for the window.
KEFU_LOGIN_MAX_FAILURES = env_int("KEFU_LOGIN_MAX_FAILURES", 5)
KEFU_LOGIN_LOCKOUT_MINUTES = env_int("KEFU_LOGIN_LOCKOUT_MINUTES", 15)

SESSION_COOKIE_AGE = env_int("KEFU_SESSION_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("KEFU_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("KEFU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("KEFU_STATIC_ROOT", str(REPO_DIR / "staticfiles")))
# Front-end packages come from npm (package.json, package-lock.json), never from a CDN.
NODE_MODULES = Path(env("KEFU_NODE_MODULES", str(REPO_DIR / "node_modules")))
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/alpinejs", NODE_MODULES / "@alpinejs" / "csp" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/files/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
KEFU_ATTACHMENT_MAX_BYTES = env_int("KEFU_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
KEFU_IMPORT_MAX_BYTES = env_int("KEFU_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
# Imports with more rows than this run as a background job with a progress bar.
KEFU_IMPORT_INLINE_ROWS = env_int("KEFU_IMPORT_INLINE_ROWS", 2000)

# Task queue: Huey. SQLite storage under the data directory; Redis when KEFU_REDIS_URL is set.
REDIS_URL = env("KEFU_REDIS_URL")
HUEY: dict[str, Any] = {
    "name": "kefu",
    "immediate": env_bool("KEFU_TASKS_IMMEDIATE"),
    "utc": True,
    "consumer": {"workers": env_int("KEFU_TASK_WORKERS", 2), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update(
        {
            "huey_class": "huey.SqliteHuey",
            "filename": env("KEFU_TASKS_FILE", str(DATA_DIR / "tasks.sqlite3")),
        }
    )

EMAIL_HOST = env("KEFU_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("KEFU_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("KEFU_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("KEFU_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("KEFU_EMAIL_TLS")
DEFAULT_FROM_EMAIL = env("KEFU_EMAIL_FROM", "kefu@localhost")
EMAIL_TIMEOUT = 10
# The console's address as users reach it, for links in emails (e.g. https://kefu.example.com).
KEFU_BASE_URL = env("KEFU_BASE_URL", "http://127.0.0.1:8000")

KEFU_WEB_WORKERS = env_int("KEFU_WEB_WORKERS", 2)
# Days of work order history `kefu demo` writes (walked through the real services).
KEFU_DEMO_HISTORY_DAYS = env_int("KEFU_DEMO_HISTORY_DAYS", 42)
KEFU_SITE_NAME = _("Kefu customer service center")

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("KEFU_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
