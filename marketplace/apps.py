from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marketplace")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from marketplace.signals import (
            merge_guest_cart,
            order_refunded,
            payout_paid,
            queue_payout_email,
            queue_refund_emails,
        )

        user_logged_in.connect(
            merge_guest_cart, dispatch_uid="marketplace_merge_guest_cart"
        )
        order_refunded.connect(
            queue_refund_emails, dispatch_uid="marketplace_refund_emails"
        )
        payout_paid.connect(queue_payout_email, dispatch_uid="marketplace_payout_email")
