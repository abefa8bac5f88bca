"""Quick-start settings: DEBUG on, a throwaway secret, everything local."""

from banua.settings.base import *  # noqa: F403
from banua.settings.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# Only for a laptop: production settings refuse to start without a real SECRET_KEY.
SECRET_KEY = (
    env_str("SECRET_KEY") or "dev-only-insecure-key-banua-do-not-use-in-production"
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
