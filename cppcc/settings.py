"""Settings for 政协履职管理, read from the environment.

Every variable is listed in `.env.example`. With none set the app runs on the embedded defaults: a
SQLite file in `var/`, Celery tasks run inline, DEBUG off.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env(
    "SECRET_KEY",
    # Only for the embedded demo: production must set its own (check --deploy refuses this one).
    default="django-insecure-demo-key-change-me-in-production-0123456789",
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "cppcc",
    "members",
    "proposals",
    "sentiments",
    "consultations",
    "research",
    "platforms",
    "evaluation",
    "notices",
    "accounts",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "cppcc.security.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cppcc.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed on the way out (WhiteNoise above serves static files pre-compressed): a
    # 250-row sign-in sheet or the register is a tenth of its size on a county's intranet link.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cppcc.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "cppcc.middleware.UnitScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: it locks out after failed logins and must see the authentication result.
    "axes.middleware.AxesMiddleware",
    "cppcc.security.DatabaseUnavailableMiddleware",
    "cppcc.security.VanishedRecordMiddleware",
    "cppcc.security.FriendlyErrorPagesMiddleware",
    "cppcc.security.PrivatePagesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out user before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address lock that pair out for 30 minutes.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_VERBOSE = False

ROOT_URLCONF = "cppcc.urls"
WSGI_APPLICATION = "cppcc.wsgi.application"

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
                "cppcc.context_processors.roles",
                "notices.context_processors.unread",
            ],
        },
    },
]

VAR_DIR = BASE_DIR / "var"
if not env("DATABASE_URL", default=""):
    # The embedded default keeps its SQLite file in var/, which a fresh clone does not have yet.
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
# The embedded default must survive parallel requests: readers do not block the writer (WAL), a
# writer waits for the lock instead of failing at once ("database is locked"), and a write
# transaction takes the lock when it begins, so two of them never deadlock upgrading it.
SQLITE_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory, so a Celery worker in another process can read the test database too.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The first hasher hashes every password a person chooses; the last one only the random initial
# passwords printed on account slips (see cppcc/passwords.py).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "cppcc.passwords.InitialPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "cppcc.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Third-party assets come from npm (package.json); Django serves them, so no page needs a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Reports and imports: never served by URL, only through views that check access (cppcc/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(MEDIA_ROOT / "private")))
# Largest photo accepted (a member's portrait, a deed's picture), in bytes; it is shrunk on upload.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=15 * 1024 * 1024)
# Largest research report accepted, in bytes.
REPORT_MAX_BYTES = env.int("REPORT_MAX_BYTES", default=20 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

# Notices (notices/): the hour (local time) the day-before reminder of a meeting goes out.
MEETING_REMINDER_HOUR = env.int("MEETING_REMINDER_HOUR", default=16)
# How many notices one delivery task sends; a failed channel is tried again after this many seconds,
# doubling each time, at most NOTICE_MAX_ATTEMPTS times.
NOTICE_BATCH_SIZE = env.int("NOTICE_BATCH_SIZE", default=100)
NOTICE_RETRY_SECONDS = env.int("NOTICE_RETRY_SECONDS", default=60)
NOTICE_MAX_ATTEMPTS = env.int("NOTICE_MAX_ATTEMPTS", default=5)
NOTICE_ATTACHMENT_MAX_BYTES = env.int("NOTICE_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
# Links in emails point here.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Email goes out only when EMAIL_HOST is set, through Django's SMTP backend.
EMAIL_HOST = env("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="政协履职管理 <noreply@localhost>")
# SMS: the backend class (notices.channels.sms.LogBackend writes to the log; HttpGatewayBackend posts
# to the intranet gateway at SMS_GATEWAY_URL with SMS_GATEWAY_KEY and a template id per kind).
SMS_BACKEND = env("SMS_BACKEND", default="notices.channels.sms.LogBackend")
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_KEY = env("SMS_GATEWAY_KEY", default="")
SMS_TEMPLATE_IDS = env.dict("SMS_TEMPLATE_IDS", default={})
SMS_TIMEOUT = env.int("SMS_TIMEOUT", default=5)
SMS_MAX_CHARS = env.int("SMS_MAX_CHARS", default=70)
# No SMS between these hours (local time, "start-end"; empty: none); they wait until the end.
SMS_QUIET_HOURS = env("SMS_QUIET_HOURS", default="22-7")

# Celery: with no broker configured tasks run inline, so the demo needs neither Redis nor a worker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="cppcc")
# A page that queues a job answers within seconds even when Redis is down.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
# `celery -A cppcc beat` evaluates the current year every night, so the dashboards are never stale.
CELERY_BEAT_SCHEDULE = {
    "nightly-evaluation": {
        "task": "evaluation.tasks.evaluate_current_year",
        "schedule": crontab(hour=2, minute=30),
    },
    "weekly-token-purge": {
        "task": "cppcc.tasks.purge_submit_tokens",
        "schedule": crontab(hour=3, minute=0, day_of_week=0),
    },
    "publish-due-broadcasts": {"task": "notices.tasks.publish_due_broadcasts", "schedule": crontab()},
    "deliver-due-notices": {"task": "notices.tasks.deliver_due", "schedule": crontab(minute="*/5")},
    "remind-tomorrows-meetings": {
        "task": "notices.tasks.remind_tomorrows_meetings",
        "schedule": crontab(hour=MEETING_REMINDER_HOUR, minute=0),
    },
    # Mid-year and the last quarter: members hear what they still owe of the year's minimum duties.
    "remind-short-duties": {
        "task": "notices.tasks.remind_short_duties",
        "schedule": crontab(day_of_month=1, month_of_year="7,10", hour=9, minute=0),
    },
}

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# HTTPS: behind a proxy that terminates TLS, set HTTPS=true (cookies Secure, redirect, HSTS).
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# How many rows a page of any list shows (the register, proposals, meetings, …).
LIST_PAGE_SIZE = env.int("LIST_PAGE_SIZE", default=50)
# Proposal handling (提案办理): a unit's reply deadline after 交办, in months; the days within which a
# unit may send back a wrongly assigned proposal (退回); the days an invitee has to answer a 联名邀请.
PROPOSAL_REPLY_MONTHS = env.int("PROPOSAL_REPLY_MONTHS", default=3)
PROPOSAL_RETURN_DAYS = env.int("PROPOSAL_RETURN_DAYS", default=10)
PROPOSAL_COSIGN_DAYS = env.int("PROPOSAL_COSIGN_DAYS", default=7)
# Largest reply letter (答复函, PDF) accepted, in bytes.
REPLY_LETTER_MAX_BYTES = env.int("REPLY_LETTER_MAX_BYTES", default=20 * 1024 * 1024)
# Largest member import accepted, in bytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)

# One JSON object a line (LOG_FORMAT=json, for the log collector) or plain text; both carry the request id.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "cppcc.security.RequestIdFilter"},
        "short_forbidden": {"()": "cppcc.logs.ShortForbiddenFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"},
        "json": {"()": "cppcc.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "short_forbidden"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
