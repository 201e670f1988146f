"""Settings shared by every environment.

This module is safe for production on its own: DEBUG is off, cookies are
secure and the Content-Security-Policy is strict. ``dev.py`` loosens it for a
laptop, ``test.py`` speeds it up, ``production.py`` demands the secrets.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_proxy_count():
    """``AXES_IPWARE_PROXY_COUNT``: how many reverse proxies stand in front (0 when unset); a clear error otherwise."""
    value = os.environ.get("AXES_IPWARE_PROXY_COUNT", "").strip() or "0"
    if not value.isdigit():
        raise ImproperlyConfigured(
            "The environment variable AXES_IPWARE_PROXY_COUNT must be the number of reverse proxies in front "
            f"of the application (0, 1, 2…), not {value!r}."
        )
    return int(value)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "home",
    "news",
    "guides",
    "hostspace",
    "hostspace.accounts",
    "hostspace.records",
    "hostspace.terms",
    "hostspace.dashboard",
    "hostspace.backoffice",
    "hostspace.tax",
    "hostspace.declarations",
    "hostspace.payments",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
    # After Wagtail: the first app's catalogue wins, and the admin's messages must stay Wagtail's.
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First, so that every response (static files and errors included) says what the browser may use.
    "portal.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after the static files: an anonymous visitor's public page comes from the cache before
    # sessions, authentication or the database are touched (and every page gets its caching headers).
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The Wagtail admin needs a session verified with a second factor.
    "hostspace.accounts.middleware.StaffSecondFactorMiddleware",
    # Another collectivity's page, image or document ids in admin URLs answer 404.
    "portal.admin_tenancy.AdminTenancyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the final answer of authentication views.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out client before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "first_name", "last_name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "hostspace:login"
LOGIN_REDIRECT_URL = "hostspace:dashboard"
# Staff log in through the two-factor login; Wagtail's own login page is closed (portal/urls.py).
WAGTAILADMIN_LOGIN_URL = "two_factor:login"
# A password reset link works for one day (and once: the token changes with the password).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Two-factor authentication (django-two-factor-auth): TOTP with backup codes, no "remember this browser".
TWO_FACTOR_LOGIN_TIMEOUT = 600
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
OTP_TOTP_ISSUER = "Portail taxe de séjour"

# Internationalisation: French first, English under /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Each app keeps its own catalogue in <app>/locale, so strings live beside their code.
LOCALE_PATHS = []
TIME_ZONE = "Europe/Paris"
# Staff choose their admin time zone among those of French collectivities (metropolitan
# and overseas), not among every zone of the server: on Debian that list even holds
# "localtime", which the browser rejects (the account page then fails in the console).
WAGTAIL_USER_TIME_ZONES = [
    "Europe/Paris",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "America/Miquelon",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Noumea",
    "Pacific/Tahiti",
    "Pacific/Wallis",
]
USE_I18N = True
USE_TZ = True

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The application answers MEDIA_URL itself (portal/media.py), with nosniff, a sandbox and downloads for
# anything but images. Off only where a proxy or a bucket serves the public uploads with the same headers.
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", True)
# Hosts' private documents (classification decisions): never served from MEDIA_URL,
# only through permission-checked views (hostspace/records/documents.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps (the API documentation's Swagger UI ships 6 MB of them) are for developers' tools:
# compressing them would only slow collectstatic down.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "swf", "flv"),
    *("woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4", "mpeg", "mpg", "webm", "wmv", "map"),
]

# Cache: Redis when configured, local memory otherwise. Redis is a cache, never a dependency
# (portal/cache.py): "default" serves pages from the database while Redis is away; "security"
# holds the counters that guard accounts, and fails closed. Short socket timeouts, so that a
# Redis that hangs costs a request at most a fraction of a second before the breaker opens.
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL")
CACHE_OPTIONS = {
    "socket_connect_timeout": float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.25")),
    "socket_timeout": float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5")),
    "COOLDOWN": float(os.environ.get("CACHE_RETRY_SECONDS", "5")),
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": CACHE_OPTIONS,
        },
        "security": {
            "BACKEND": "portal.cache.FailFastRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": CACHE_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "security": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "security"},
    }

# The page cache (portal/page_cache.py): how long a public page is kept in Redis for anonymous
# visitors (any change visitors may see retires it at once), and what browsers and proxies are told.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 60 * 10))
# Pages each worker also keeps in its own memory (served without a round trip while it follows the version).
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", 500))
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("PUBLIC_CACHE_MAX_AGE", 60))
PUBLIC_CACHE_S_MAXAGE = int(os.environ.get("PUBLIC_CACHE_S_MAXAGE", 60 * 5))

# A CDN or Varnish in front (README, « Deployment »): Wagtail purges a page's URLs when it is published,
# unpublished or moved; portal/frontend_cache.py purges a whole site when its branding, terms or tariffs
# change. Without these variables nothing is purged, and proxies keep a page PUBLIC_CACHE_S_MAXAGE at most.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    # An HTTP purger (Varnish, nginx with ngx_cache_purge): sends PURGE <url> to this address.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID") and os.environ.get("CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
    }

# Sessions end with the browser unless the host ticks "Se souvenir de moi".
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# An expired form gets the branded page, in the visitor's language, with the way back.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Security headers.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the pages may use (portal.middleware.PermissionsPolicyMiddleware): "self" for
# the tutorial videos' full screen and picture-in-picture, nothing else. Payment stays off: PayFiP
# is reached by redirect, not through the browser's Payment Request API.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self"],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Content-Security-Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# PayFiP (DGFiP), hostspace/payments: the SOAP endpoint and the page the payer is sent to, from the
# environment; each collectivity's numcli and mode (saisie T/X/W) are its « Paiements (régie) » settings.
# The local simulator (dev and test settings only) is never served where PAYFIP_SIMULATOR is off.
PAYFIP_ENDPOINT = os.environ.get("PAYFIP_ENDPOINT", "https://www.payfip.gouv.fr/tpa/services/securite")
PAYFIP_PAYMENT_URL = os.environ.get("PAYFIP_PAYMENT_URL", "https://www.payfip.gouv.fr/tpa/paiementws.web")
PAYFIP_TIMEOUT = float(os.environ.get("PAYFIP_TIMEOUT", "15"))
PAYFIP_SIMULATOR = False


def payfip_form_action(url):
    """The origin the « Payer » form may redirect to (CSP form-action covers redirects), or nothing if relative."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [SELF, *payfip_form_action(PAYFIP_PAYMENT_URL)]

