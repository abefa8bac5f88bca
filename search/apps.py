from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at module level: the receivers import models, which
        # Django's app registry only allows once every app is loaded.
        from search import receivers  # noqa: F401 - connects the signal receivers
