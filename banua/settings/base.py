"""Settings shared by every environment.

Everything that differs between a laptop and production comes from environment variables
(documented in .env.example); the defaults here are the safe quick-start ones: SQLite, database
search, the demo payment provider, console e-mail.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from banua.settings.env import env_bool, env_float, env_int, env_list, env_str

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
    "notifications",
    # Shared code at the bottom of the layers; an app only for its admin template.
    "core",
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
    "django_tasks_db",
    "storages",
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
    # Log-in protection (see the "Log-in protection" block below).
    "axes",
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
    # Last, as axes asks: turns a locked-out log-in into the 429 lockout page.
    "axes.middleware.AxesMiddleware",
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
                "marketplace.context_processors.payments_notice",
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

# --- Cache ---------------------------------------------------------------------------------
# REDIS_URL set: Redis, shared by every worker process (page-tree caches are invalidated
# through it, throttling counts in it), wrapped so that Redis being down degrades the site
# (cache misses, throttling off) instead of failing requests; short socket timeouts keep a
# hung Redis from stalling them. Unset: local memory, right for one process only.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "banua.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "banua"),
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_TIMEOUT", 0.5),
                "socket_timeout": env_float("REDIS_TIMEOUT", 0.5),
            },
        }
    }
else:
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
# --- Log-in protection (django-axes) ----------------------------------------------------------
# Every login form (ours at /akun/masuk/, Wagtail's at /admin/login/) goes through
# ``authenticate``; axes' backend refuses a locked-out account or address before the
# password is checked, so a lockout holds even with the right password. Counters are
# rows in the database (axes' database handler, subclassed in banua.login_protection
# for per-parameter limits): shared by every worker with no extra service, and written
# under a row lock. Rules: 5 failures per account OR 20 per address; a lockout ends 15
# minutes after the last counted failure (attempts while locked are not counted, so
# the wait shown is the real one); a successful log-in clears that account's failures.
# Unlock by hand: `manage.py axes_reset_username <name>` / `axes_reset_ip <address>`.
# The seeded demo accounts share one published password: it logs nobody in when DEBUG is
# off (banua.auth.DemoPasswordGuardBackend, Django's ModelBackend otherwise), even on a
# database seeded in development.
AUTHENTICATION_BACKENDS = [
    "banua.login_protection.LoginProtectionBackend",
    "banua.auth.DemoPasswordGuardBackend",
]
AXES_HANDLER = "banua.login_protection.PerParameterLimitHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 5
BANUA_LOGIN_FAILURE_LIMITS = {"username": 5, "ip_address": 20}
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "banua.login_protection.username_normalised"
AXES_LOCKOUT_CALLABLE = "banua.login_protection.lockout_response"
# The address is REMOTE_ADDR: a proxy in front must set it from X-Forwarded-For.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# No row per successful log-in (Wagtail keeps its own log); the Django admin is not
# mounted, so axes' admin pages are off.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False

# One password-reset form for everyone, staff included: /akun/lupa-sandi/ (rate-limited,
# and a mail server that is down does not make it fail). Wagtail's own at
# /admin/password_reset/ would be a second, unguarded one.
WAGTAIL_PASSWORD_RESET_ENABLED = False
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
# The office works in WITA: the admin offers no other zone, so every time an editor reads
# there (lists, inspect pages, history) is the site's.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
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
# --- Media on object storage (S3 or compatible) ------------------------------------------------
# AWS_STORAGE_BUCKET_NAME set: uploads (images, renditions, documents) go to that bucket
# through django-storages, so every app server sees the same files; unset: MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Keys may also come from the instance role; the endpoint only for non-AWS servers.
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = env_str("AWS_LOCATION", "media")
    # Wagtail names renditions after their source: never overwrite a file of the same name.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None  # the bucket policy decides
    # Signed URLs unless the bucket (or its custom domain) is public.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    # Uploads never change under one name (no overwrite): browsers may keep them.
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=31536000"}
    if AWS_ACCESS_KEY_ID and not AWS_SECRET_ACCESS_KEY:
        raise ImproperlyConfigured(
            "AWS_ACCESS_KEY_ID is set, so AWS_SECRET_ACCESS_KEY must be set too."
        )
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

# --- E-mail outbox (notifications app) --------------------------------------------------------
# Mails are stored with the write that causes them and sent by background tasks; a failed
# send is retried (1, 2, 4 ... minutes) by `manage.py notifications_send_pending` until
# this many attempts, then marked failed.
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8)

# --- Background tasks -----------------------------------------------------------------------
# Django's tasks framework (django-tasks backport). The quick start runs tasks immediately;
# production (banua.settings.production) defaults to django-tasks-db's DatabaseBackend,
# run by `manage.py tasks_worker`: an enqueue is a row written in the same transaction as
# the change that caused it, and no extra service is needed (see README "Production").
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
# A task still "running" this long after it started is taken as lost (its worker died on
# another host) and queued again; failed tasks are retried up to TASKS_MAX_ATTEMPTS runs,
# waiting TASKS_RETRY_DELAY seconds, doubled at each attempt. See banua/task_queue.py.
TASKS_STALE_AFTER = env_int("TASKS_STALE_AFTER", 30 * 60)
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 5)
TASKS_RETRY_DELAY = env_int("TASKS_RETRY_DELAY", 60)

# --- Search ---------------------------------------------------------------------------------
# ELASTICSEARCH_URL unset: every search answers from the database.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "banua")
# Request path: a search gives up after this many seconds (no retries) and answers from
# the database. The task worker indexes with the longer ELASTICSEARCH_WORKER_TIMEOUT.
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 2)
ELASTICSEARCH_WORKER_TIMEOUT = env_int("ELASTICSEARCH_WORKER_TIMEOUT", 30)
# Index layout: one shard is right below millions of products; replicas need more nodes.
ELASTICSEARCH_SHARDS = env_int("ELASTICSEARCH_SHARDS", 1)
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 0)
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
            # No retries on the request path: a hung node costs one timeout, then the
            # database answers. OPTIONS go to the Elasticsearch client.
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "INDEX_SETTINGS": {
                "settings": {
                    "index": {
                        "number_of_shards": ELASTICSEARCH_SHARDS,
                        "number_of_replicas": ELASTICSEARCH_REPLICAS,
                    }
                }
            },
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
# PAYMENT_PROVIDER: "stripe" or "demo"; by default "stripe" when keys are set, else "demo".
# Any other name is refused at startup (a typo must never fall back to the demo provider).
PAYMENT_PROVIDER = env_str("PAYMENT_PROVIDER") or (
    "stripe" if STRIPE_SECRET_KEY else "demo"
)
if PAYMENT_PROVIDER not in ("stripe", "demo"):
    raise ImproperlyConfigured(
        f"PAYMENT_PROVIDER must be 'stripe' or 'demo', not {PAYMENT_PROVIDER!r}."
    )
if PAYMENT_PROVIDER == "stripe" and not STRIPE_SECRET_KEY:
    raise ImproperlyConfigured(
        "PAYMENT_PROVIDER is 'stripe', so set STRIPE_SECRET_KEY."
    )
# BANUA_DEMO_PAYMENTS: the demo provider lets a buyer mark their own order paid, so with
# DEBUG off it works only when this is on (every page then says payments are simulated),
# and `manage.py check --deploy` fails on the demo provider without it.
BANUA_DEMO_PAYMENTS = env_bool("BANUA_DEMO_PAYMENTS", False)
# Webhook processing lease, and the age after which `stripe_replay_failed` takes over an
# event that was stored but never processed (its worker died).
STRIPE_EVENT_LEASE_SECONDS = env_int("STRIPE_EVENT_LEASE_SECONDS", 120)
STRIPE_EVENT_GRACE_SECONDS = env_int("STRIPE_EVENT_GRACE_SECONDS", 300)
MARKETPLACE_CURRENCY = "IDR"
# Platform commission on items (basis points: 1000 = 10%); per-vendor/category overrides in admin.
MARKETPLACE_COMMISSION_BP = env_int("MARKETPLACE_COMMISSION_BP", 1000)
# Connect transfers are released when a sub-order ships, or after this many days at the latest.
MARKETPLACE_PAYOUT_DELAY_DAYS = env_int("MARKETPLACE_PAYOUT_DELAY_DAYS", 7)
# How long checkout holds stock while the shopper pays.
MARKETPLACE_RESERVATION_MINUTES = env_int("MARKETPLACE_RESERVATION_MINUTES", 45)
# A shipped sub-order the buyer has not confirmed is completed this many days after shipping
# (`manage.py marketplace_autocomplete_orders`, run daily).
MARKETPLACE_AUTOCOMPLETE_DAYS = env_int("MARKETPLACE_AUTOCOMPLETE_DAYS", 7)

# --- Marketplace: units held by unpaid orders ----------------------------------------------
# At most this many units may be held at once by the unpaid orders of one cart, guest
# session or account, so one shopper cannot lock away a product's whole stock.
MARKETPLACE_MAX_HELD_UNITS = env_int("MARKETPLACE_MAX_HELD_UNITS", 20)
if MARKETPLACE_MAX_HELD_UNITS < 1:
    raise ImproperlyConfigured("MARKETPLACE_MAX_HELD_UNITS must be 1 or more.")

# --- Marketplace: seats of experiences held by unpaid orders --------------------------------
# The same guard for sessions: one cart, guest session or account holds at most this many
# seats (across sessions) in unpaid orders, so nobody locks away a whole tour.
MARKETPLACE_MAX_HELD_SEATS = env_int("MARKETPLACE_MAX_HELD_SEATS", 40)
if MARKETPLACE_MAX_HELD_SEATS < 1:
    raise ImproperlyConfigured("MARKETPLACE_MAX_HELD_SEATS must be 1 or more.")

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
