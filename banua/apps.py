from django.apps import AppConfig


class BanuaConfig(AppConfig):
    """The storefront site itself: chrome, health check and the demo-data command."""

    name = "banua"
    verbose_name = "Banua"

    def ready(self):
        # Imported here, not at module level: both import models of every app, which
        # Django's app registry only allows once every app is loaded.
        from banua import (
            frontend_cache,
            signals,  # noqa: F401 - connects the page-cache invalidation
        )

        frontend_cache.connect()
