"""Django settings: SQLite and files in the data folder, DEBUG off, Vietnamese, throttled logins."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pipeline.logs import QUIET_LIBRARIES
from pipeline.web.datadir import data_dir, secret_key

DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = False
QUEUE_URL = os.environ.get("HOSO_QUEUE") or None  # None: the embedded queue in the data folder
ALLOWED_HOSTS = os.environ.get("HOSO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
MAX_UPLOAD_BYTES = int(os.environ.get("HOSO_MAX_UPLOAD", 10 * 1024 * 1024))
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES * 4  # one form's files together (several signed PDFs)
MAX_UPLOAD_FILES = 50  # signed PDFs in one upload: a batch's documents, with room to spare
# What one account may store and queue (pipeline.web.quotas): the uploaded versions of a unit
# together, uploads and builds a minute for each account, a unit's builds waiting at once.
MAX_UNIT_STORAGE = int(os.environ.get("HOSO_MAX_UNIT_STORAGE", 500 * 1024 * 1024))
MAX_UPLOADS_PER_MINUTE = 10
MAX_BUILDS_PER_MINUTE = 10
MAX_PENDING_BUILDS = 3
# Django's own cap, above which it refuses the request before any view (templates/400.html);
# the view's Vietnamese limit and the page's script (static/web/limits.js) come first.
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_UPLOAD_FILES * 2

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pipeline.web.apps.AxesConfig",  # django-axes, its admin section named in Vietnamese
    "pipeline.web",
]
MIDDLEWARE = [
    "pipeline.web.limits.RequestLimit",
    "pipeline.web.pages.MethodPage",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
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
ROOT_URLCONF = "pipeline.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # First: hoso's own copies of admin templates (pipeline.web comes after the admin app).
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pipeline.web.limits.sizes",
            ],
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "hoso.sqlite3",
        "OPTIONS": {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "vi"
# What Django's admin and django-axes leave untranslated in Vietnamese (see the .po file there).
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
# Dates on the admin's pages as hoso writes them (pipeline/web/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["pipeline.web.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True
# What a new password must be (the password change page; Django's own Vietnamese messages).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},  # as `hoso user add` asks
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "dang-nhap"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "dang-nhap"

# Production behind a TLS reverse proxy: HOSO_SECURE_COOKIES=1 (README, "Ứng dụng web").
SECURE = os.environ.get("HOSO_SECURE_COOKIES") == "1"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("HOSO_ORIGINS", "").split(",") if o]

# Login throttling (django-axes): 5 failures for a name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "web/khoa.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    # Also when the app runs under another WSGI server than `hoso serve` (see pipeline.logs).
    "loggers": {
        **{name: {"level": "CRITICAL"} for name in QUIET_LIBRARIES},
        # Django and django-axes note every 404, 405, refused form and locked-out log-in in
        # English on the console; the pages say these to the user, the audit log keeps what
        # matters. An error (a 500: a bug) is still written.
        **{name: {"level": "ERROR"} for name in ("django.request", "django.security", "axes")},
    },
}
