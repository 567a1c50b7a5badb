"""Settings shared by every environment; everything that varies comes from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from readiness_portal.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-only-for-local-use")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",  # for `clearsessions`; rows live in agencies.UserSession
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "ninja",  # the API's browsable docs, served from its own static files (no CDN)
    "readiness_portal",  # site-wide commands: backup, restore
    "agencies",
    "surveys",
    "awards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "readiness_portal.middleware.RequestLimitsMiddleware",  # before anything reads the body
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "readiness_portal.middleware.PageCompressionMiddleware",  # after WhiteNoise: pages, not files
    "django.contrib.sessions.middleware.SessionMiddleware",
    "readiness_portal.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "readiness_portal.middleware.PortalAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "readiness_portal.middleware.PortalCSPMiddleware",
    "readiness_portal.middleware.SessionLimitsMiddleware",
    "axes.middleware.AxesMiddleware",
    "readiness_portal.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "readiness_portal.urls"
WSGI_APPLICATION = "readiness_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "readiness_portal.context_processors.roles",
            ],
        },
    },
]

# SQLite file by default; DATABASE_URL=postgres://user@host:5432/name for PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores select_for_update: a transaction takes the write lock when it begins
    # (IMMEDIATE), so two saves queue up, as the row locks make them on PostgreSQL. In the default
    # DEFERRED mode the second one fails with "database is locked" when it first writes.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the pages' statements run in milliseconds, but a few (correlated counts
    # over a national year's responses) are estimated dear enough for PostgreSQL to compile them
    # first, which took ~37 ms for a statement that runs in 6 (docs/architecture.md).
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "agencies.User"
# Sessions are rows (agencies.UserSession); read through the cache when it is Redis, shared by every
# process (a deactivated person's cached sessions are dropped with their rows).
SESSION_ENGINE = "agencies.cached_sessions" if env_str("REDIS_URL", "") else "agencies.sessions"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out sign-ins first
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a sign-in name from one address after repeated failures; every failure is logged.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "agencies.auth.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure in the database, and a warning in the log
AXES_VERBOSE = False  # no start-up banner on every command
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]  # behind a proxy: set the forwarded header first

# Sessions end after 30 minutes without a request, and 12 hours after signing in in any case.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Pages that hold a form warn this long before the idle limit and offer to stay signed in.
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 5 * 60)

# The API's rate limits (requests/period: s, m, h or d), per token (or signed-in person) and per
# client address; over either, 429 with Retry-After.
API_RATE_PER_TOKEN = env_str("API_RATE_PER_TOKEN", "60/m")
API_RATE_PER_ADDRESS = env_str("API_RATE_PER_ADDRESS", "300/m")
NINJA_NUM_PROXIES = 0  # the address is REMOTE_ADDR: behind a proxy, set the forwarded header first
# The licence the open data is published under (the catalogue's dct:license).
OPEN_DATA_LICENCE_URL = env_str("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

# Content Security Policy (django-csp 4): scripts, styles, fonts and images from the portal itself,
# never inline script, inline style or eval. data: images are Bootstrap's own SVG icons in its CSS;
# application/json blocks (json_script) are data, not script, and are not affected.
_CSP_STRICT = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_STRICT}
# The Django admin (DGA staff only) keeps scripts strict but may use inline styles, which some of
# its widgets set; see readiness_portal.middleware.PortalCSPMiddleware.
CSP_ADMIN_DIRECTIVES = {**_CSP_STRICT, "style-src": [SELF, UNSAFE_INLINE]}
CSP_ADMIN_PREFIX = "/admin/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Only the hashed copy of each file is kept and compressed (the pages name no other), and source maps
# are not compressed: collectstatic, part of every set-up, compressed 3 MB of the API docs' maps twice.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: evidence goes through a view that checks rights

# A request that met an unreachable database gets 503 and this Retry-After (seconds).
RETRY_AFTER_SECONDS = env_int("RETRY_AFTER_SECONDS", 2)

# Evidence uploads: the largest file accepted, in megabytes (type is checked by content).
EVIDENCE_MAX_MB = env_int("EVIDENCE_MAX_MB", 20)
# What one response may hold in all: files, and megabytes of them.
EVIDENCE_MAX_FILES_PER_RESPONSE = env_int("EVIDENCE_MAX_FILES_PER_RESPONSE", 200)
EVIDENCE_MAX_MB_PER_RESPONSE = env_int("EVIDENCE_MAX_MB_PER_RESPONSE", 1024)
# A request body declared larger than this is refused (413) before a byte of it is read: the
# largest evidence file and a megabyte of form fields. Non-file fields are held to Django's limit.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_MB", EVIDENCE_MAX_MB + 1) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, said here: fields other than files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # files above this go to a temporary file while checked
FILE_UPLOAD_PERMISSIONS = 0o640

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: Django's SMTP backend once EMAIL_HOST is set, the console (standard output) otherwise.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "readiness-portal@localhost")
# A failed e-mail is tried again after EMAIL_RETRY_AFTER seconds, EMAIL_MAX_ATTEMPTS times in all.
EMAIL_RETRY_AFTER = env_int("EMAIL_RETRY_AFTER", 300)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 5)
# Reminders (`manage.py send_reminders`, daily by celery beat): days before an agency's close
# date on which its officers and approvers are reminded, and how many days a response may wait
# for approval before its approvers are reminded.
REMINDER_DAYS = [int(d) for d in env_list("REMINDER_DAYS", "14,7,3,1")]  # a bad value stops start-up
REMINDER_APPROVAL_AFTER_DAYS = env_int("REMINDER_APPROVAL_AFTER_DAYS", 3)
# Pages of an open response show a banner from this many days before its close date.
DEADLINE_BANNER_DAYS = env_int("DEADLINE_BANNER_DAYS", 7)
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")  # links in e-mails

# The cache holds the rate limits' counters, the sessions and the unread counts: shared by every
# worker through Redis when there is one, else in the process (the embedded default of `make run`).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL", "")}
        if env_str("REDIS_URL", "")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Rate limits: autosaves per person per minute (429 beyond), password-reset e-mails per address
# and per client address per hour (beyond, the page answers the same and sends nothing).
AUTOSAVE_MAX_PER_MINUTE = env_int("AUTOSAVE_MAX_PER_MINUTE", 120)
VERIFY_MAX_PER_MINUTE = env_int("VERIFY_MAX_PER_MINUTE", 30)  # /verify/<fingerprint>, per client address
PASSWORD_RESET_MAX_PER_HOUR = env_int("PASSWORD_RESET_MAX_PER_HOUR", 3)
PASSWORD_RESET_MAX_PER_HOUR_PER_IP = env_int("PASSWORD_RESET_MAX_PER_HOUR_PER_IP", 20)

# Celery: a broker from REDIS_URL or CELERY_BROKER_URL; without one, tasks run in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", env_str("REDIS_URL", ""))
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Fail fast when the broker is down at enqueue time: the caller marks the work pending.
# visibility_timeout: how long Redis waits before handing an unacknowledged task (its worker
# died) to another worker; longer than any task's countdown, shorter than anyone's patience.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
# `celery -A readiness_portal beat` (or `worker -B`) runs the sweeper; cron may run
# `manage.py sweep_scoring` instead.
CELERY_BEAT_SCHEDULE = {
    "sweep-scoring": {
        "task": "surveys.tasks.sweep_scoring_task",
        "schedule": float(env_int("SCORING_SWEEP_INTERVAL", 60)),
    },
    "send-reminders": {
        "task": "surveys.tasks.send_reminders_task",
        "schedule": crontab(hour=env_int("REMINDER_HOUR", 8), minute=0),
    },
    "retry-emails": {
        "task": "surveys.tasks.retry_emails_task",
        "schedule": float(env_int("EMAIL_RETRY_AFTER", 300)),
    },
    "sweep-exports": {
        "task": "surveys.tasks.sweep_exports_task",
        "schedule": float(env_int("SCORING_SWEEP_INTERVAL", 60)),
    },
}
# Export jobs: sent again when still waiting after EXPORT_QUEUED_GRACE seconds (the broker was
# down), and restarted when "running" for longer than EXPORT_STUCK_AFTER (the task's hard time
# limit is 900 s, so a job still running after that lost its worker).
EXPORT_QUEUED_GRACE = env_int("EXPORT_QUEUED_GRACE", 60)
EXPORT_STUCK_AFTER = env_int("EXPORT_STUCK_AFTER", 1200)

# Scoring: a response still "running" after SCORING_STUCK_AFTER seconds lost its worker (the
# task's hard limit is far shorter); after SCORING_MAX_ATTEMPTS tries it is marked failed.
SCORING_SOFT_TIME_LIMIT = env_int("SCORING_SOFT_TIME_LIMIT", 30)
SCORING_TIME_LIMIT = env_int("SCORING_TIME_LIMIT", 60)
SCORING_STUCK_AFTER = env_int("SCORING_STUCK_AFTER", 300)
SCORING_PENDING_GRACE = env_int("SCORING_PENDING_GRACE", 60)
SCORING_MAX_ATTEMPTS = env_int("SCORING_MAX_ATTEMPTS", 5)
# A whole questionnaire is rescored in tasks of this many responses (one claim, one upsert each).
SCORING_BATCH_SIZE = env_int("SCORING_BATCH_SIZE", 50)
# TEST ONLY: seconds a scoring task sleeps after claiming its response, so that the worker-kill
# test can SIGKILL a worker in the middle of a task. Never set it anywhere else.
SCORING_TEST_ONLY_DELAY = env_int("SCORING_TEST_ONLY_DELAY", 0)

# Review, four eyes on score changes: an adjustment that moves a question's score by more than
# REVIEW_FOUR_EYES_THRESHOLD points (of 100), and any return or acceptance of a response with
# adjustments, count only once a second reviewer confirms them.
REVIEW_FOUR_EYES = env_bool("REVIEW_FOUR_EYES", True)
REVIEW_FOUR_EYES_THRESHOLD = env_int("REVIEW_FOUR_EYES_THRESHOLD", 25)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint (the receipt PDF) reports each step at INFO: only its warnings are news.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# `seed_demo` (the demo users and the demo year of `make setup`) runs only where this is on; the
# production settings turn it off.
DEMO_DATA_ALLOWED = True
