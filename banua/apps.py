from django.apps import AppConfig


class BanuaConfig(AppConfig):
    """The storefront site itself: chrome, health check and the demo-data command."""

    name = "banua"
    verbose_name = "Banua"

    def ready(self):
        from banua import (
            frontend_cache,
            signals,  # noqa: F401 - connects the page-cache invalidation
        )

        frontend_cache.connect()
