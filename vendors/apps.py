from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from marketplace.signals import stock_changed, stripe_account_updated


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = _("Vendors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at module level: receivers import services and models,
        # which Django's app registry only allows once every app is loaded.
        from vendors import receivers

        stripe_account_updated.connect(
            receivers.stripe_account_updated,
            dispatch_uid="vendors_stripe_account_updated",
        )
        stock_changed.connect(
            receivers.stock_changed_check_low_stock,
            dispatch_uid="vendors_low_stock",
        )
