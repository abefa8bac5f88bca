from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

from marketplace.signals import stock_changed


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marketplace")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at module level: these modules import models, which
        # Django's app registry only allows once every app is loaded.
        from marketplace import checks  # noqa: F401 - registers the payment checks
        from marketplace.receivers import merge_guest_cart, stock_alerts_enqueue
        from marketplace.services import payment_events

        payment_events.register()

        user_logged_in.connect(
            merge_guest_cart, dispatch_uid="marketplace_merge_guest_cart"
        )
        stock_changed.connect(
            stock_alerts_enqueue, dispatch_uid="marketplace_stock_alerts"
        )
