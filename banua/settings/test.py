"""Test settings: fast password hashing, tasks run immediately, no manifest for static files."""

from banua.settings.base import *  # noqa: F403
from banua.settings.env import env_str

DEBUG = False
SECRET_KEY = "test-only-secret-key-banua"  # noqa: S105 - a test key, never deployed
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Each test process keeps its own cache and files even when the services' env exports
# REDIS_URL or an S3 bucket: tests that exercise those (tests/deploy/) switch them on.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "banua-test",
    }
}
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Tests run with DEBUG off and, unless they set Stripe up, on the demo provider: switch
# demo payments on like a public demo would; tests of the fail-closed rules turn it off.
BANUA_DEMO_PAYMENTS = True
# Tests pick their own index names on the shared node, and only tests that ask for it
# (the ``es`` fixture in tests/search/) talk to Elasticsearch: everything else, Wagtail's
# page indexing included, stays on the database even when ELASTICSEARCH_URL is exported.
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "banua_test")
ELASTICSEARCH_URL = ""
ELASTICSEARCH_DSL = {}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No PURGE requests unless a test asks for them (tests/banua/test_edge_cache_varnish.py
# starts its own Varnish), even when the services' env exports BANUA_HTTP_CACHE_URL.
BANUA_HTTP_CACHE_URL = ""
WAGTAILFRONTENDCACHE = {}
