"""Template values for every page that the marketplace owns."""

from django.conf import settings


def payments_notice(request) -> dict:
    """``demo_payments``: True when the demo provider takes the payments, so the base
    template can say on every page that no money moves (a shopper must never believe a
    simulated payment was real).
    """
    return {
        "demo_payments": getattr(settings, "PAYMENT_PROVIDER", "demo") == "demo",
    }
