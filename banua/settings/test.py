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
ALLOWED_HOSTS = ["*"]
# Tests pick their own index names on the shared node.
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "banua_test")
