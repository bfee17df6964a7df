"""Settings for VIT, read from environment variables.

Development defaults are safe: a SQLite file when ``DATABASE_URL`` is unset and ``DEBUG`` off
unless ``DJANGO_DEBUG`` asks for it. Without ``DEBUG`` (production), a missing ``SECRET_KEY`` or
``ALLOWED_HOSTS`` stops start-up with a clear error.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (a long random string) before starting VIT "
            "in production, or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is not set. Give the host names VIT is served on, "
            "separated by commas (for example vit.example.nl)."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "vit.views.csrf_fout"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "axes",
    "csp",
    "auditlog",
    "mailer",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "vit",
    "principles",
    "assessments",
]

MIDDLEWARE = [
    "vit.logboek.VerzoekLogMiddleware",
    "vit.gezondheid.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vit.middleware.TweedeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "vit.middleware.BeheerCSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vit.urls"
WSGI_APPLICATION = "vit.wsgi.application"

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
                "vit.context_processors.navigatie",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'vit.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request uses it, so after a database restart
        # the next request reconnects instead of failing on the broken connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must hold a handful of people saving at once: write-ahead logging
    # lets readers go on while one writes, IMMEDIATE takes the write lock at the start of a
    # transaction (so no transaction has to upgrade a read lock, which SQLite refuses at once
    # with "database is locked"), and a writer waits up to 20 s for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "mijn-omgeving"
# Name shown in authenticator apps beside the account.
OTP_TOTP_ISSUER = "VIT"
# After this many wrong codes django-otp makes the user wait (1 s, doubling each time).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
# Dutch texts for packages that ship none (the audit log).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("VIT_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

WHITENOISE_USE_FINDERS = DEBUG or env_bool("VIT_PLAIN_STATIC")

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# E-mail never leaves in a request: every message goes into a queue in the database
# (django-mailer) and the worker (`manage.py verstuur_mail`) sends it, with retries. The worker
# uses MAILER_EMAIL_BACKEND: printed to the console in development, SMTP otherwise.
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# No lock file (a worker killed while holding it would stop every other worker): each message
# is locked in the database while it is sent, so several workers never send one twice.
MAILER_USE_FILE_LOCK = False
MAILER_EMPTY_QUEUE_SLEEP = 5
VIT_MAIL_POGINGEN = int(os.environ.get("VIT_MAIL_POGINGEN", "6"))
# Readiness fails when the mail worker has not been seen for this many seconds.
VIT_WERKER_MAX_STILTE = int(os.environ.get("VIT_WERKER_MAX_STILTE", "120"))
MAILER_EMAIL_MAX_RETRIES = VIT_MAIL_POGINGEN
# Retention (AVG): respondents' names and e-mail addresses go this many months after their scan
# is finalised; invitations never used go this many days after their link expired or was
# withdrawn. The mail worker does it once an hour.
VIT_BEWAARTERMIJN_MAANDEN = max(1, int(os.environ.get("VIT_BEWAARTERMIJN_MAANDEN", "12")))
VIT_LINK_OPRUIMEN_DAGEN = max(1, int(os.environ.get("VIT_LINK_OPRUIMEN_DAGEN", "90")))
EMAIL_TIMEOUT = 10
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "VIT <noreply@vit.invalid>")

# Security headers. HTTPS settings are on by default outside development.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = True
_https = env_bool("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https and env_bool("DJANGO_SSL_REDIRECT", default=True)
# Probes of the hosting platform ask over plain HTTP inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https

# Content-Security-Policy: no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Brute-force protection: lock an account+address out after repeated failed logins.
AXES_FAILURE_LIMIT = int(os.environ.get("VIT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
# Behind a hosting party's reverse proxies: how many there are, so that the lock-out counts the
# client's address (from X-Forwarded-For as the proxies set it), not the proxy's.
VIT_PROXY_COUNT = int(os.environ.get("VIT_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "vit.netwerk.client_ip"

# Anonymised comparison: every shown figure needs at least this many gemeenten (never below 5).
VIT_ANONIMITEIT_K = max(5, int(os.environ.get("VIT_ANONIMITEIT_K", "5")))
# Coördinatoren see names and e-mail addresses of respondents: when on, they must log in with
# the second step too (as VNG roles always do). Anyone else may turn it on for themselves.
VIT_TWEEDE_STAP_COORDINATOREN = env_bool("VIT_TWEEDE_STAP_COORDINATOREN")
# Requests for access (/aanmelden/) taken in per e-mail address a day and per IP an hour.
VIT_AANMELDEN_PER_ADRES = int(os.environ.get("VIT_AANMELDEN_PER_ADRES", "3"))
VIT_AANMELDEN_PER_IP = int(os.environ.get("VIT_AANMELDEN_PER_IP", "10"))
# A coördinator sends at most this many invitations to colleagues per hour (resends included).
VIT_UITNODIGINGEN_PER_UUR = max(1, int(os.environ.get("VIT_UITNODIGINGEN_PER_UUR", "20")))

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nlds",)
CRISPY_TEMPLATE_PACK = "nlds"

AUDITLOG_INCLUDE_ALL_MODELS = False

# Logs: JSON lines in production (for the platform's log collector), plain text in
# development; one line per request from vit.logboek.VerzoekLogMiddleware (in development the
# development server prints its own request lines).
VIT_LOG_FORMAAT = os.environ.get("VIT_LOG_FORMAAT", "tekst" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"paden": {"()": "vit.logboek.MaskeerPaden"}},
    "formatters": {
        "json": {"()": "vit.logboek.JsonFormatter"},
        "tekst": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if VIT_LOG_FORMAAT == "json" else "tekst",
            "filters": ["paden"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("VIT_LOG_LEVEL", "WARNING")},
    "loggers": {
        "vit.verzoek": {"level": "WARNING" if DEBUG else "INFO"},
        "vit.werker": {"level": "INFO"},
    },
}