# The job queue (django-tasks, the backport of Django 6's tasks framework): jobs are rows of the
# database, run by a worker process (``manage.py db_worker``), so they survive a restart of the
# web workers and need nothing beyond PostgreSQL. Letters, emails, reminders and payment checks use it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The public API (/api/v1/, portal/api.py). Global defaults stay DRF's, because Wagtail's admin
# API relies on them: each endpoint sets its own authentication, permissions and throttle.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"tariffs": "120/min", "estimate": "60/min", "stays": "600/min"},
    # Behind N reverse proxies, the client is the N-th address from the right (as for logins).
    "NUM_PROXIES": env_proxy_count(),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Portail taxe de séjour – API",
    "DESCRIPTION": (
        "API de la collectivité servie à ce nom d'hôte. Montants en euros, en chaînes décimales ; "
        "taux en pourcentage. Messages dans la langue de l'en-tête Accept-Language (fr, en)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["portal.api.public_endpoints_only"],
    "ENUM_NAME_OVERRIDES": {
        "TaxCategoryEnum": "hostspace.tax.engine.CATEGORY_CODES",
        "SurchargeEnum": "hostspace.tax.api.SURCHARGE_CODES",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Throttling of logins and code guessing (django-axes): counted per account
# *and* client, so that nobody can lock a real host out from elsewhere.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# The email is normalised (case, spaces) so that variants of one address count together.
AXES_USERNAME_CALLABLE = "hostspace.accounts.throttling.username_from_request"
# django-ipware is not installed, so axes would ignore AXES_IPWARE_PROXY_COUNT and see only the
# proxy's address (one shared lockout for everyone behind it): our callable reads X-Forwarded-For safely.
AXES_CLIENT_IP_CALLABLE = "hostspace.accounts.throttling.client_ip"
# axes keeps the posted data of each failure: the wizard's field names must be masked too,
# or passwords and codes would be stored in clear.
AXES_PASSWORD_FORM_FIELD = "auth-password"  # noqa: S105 (a form field name, not a password)
AXES_SENSITIVE_PARAMETERS = [
    "password",
    "old_password",
    "auth-password",
    "new_password1",
    "new_password2",
    "token-otp_token",
    "backup-otp_token",
    "code",
    "activation_code",
    "password1",
    "password2",
]
AXES_RESET_ON_SUCCESS = True
# A refused attempt during a lockout does not start the 15 minutes again: otherwise anyone sharing the
# victim's address (a NAT, a hotel's Wi-Fi) could keep the account locked for ever by trying now and then.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "hostspace.accounts.throttling.lockout_response"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_proxy_count()

# Activation codes sent by letter (hostspace/accounts/activation.py): validity, and wrong codes
# allowed per client within the window before it is refused (hostspace/accounts/throttling.py).
ACTIVATION_CODE_VALIDITY_DAYS = int(os.environ.get("ACTIVATION_CODE_VALIDITY_DAYS", "90"))
ACTIVATION_CODE_MAX_ATTEMPTS = 10
ACTIVATION_CODE_ATTEMPT_WINDOW = 15 * 60  # seconds

# The scheme of every link the portal writes in an email, a letter or a PDF (portal.tenancy.base_url):
# the host name and port are the collectivity's Site's.
PORTAL_URL_SCHEME = os.environ.get("PORTAL_URL_SCHEME", "https")

# Email.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portail taxe de séjour <no-reply@taxesejour.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Wagtail.
WAGTAIL_SITE_NAME = _("Portail taxe de séjour")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://paysdesecrins.localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "csv", "txt"]
# No SVG: an SVG is a document that may carry scripts, stored as uploaded and served from the
# collectivity's own host name (stored XSS). Editors upload JPEG, PNG, WebP or GIF.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Draftail, reading a value it cannot convert as a field error rather than a 500 (portal/rich_text.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "portal.rich_text.CheckedDraftailRichTextArea"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar from an outside service (CSP, privacy): Wagtail shows its default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Request bodies. The reverse proxy refuses larger ones first (README, « Deployment »).
# Form fields (files aside) of one request, kept in memory: the longest page or CGU text
# posted by the admin is a few hundred kilobytes of Draftail JSON.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# The largest admin form of the demo (a tutorial page) has about 50 fields; Django refuses a
# request with more than this many (a forged formset count posts thousands).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Files up to this size stay in memory while a form checks them; larger ones are spooled to a
# temporary file, and never beyond their area's limit (portal/uploads.py).
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# The largest file accepted: hosts send decisions of 5 MB at most; editors, tutorial videos of 50 MB.
UPLOAD_MAX_FILE_SIZE = 5 * 1024 * 1024
ADMIN_UPLOAD_MAX_FILE_SIZE = 50 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
