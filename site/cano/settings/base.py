"""Settings shared by every environment; safe for production, configured from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/cano
BASE_DIR = PROJECT_DIR.parent.parent  # repository root


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cano",
    "cano.accounts.apps.AccountsConfig",
    "cano.home",
    "cano.search",
    "cano.tasks",
    "intervision",
    "workgroups",
    "studydays",
    "newsletter",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "cano.accounts.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.admin",
    "wagtail",
    "modelsearch",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Only for its static files: the editor build that cano.richtext's widget loads.
    "django_prose_editor",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body: oversized bodies get a Dutch 413 and no traceback.
    "cano.middleware.RequestLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cano.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cano.urls"
WSGI_APPLICATION = "cano.wsgi.application"

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
            ],
            # The site's date and time formats (long_date, short_date, time_of_day, ...) in every
            # template and e-mail, without a load line in each.
            "builtins": ["cano.templatetags.cano_format"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a request writes; the timeout absorbs short write bursts;
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    # Django's rules in the site's own Dutch (see the module).
    {"NAME": "cano.accounts.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "cano.accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "cano.accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "cano.accounts.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before checking it
    "cano.accounts.backends.AccountBackend",
]
LOGIN_URL = "accounts:login"
WAGTAIL_FRONTEND_LOGIN_URL = "/account/inloggen/"
LOGIN_REDIRECT_URL = "/medewerkers/"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Failed logins: after LOGIN_FAILURE_LIMIT failures for one e-mail address from one client
# address within LOGIN_FAILURE_WINDOW seconds, further attempts are refused until the window
# passes. django-axes keeps the count (in the database) for the front-end and admin logins alike.
LOGIN_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW = int(os.environ.get("DJANGO_LOGIN_FAILURE_WINDOW", "900"))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_FAILURE_WINDOW)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_CLIENT_IP_CALLABLE = "cano.client_address.client_address"
AXES_USERNAME_FORM_FIELD = "username"  # the key authenticate() receives, whatever the form calls it
AXES_USERNAME_CALLABLE = "cano.accounts.lockout.login_username"
AXES_CLIENT_STR_CALLABLE = "cano.accounts.lockout.login_log_label"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no register of successful logins (address, e-mail) kept forever
AXES_LOCKOUT_CALLABLE = "cano.accounts.views.login_locked_out_view"

# The client address behind a reverse proxy: X-Forwarded-For counts only when the request comes
# from one of these networks (comma-separated CIDRs, e.g. "127.0.0.1/32,10.0.0.0/8").
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's formats for Dutch as Flanders writes them (2 februari 2027, 14.30 uur): the admin's
# listings and history read these.
FORMAT_MODULE_PATH = ["cano.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Cache: Redis when REDIS_URL is set (shared by every worker and server: fragments, rate limits);
# otherwise memory of the process. DJANGO_CACHE=database picks the database cache (after
# `manage.py createcachetable`) for several workers without Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KIND = os.environ.get("DJANGO_CACHE", "redis" if REDIS_URL else "locmem")
CACHE_BACKENDS = {
    "redis": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL},
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cano_cache",
    },
}
if CACHE_KIND not in CACHE_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_CACHE must be redis, locmem or database, not {CACHE_KIND!r}."
    )
if CACHE_KIND == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("DJANGO_CACHE=redis needs REDIS_URL.")
CACHES = {"default": CACHE_BACKENDS[CACHE_KIND]}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "CANO Vlaanderen <noreply@cano.be>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Tasks: immediate in the embedded default; production sets DJANGO_TASKS_BACKEND to the
# database backend and runs `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# Tasks of a worker that died (kill -9, lost machine): a RUNNING task whose worker has not beaten
# for TASKS_STALE_AFTER seconds is queued again; after TASKS_MAX_ATTEMPTS dead workers it fails.
TASKS_STALE_AFTER = float(os.environ.get("DJANGO_TASKS_STALE_AFTER", "300"))
TASKS_MAX_ATTEMPTS = int(os.environ.get("DJANGO_TASKS_MAX_ATTEMPTS", "5"))

# Search: a Whoosh index on local disk by default; CANO_SEARCH_BACKEND=postgres switches to the
# PostgreSQL full-text backend (site/modelsearch_postgres: Dutch analysis, index-ordered top-k)
# for several app servers.
SEARCH_INDEX_DIR = Path(os.environ.get("CANO_SEARCH_INDEX_DIR", BASE_DIR / "var" / "search"))
if os.environ.get("CANO_SEARCH_BACKEND", "whoosh") == "postgres":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch_postgres",
            "LANGUAGE": "dutch",
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch_whoosh",
            "PATH": str(SEARCH_INDEX_DIR),
            "LANGUAGE": "nl",
            "OUTBOX_MODEL": "cano_search.PendingIndexUpdate",
        }
    }

# modelsearch (installed as "modelsearch") reads MODELSEARCH_BACKENDS; Wagtail's own docs name the
# older setting, so both point at one configuration.
MODELSEARCH_BACKENDS = WAGTAILSEARCH_BACKENDS

# Search index changes committed but not yet written (a process died in between) older than
# this many seconds make /health/ report "search": "behind".
SEARCH_BACKLOG_MAX_AGE = int(os.environ.get("CANO_SEARCH_BACKLOG_MAX_AGE", "300"))

WAGTAIL_SITE_NAME = "CANO Vlaanderen"
WAGTAILADMIN_BASE_URL = os.environ.get("DJANGO_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "txt",
    "csv",
]
WAGTAIL_PASSWORD_RESET_ENABLED = True
# No avatar lookups at an outside service: the admin shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR", "propagate": True},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # its start-up and per-attempt INFO lines are noise
        "wagtail": {"level": "WARNING"},
    },
}

# Private files: image and document originals, workgroup attachments, intervision documents and
# the renditions of staff-only images live in PRIVATE_MEDIA_ROOT, outside every served folder, and
# are served only by views that check permission. MEDIA_ROOT keeps the renditions of public images.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
INTERVISION_DOCUMENT_ROOT = PRIVATE_MEDIA_ROOT / "intervision"
STORAGES["default"] = {"BACKEND": "cano.files.storage.MediaStorage"}
STORAGES["renditions"] = {"BACKEND": "cano.files.storage.RenditionStorage"}
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# After the permission check Django streams the file, or, when the proxy is set up for it
# (docs/operations.md), hands it over with X-Accel-Redirect (nginx) or X-Sendfile (Apache).
SENDFILE_BACKENDS = {
    "django": "wagtail.utils.sendfile_streaming_backend",
    "nginx": "django_sendfile.backends.nginx",
    "xsendfile": "django_sendfile.backends.xsendfile",
}
PRIVATE_MEDIA_SERVER = os.environ.get("DJANGO_PRIVATE_MEDIA_SERVER", "django")
if PRIVATE_MEDIA_SERVER not in SENDFILE_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_PRIVATE_MEDIA_SERVER must be one of {', '.join(SENDFILE_BACKENDS)}."
    )
SENDFILE_BACKEND = SENDFILE_BACKENDS[PRIVATE_MEDIA_SERVER]
SENDFILE_ROOT = str(PRIVATE_MEDIA_ROOT)
SENDFILE_URL = os.environ.get("DJANGO_PRIVATE_MEDIA_INTERNAL_URL", "/private-media/")
