"""Minimal settings for the writer processes spawned by the concurrency test."""

import os

SECRET_KEY = "test"
INSTALLED_APPS = [
    "modelsearch.test.testapp",
    "modelsearch",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
MODELSEARCH_BACKENDS = {
    "default": {"BACKEND": "modelsearch_whoosh", "PATH": os.environ["CANO_TEST_WHOOSH_PATH"]}
}
