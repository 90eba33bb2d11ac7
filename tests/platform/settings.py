"""Settings for the test run: the platform's own settings, with a throw-away data folder and fast hashing.

The database is the platform's: SQLite unless DATABASE_URL names another (the Makefile runs the platform tests a
second time with PostgreSQL).
"""

import os
import tempfile

os.environ.setdefault("OGI_DATA_DIR", tempfile.mkdtemp(prefix="ogi-test-"))
os.environ.setdefault("OGI_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghijklmnop")
os.environ.setdefault("OGI_FIELD_KEY", "test-field-key")

from ogi.platform.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served from the app folders in tests (no collectstatic run).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
