"""Django settings: one module, every deployment choice read from the environment.

| variable | meaning |
|---|---|
| DATABASE_URL | the database (default: SQLite file in the data folder, see ogi.platform.config) |
| OGI_SECRET_KEY | Django's secret key (default: generated into the data folder) |
| OGI_FIELD_KEY | the key that encrypts ID numbers and keys their search hash (default: generated likewise) |
| OGI_DEBUG | "1" for Django's debug pages (never in production) |
| OGI_ALLOWED_HOSTS | comma-separated host names (default: localhost, 127.0.0.1) |
| OGI_SECURE_COOKIES | "1" behind HTTPS |
| OGI_SESSION_HOURS | staff session lifetime (default 8) |
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from ogi.platform import config

BASE_DIR = Path(__file__).resolve().parent
DEBUG = os.environ.get("OGI_DEBUG") == "1"
SECRET_KEY = config.secret("OGI_SECRET_KEY", "secret_key")
FIELD_KEY = config.secret("OGI_FIELD_KEY", "field_key")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("OGI_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",  # serves its Swagger UI from local static files, not a CDN (works on an intranet)
    "ogi.platform.audit",
    "ogi.platform.agencies",
    "ogi.platform.workcalendar",
    "ogi.platform.casework",
    "ogi.platform.catalogue",
    "ogi.platform.litigation",
    "ogi.platform.annual",
    "ogi.platform.web",
    "ogi.platform.documents",
    "ogi.platform.public",
    "ogi.platform.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "ogi.platform.urls"
WSGI_APPLICATION = "ogi.platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ogi.platform.web.context.staff",
                "ogi.platform.annual.context.deadline",
            ],
        },
    },
]

# Health checks: a connection that died (the database server restarted) is replaced, not used for one failing request.
DATABASES = {"default": dj_database_url.parse(config.database_url(), conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the WSGI workers write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = config.data_dir() / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = config.data_dir() / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = int(os.environ.get("OGI_SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("OGI_SECURE_COOKIES") == "1"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Lock-out after repeated failed logins (django-axes): 5 failures lock the user name from that address for 30 min.
AXES_FAILURE_LIMIT = int(os.environ.get("OGI_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Upload bounds: an import file is at most 10 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
OGI_IMPORT_MAX_BYTES = 10 * 1024 * 1024
OGI_IMPORT_MAX_ROWS = 20000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OGI_LOG_LEVEL", "WARNING")},
    # Django logs a request's POST data on some errors; personal data must never reach a log.
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
CSRF_FAILURE_VIEW = "ogi.platform.web.views.csrf_failure"
