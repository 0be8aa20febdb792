"""Test settings: fast hashing, locmem mail and cache, tasks run immediately."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp(prefix="cano-test-media-")
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cano-test-private-"))
INTERVISION_DOCUMENT_ROOT = PRIVATE_MEDIA_ROOT / "intervision"
SENDFILE_ROOT = str(PRIVATE_MEDIA_ROOT)
STATIC_ROOT = tempfile.mkdtemp(prefix="cano-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="cano-test-index-")
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "modelsearch_whoosh":  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = SEARCH_INDEX_DIR  # noqa: F405
    # A test case's own transaction never commits: write index changes at once.
    WAGTAILSEARCH_BACKENDS["default"]["WRITE_AFTER_COMMIT"] = False  # noqa: F405

# modelsearch's own test models, so the Whoosh backend runs modelsearch's backend test suite.
INSTALLED_APPS = [*INSTALLED_APPS, "modelsearch.test.testapp"]  # noqa: F405
