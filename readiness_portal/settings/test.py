"""Test settings: fast hashing, in-memory e-mail, tasks eager unless a test starts a worker."""

import tempfile
from pathlib import Path

from readiness_portal.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Rate-limit counters (pages and API) in the process, cleared before each test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests run tasks in-process; the worker tests switch to the real broker themselves.
CELERY_TASK_ALWAYS_EAGER = True
# Uploaded evidence goes to a throw-away folder, never into the work tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="readiness-media-"))
# On SQLite the test database is a file beside the configured one, not Django's in-memory
# default: the worker tests' Celery processes must open the same database as the test.
_db = DATABASES["default"]  # noqa: F405
if _db["ENGINE"] == "django.db.backends.sqlite3" and _db["NAME"] != ":memory:":
    _sqlite = Path(_db["NAME"])
    _db["TEST"] = {"NAME": str(_sqlite.with_name(f"test_{_sqlite.name}"))}
    # A throw-away file: no fsync at each commit (the flush after each transactional test).
    _db["OPTIONS"]["init_command"] = "PRAGMA synchronous = OFF"
# Django's flush between transactional tests TRUNCATEs every table; the audit log's trigger
# refuses TRUNCATE unless the connection says so (agencies migration 0007). Tests only.
if _db["ENGINE"] == "django.db.backends.postgresql":
    _options = _db.setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c portal.allow_audit_truncate=on".strip()
