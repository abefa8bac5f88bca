from django.apps import AppConfig


class BanuaConfig(AppConfig):
    """The storefront site itself: chrome, health check and the demo-data command."""

    name = "banua"
    verbose_name = "Banua"
