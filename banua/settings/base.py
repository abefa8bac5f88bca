"""Settings shared by every environment.

Everything that differs between a laptop and production comes from environment variables
(documented in .env.example); the defaults here are the safe quick-start ones: SQLite, database
search, the demo payment provider, console e-mail.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from banua.settings.env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Banua's own apps first so their templates override the library defaults.
    "banua",
    "tourism",
    "vendors",
    "marketplace",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Only so its Swagger UI page loads the JS/CSS django-ninja ships (static files)
    # instead of its CDN template.
    "ninja",
    "django_tasks",
    "django_elasticsearch_dsl",
    "rest_framework",
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
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "banua.middleware.EdgeCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "banua.urls"
WSGI_APPLICATION = "banua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "banua.context_processors.site_chrome",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL, e.g. postgres://banua:secret@127.0.0.1:5432/banua; a SQLite file by default.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Local memory by default. With several worker processes use a shared cache (Redis,
# Memcached): page-tree caches are invalidated through it, and throttling counts in it.
CACHES = {
    "default": {
        "BACKEND": env_str(
            "CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": env_str("CACHE_LOCATION", "banua"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "vendors:login"
LOGIN_REDIRECT_URL = "vendors:dashboard"
LOGOUT_REDIRECT_URL = "/"

# --- Locale ---------------------------------------------------------------------------------
# Indonesian is the default language and lives at /, English at /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"  # WITA, UTC+8
USE_I18N = True
USE_TZ = True
# Indonesian number style everywhere (Rp 150.000), whatever language the visitor reads.
USE_THOUSAND_SEPARATOR = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Banua <noreply@banua.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -----------------------------------------------------------------------
# Django's tasks framework (django-tasks backport). The quick start runs tasks immediately;
# production points TASKS_BACKEND at a queue-backed backend.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# --- Search ---------------------------------------------------------------------------------
# ELASTICSEARCH_URL unset: every search answers from the database.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "banua")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)
# django-elasticsearch-dsl only declares the product document here; connections are made
# lazily by search.engine, and syncing runs after commit through search's own tasks.
ELASTICSEARCH_DSL = (
    {"default": {"hosts": [ELASTICSEARCH_URL]}} if ELASTICSEARCH_URL else {}
)
ELASTICSEARCH_DSL_AUTOSYNC = False
ELASTICSEARCH_DSL_AUTO_REFRESH = False
ELASTICSEARCH_DSL_SIGNAL_PROCESSOR = "search.signals.OnCommitSignalProcessor"
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}_wagtail_",
            "TIMEOUT": ELASTICSEARCH_TIMEOUT,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }

# --- Payments -------------------------------------------------------------------------------
# With no Stripe keys the site uses the demo payment provider, which moves no money.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
# Only set to talk to stripe-mock or another Stripe-compatible endpoint (tests, CI).
STRIPE_API_BASE = env_str("STRIPE_API_BASE")
STRIPE_PAYMENT_METHOD_TYPES = env_list("STRIPE_PAYMENT_METHOD_TYPES", ["card"])
if STRIPE_SECRET_KEY and not (STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET):
    raise ImproperlyConfigured(
        "STRIPE_SECRET_KEY is set, so STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET "
        "must be set too (or unset all three to use the demo payment provider)."
    )
PAYMENT_PROVIDER = "stripe" if STRIPE_SECRET_KEY else "demo"
MARKETPLACE_CURRENCY = "IDR"
# Platform commission on items (basis points: 1000 = 10%); per-vendor/category overrides in admin.
MARKETPLACE_COMMISSION_BP = env_int("MARKETPLACE_COMMISSION_BP", 1000)
# Connect transfers are released when a sub-order ships, or after this many days at the latest.
MARKETPLACE_PAYOUT_DELAY_DAYS = env_int("MARKETPLACE_PAYOUT_DELAY_DAYS", 7)
# How long checkout holds stock while the shopper pays.
MARKETPLACE_RESERVATION_MINUTES = env_int("MARKETPLACE_RESERVATION_MINUTES", 45)

# --- HTTP cache (Varnish) -------------------------------------------------------------------
# Anonymous public pages (tourism pages, product, shop, catalogue) carry
# `Cache-Control: public, s-maxage=BANUA_EDGE_CACHE_SECONDS, max-age=0` (0 turns that off);
# everything else is private (banua.edge_cache). BANUA_HTTP_CACHE_URL is the cache the
# site sends PURGE requests to (scripts/services/varnish.sh prints it): Wagtail purges
# pages on publish, unpublish and move, banua.frontend_cache purges products and shops.
BANUA_EDGE_CACHE_SECONDS = env_int("BANUA_EDGE_CACHE_SECONDS", 300)
BANUA_HTTP_CACHE_URL = env_str("BANUA_HTTP_CACHE_URL")
BANUA_HTTP_CACHE_PURGE_TIMEOUT = env_int("BANUA_HTTP_CACHE_PURGE_TIMEOUT", 2)
if BANUA_HTTP_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "banua.frontend_cache.PurgeBackend",
            "LOCATION": BANUA_HTTP_CACHE_URL,
        }
    }
# Purged URLs are listed per language by banua.frontend_cache and by each translated
# page itself; Wagtail's own /<lang>/ rewriting does not fit an unprefixed Indonesian.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Banua"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_FORMAT_CONVERSIONS = {
    "bmp": "webp",
    "png": "webp",
    "jpeg": "webp",
    "gif": "webp",
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # The immediate backend logs every task twice at INFO; only problems are worth seeing.
        "django_tasks": {"level": "WARNING"},
    },
}
