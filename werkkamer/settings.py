"""Settings for the Werkkamer portal, read from environment variables.

Nothing set gives the embedded default: SQLite, tasks executed eagerly in-process, local-memory
cache. DATABASE_URL switches to PostgreSQL, REDIS_URL to the Redis broker and cache. Every
variable is listed in .env.example and in the README.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url
from celery.schedules import crontab

from werkkamer.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (see .env.example), "
            "or DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "werkkamer.core.admin_site.PortalAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "health_check",
    "import_export",
    "simple_history",
    "csp",
    "werkkamer.core",
    "werkkamer.accounts",
    "regions",
    "banenafspraak",
    "banenafspraak.publications",
    "banenafspraak.api",
    "doelgroepregister",
    "loonwaarde",
]

MIDDLEWARE = [
    "werkkamer.core.logging.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session middleware, so it also sees a session cookie being set.
    "werkkamer.core.middleware.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view (and CSRF's process_view) reads the body: a bound on its size.
    "werkkamer.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "werkkamer.accounts.middleware.RequireMFAMiddleware",
    "werkkamer.accounts.middleware.StaffSessionTimeoutMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "werkkamer.urls"
WSGI_APPLICATION = "werkkamer.wsgi.application"

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
                "werkkamer.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default must work on a fresh clone
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "werkkamer.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker ---------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # several portals (or test runs) may share one Redis under their own prefixes
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "werkkamer"),
        }
    }
    # Sessions are read from Redis on every request and written through to the database, which
    # stays the record (a flushed cache logs nobody out): one query less per request.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 540)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A save must not hang when the broker is down: fail fast, the beat sweep catches up later.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_TASK_DEFAULT_QUEUE = "werkkamer"
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE: dict[str, dict] = {}

# --- Health ---------------------------------------------------------------------------------
HEALTH_CHECK_WORKER_TIMEOUT = env_int("HEALTH_CHECK_WORKER_TIMEOUT", 2)
# Seconds a worker ping's answer is reused, so /health/ cannot be used to load the worker.
HEALTH_CHECK_WORKER_CACHE_SECONDS = env_int("HEALTH_CHECK_WORKER_CACHE_SECONDS", 5)

# --- Authentication (django-allauth) --------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_ADAPTER = "werkkamer.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# allauth's rate limits (login, password reset) stay on. Failed logins count per client IP and per
# account (e-mail address): 10 a minute from one IP, 5 in 5 minutes for one account.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Werkkamer portaal"
# Roles that must have MFA before they reach any protected page.
MFA_REQUIRED_ROLES = ["staff", "coordinator"]

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", int(timedelta(hours=8).total_seconds()))
# Werkkamer staff can change everything: their session ends after this many idle seconds.
STAFF_SESSION_IDLE_TIMEOUT = env_int("STAFF_SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- E-mail ---------------------------------------------------------------------------------
# The console backend writes invitation and password-reset links into the log: the default only
# with DEBUG. In production it must be chosen explicitly, and a system check then says so.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Werkkamer portaal <noreply@werkkamer.example>")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and media -----------------------------------------------------------------------
# Forms render with the NL Design System form components (templates/django/forms/).
FORM_RENDERER = "werkkamer.core.forms.NLDesignFormRenderer"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded and generated files are never served publicly by URL; views stream them after an
# authorisation check.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Secure by default without DEBUG: HTTPS redirect, Secure cookies and HSTS are on unless switched
# off explicitly (SECURE_SSL_REDIRECT=false, SECURE_COOKIES=false, SECURE_HSTS_SECONDS=0).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The container's health check calls /health/ over plain HTTP; it answers only "up" or "down".
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
# The client IP (allauth's login rate limits) behind the proxy: the address the trusted proxy
# appended to X-Forwarded-For, or the header it sets (e.g. X-Real-IP). Without BEHIND_TLS_PROXY
# both are ignored, so a visitor cannot pick an IP by sending the header.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1) if BEHIND_TLS_PROXY else 0
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
    env_str("TRUSTED_CLIENT_IP_HEADER") or None if BEHIND_TLS_PROXY else None
)
# No inline scripts anywhere: scripts only from our own static files. Inline style attributes are
# allowed (server-rendered SVG charts use them); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging: never log personal data (BSN); see werkkamer.core.logging ---------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "werkkamer.core.logging.RequestIdFilter"},
        "scrub": {"()": "werkkamer.core.logging.ScrubFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "werkkamer.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "scrub"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Optional error reporting: set SENTRY_DSN and install sentry-sdk (pip install '.[sentry]').
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, traces_sample_rate=0.0)

# --- regions ---
# Largest attachment (PDF/DOCX/XLSX) a Werkbedrijf may add to a decision, in megabytes.
REGIONS_ATTACHMENT_MAX_BYTES = env_int("REGIONS_ATTACHMENT_MAX_MB", 10) * 1024 * 1024
# An adopted plan's PDF is rendered once by the worker; a render that failed or whose worker
# died is retried by this beat sweep (seconds between sweeps, and after which a render is stale).
REGIONS_PLAN_PDF_STALE_AFTER = env_int("REGIONS_PLAN_PDF_STALE_AFTER", 300)
CELERY_BEAT_SCHEDULE["regions-plan-pdf-sweep"] = {
    "task": "regions.plan_pdf_sweep",
    "schedule": env_int("REGIONS_PLAN_PDF_SWEEP_INTERVAL", 120),
}

# --- loonwaarde -----------------------------------------------------------------------------
# Days before the re-assessment date at which the assessor and coordinators get a reminder.
LOONWAARDE_REMINDER_DAYS = env_int("LOONWAARDE_REMINDER_DAYS", 30)
# The daily sweep runs at this hour (CELERY_TIMEZONE), so reminders arrive in the morning.
CELERY_BEAT_SCHEDULE["loonwaarde-reassessment-reminders"] = {
    "task": "loonwaarde.reminders_sweep",
    "schedule": crontab(hour=env_int("LOONWAARDE_REMINDER_HOUR", 7), minute=0),
}

# --- banenafspraak ---
# Seconds a queued recompute may wait before the beat sweep sends it again (broker down, lost).
BANENAFSPRAAK_SWEEP_STALE_AFTER = env_int("BANENAFSPRAAK_SWEEP_STALE_AFTER", 30)
# Seconds after which a "running" recompute counts as abandoned (its worker died).
BANENAFSPRAAK_SWEEP_STUCK_AFTER = env_int("BANENAFSPRAAK_SWEEP_STUCK_AFTER", 300)
CELERY_BEAT_SCHEDULE["banenafspraak-distribution-sweep"] = {
    "task": "banenafspraak.distribution_sweep",
    "schedule": env_int("BANENAFSPRAAK_SWEEP_INTERVAL", 60),
}
# Largest base-data or targets file staff may import, in kB (35 regions need a few kB).
BANENAFSPRAAK_IMPORT_MAX_BYTES = env_int("BANENAFSPRAAK_IMPORT_MAX_KB", 1024) * 1024
# Minutes an uploaded import waits for confirmation before it is deleted (it is kept in the
# database, never in the session).
BANENAFSPRAAK_IMPORT_PENDING_MINUTES = env_int("BANENAFSPRAAK_IMPORT_PENDING_MINUTES", 60)
CELERY_BEAT_SCHEDULE["banenafspraak-pending-import-purge"] = {
    "task": "banenafspraak.pending_import_purge",
    "schedule": timedelta(minutes=15),
}

# --- doelgroepregister ----------------------------------------------------------------------
# BSNs are stored only as HMAC-SHA256 with this key (look-up without plaintext). Changing the key
# makes every stored entry unfindable: re-import the extracts after a key change.
DOELGROEPREGISTER_BSN_KEY = env_str("DOELGROEPREGISTER_BSN_KEY")
if not DOELGROEPREGISTER_BSN_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DOELGROEPREGISTER_BSN_KEY is not set. Set a long random secret in the environment "
            "(see .env.example), or DEBUG=true for local development."
        )
    DOELGROEPREGISTER_BSN_KEY = "insecure-development-bsn-key-only-used-with-DEBUG"  # noqa: S105
# Checks per hour for one user and for one organisation (employers); over the limit the check
# is refused with a Dutch message and logged as a failure.
DOELGROEPREGISTER_CHECKS_PER_HOUR_USER = env_int("DOELGROEPREGISTER_CHECKS_PER_HOUR_USER", 60)
DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION = env_int(
    "DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION", 60
)
# Daily budgets of answered BSNs, single and bulk checks together (Europe/Amsterdam days): per
# user and per organisation (an employer; a coordinator without one spends from each of their
# regions' budgets). A list larger than what is left is refused whole. Sized so that one
# employer can check a payroll of normal size (a list of up to BULK_MAX_ROWS) once a day, and
# no one can page through the register.
DOELGROEPREGISTER_BUDGET_PER_DAY_USER = env_int("DOELGROEPREGISTER_BUDGET_PER_DAY_USER", 5000)
DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION = env_int(
    "DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION", 10000
)
# Answered BSNs not in the register, of one user or organisation in 24 hours, from which staff
# see a flag (someone may be trying numbers: the enumeration pattern).
DOELGROEPREGISTER_NOT_FOUND_THRESHOLD = env_int("DOELGROEPREGISTER_NOT_FOUND_THRESHOLD", 1000)
# Bulk checks (a list of own employees): files per hour per user, and rows per file.
DOELGROEPREGISTER_BULK_FILES_PER_HOUR = env_int("DOELGROEPREGISTER_BULK_FILES_PER_HOUR", 10)
DOELGROEPREGISTER_BULK_MAX_ROWS = env_int("DOELGROEPREGISTER_BULK_MAX_ROWS", 5000)
# Failed checks (invalid BSN, over the limit) of one user in 24 hours from which staff see a flag.
DOELGROEPREGISTER_FAILURE_THRESHOLD = env_int("DOELGROEPREGISTER_FAILURE_THRESHOLD", 5)
# Check-log entries older than this many days are deleted every night.
DOELGROEPREGISTER_CHECK_LOG_RETENTION_DAYS = env_int(
    "DOELGROEPREGISTER_CHECK_LOG_RETENTION_DAYS", 365
)
# Largest extract staff may upload, in MB (the file streams to disk, never into memory).
DOELGROEPREGISTER_IMPORT_MAX_MB = env_int("DOELGROEPREGISTER_IMPORT_MAX_MB", 200)
# The one private folder (mode 0700) for files the register works on: extracts being parsed and
# bulk-check lists (plaintext BSNs); the import sweep removes what is older than WORK_MAX_AGE
# seconds (longer than an import may run: its task is stopped after an hour).
DOELGROEPREGISTER_WORK_DIR = Path(
    env_str("DOELGROEPREGISTER_WORK_DIR", str(VAR_DIR / "doelgroepregister-work"))
)
DOELGROEPREGISTER_WORK_MAX_AGE = env_int("DOELGROEPREGISTER_WORK_MAX_AGE", 2 * 3600)
# An upload too large to keep in memory (over FILE_UPLOAD_MAX_MEMORY_SIZE: a register extract, a
# bulk-check list) is spooled by Django to a temp file while the request runs: in the private work
# folder, not the system's, so a web process killed mid-request leaves its plaintext copy where the
# sweep removes it (the folder is made when the app starts).
FILE_UPLOAD_TEMP_DIR = str(DOELGROEPREGISTER_WORK_DIR)
# Seconds without a heartbeat after which a claimed import counts as abandoned (its worker died;
# a live one writes one every 25,000 rows): the sweep queues it again, and fails it with a
# reason after MAX_ATTEMPTS claims.
DOELGROEPREGISTER_IMPORT_STUCK_AFTER = env_int("DOELGROEPREGISTER_IMPORT_STUCK_AFTER", 600)
DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS = env_int("DOELGROEPREGISTER_IMPORT_MAX_ATTEMPTS", 3)
CELERY_BEAT_SCHEDULE["doelgroepregister-import-sweep"] = {
    "task": "doelgroepregister.register_import_sweep",
    "schedule": env_int("DOELGROEPREGISTER_IMPORT_SWEEP_INTERVAL", 120),
}
# The check log (and import progress) is written on its own connection to the same database,
# so it survives a rolled-back request. Not on SQLite (development), whose single writer would
# lock: there it goes through "default" (see doelgroepregister.models.outside_transaction).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["audit"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# A full refresh that would end more than this percentage of the entries valid before it is
# not loaded unless staff confirm by typing the number.
DOELGROEPREGISTER_REFRESH_MAX_END_PERCENT = env_int("DOELGROEPREGISTER_REFRESH_MAX_END_PERCENT", 5)
# Days an ended entry is kept after its end date, and days an import's record and report (and
# a removal's log entry) are kept after it finished; the nightly retention task deletes the rest.
DOELGROEPREGISTER_ENDED_RETENTION_DAYS = env_int("DOELGROEPREGISTER_ENDED_RETENTION_DAYS", 730)
DOELGROEPREGISTER_IMPORT_RETENTION_DAYS = env_int("DOELGROEPREGISTER_IMPORT_RETENTION_DAYS", 365)
CELERY_BEAT_SCHEDULE["doelgroepregister-register-retention"] = {
    "task": "doelgroepregister.register_retention",
    "schedule": timedelta(hours=24),
}
CELERY_BEAT_SCHEDULE["doelgroepregister-check-log-retention"] = {
    "task": "doelgroepregister.check_log_purge",
    "schedule": timedelta(hours=24),
}

# --- banenafspraak (publications) ---
# Seconds after which a queued or rendering publication counts as stalled: the beat sweep resends
# it and staff may retry it (longer than the render task's time limit of 150 s).
BANENAFSPRAAK_PUBLICATION_STALE_AFTER = env_int("BANENAFSPRAAK_PUBLICATION_STALE_AFTER", 300)
# Seconds a region's one-pager PDF stays cached (it is rendered on demand from the snapshot).
BANENAFSPRAAK_REGION_REPORT_CACHE_SECONDS = env_int(
    "BANENAFSPRAAK_REGION_REPORT_CACHE_SECONDS", 24 * 3600
)
CELERY_BEAT_SCHEDULE["banenafspraak-publication-sweep"] = {
    "task": "banenafspraak.publication_sweep",
    "schedule": env_int("BANENAFSPRAAK_PUBLICATION_SWEEP_INTERVAL", 120),
}
# WeasyPrint and fontTools log every rendering step at INFO: keep only their warnings.
LOGGING["loggers"].update({"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}})
