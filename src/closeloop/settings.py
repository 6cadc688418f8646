"""Django settings, read from the environment so the same code runs embedded and in production.

The embedded default is SQLite in ./var/ with no Redis, so `make run` works on a bare machine.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("CLOSELOOP_VAR_DIR", Path.cwd() / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG", False)
# An embedded demo key only; production sets SECRET_KEY (checked by `closeloop check --deploy`).
SECRET_KEY = os.environ.get("SECRET_KEY", "closeloop-insecure-embedded-key-change-me")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "closeloop.core",
    "closeloop.org",
    "closeloop.policy",
    "closeloop.cases",
    "closeloop.sla",
    "closeloop.supervision",
    "closeloop.notify",
    "closeloop.intake",
    "closeloop.imports",
    "closeloop.nlp",
    "closeloop.assist",
    "closeloop.knowledge",
    "closeloop.demo",
    "closeloop.web",
    "closeloop.portal",
    "closeloop.disclosure",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "closeloop.urls"
WSGI_APPLICATION = "closeloop.wsgi.application"

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
                "django.template.context_processors.i18n",
                "closeloop.web.context.staff",
                "closeloop.notify.context.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'closeloop.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the single writer; the busy timeout makes writers queue, not fail.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# Evidence files larger than this are refused with a 400 rather than filling the disk.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(25 * 1024 * 1024)))

REDIS_URL = os.environ.get("REDIS_URL", "")

# Background work. With a broker (Redis) tasks go to Celery workers and beat; without one, as in
# the embedded default, `closeloop jobs` runs the same schedule in-process and tasks run eagerly.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
# Seconds between SLA sweeps and between outgoing-notification passes.
SLA_SWEEP_INTERVAL = int(os.environ.get("SLA_SWEEP_INTERVAL", "60"))
NOTIFY_SEND_INTERVAL = int(os.environ.get("NOTIFY_SEND_INTERVAL", "30"))
# Days an Idempotency-Key is remembered; a retry after that registers a new complaint.
INTAKE_KEY_RETENTION_DAYS = int(os.environ.get("INTAKE_KEY_RETENTION_DAYS", "7"))
# Seconds a registered case may wait for its screening task before the sweep screens it itself:
# long enough for a worker's backlog after a burst, short enough that a lost task is noticed.
SCREENING_GRACE = int(os.environ.get("SCREENING_GRACE", "600"))
# Seconds between polls of the intake mailboxes (IMAP; configured under Configuration → Mailboxes).
MAIL_POLL_INTERVAL = int(os.environ.get("MAIL_POLL_INTERVAL", "60"))
# Seconds between looks for queued import jobs (uploads of transfers and ledgers).
IMPORT_RUN_INTERVAL = int(os.environ.get("IMPORT_RUN_INTERVAL", "10"))

# Outgoing messages. The embedded default writes each e-mail to a file under var/mail/ (read them
# there); production sets EMAIL_BACKEND to Django's SMTP backend and the EMAIL_* below.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "closeloop@localhost")
# Dotted path of the SMS backend; the default logs a masked number instead of sending.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "closeloop.notify.sms.LogBackend")
# Absolute base of links in outgoing messages (survey links, case links for staff).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "closeloop.org.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "closeloop.core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "closeloop.core.api.exception_handler",
    "PAGE_SIZE": 25,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Closeloop API",
    "DESCRIPTION": "Complaint handling and supervision platform (投诉处理监督管理系统).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models share field names ("status", "channel", "kind") with different choice sets.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "closeloop.cases.choices.Status",
        "IntakeChannelEnum": "closeloop.cases.choices.Channel",
        "EmotionEnum": "closeloop.cases.choices.Emotion",
        "EvidenceKindEnum": "closeloop.cases.choices.EvidenceKind",
        "InvestigationMethodEnum": "closeloop.cases.choices.InvestigationMethod",
        "LiablePartyTypeEnum": "closeloop.cases.choices.LiablePartyType",
        "PlanStatusEnum": "closeloop.cases.choices.PlanStatus",
        "ReviewStatusEnum": "closeloop.cases.choices.ReviewStatus",
        "NegotiationOutcomeEnum": "closeloop.cases.choices.NegotiationOutcome",
        "ReplyChannelEnum": "closeloop.org.choices.ReplyChannel",
        "CustomerTierEnum": "closeloop.org.choices.CustomerTier",
        "RoleEnum": "closeloop.org.choices.Role",
        "GradeEnum": "closeloop.policy.choices.Grade",
        "RemedyKindEnum": "closeloop.policy.choices.RemedyKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Run in-process (no broker), every task would log a "succeeded" line into the web server's
    # and `closeloop jobs`' output; workers keep them.
    "loggers": {
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
        # WeasyPrint narrates every step of every PDF at INFO; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Workflow knobs that are deployment policy rather than per-case data.
# A follow-up below this satisfaction (1-10) counts as dissatisfied and reopens the case.
FOLLOW_UP_REOPEN_BELOW = int(os.environ.get("FOLLOW_UP_REOPEN_BELOW", "6"))
# Close is allowed without a reached follow-up after this many documented unreachable attempts.
FOLLOW_UP_UNREACHABLE_ATTEMPTS = int(os.environ.get("FOLLOW_UP_UNREACHABLE_ATTEMPTS", "3"))
# Archives are kept this long after closure before deletion or anonymisation (PIPL).
ARCHIVE_RETENTION_YEARS = int(os.environ.get("ARCHIVE_RETENTION_YEARS", "5"))
# Public data sets beside the checkout (../shared/data) feed demo texts when present; never committed.
SHARED_DATA_DIR = Path(os.environ.get("CLOSELOOP_SHARED_DATA", BASE_DIR.parents[2] / "shared" / "data"))
