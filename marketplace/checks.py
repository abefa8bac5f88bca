"""System checks for the marketplace's payment configuration.

Registered in ``MarketplaceConfig.ready``. The demo-provider check is a deploy check:
``manage.py check --deploy`` (run before every production start) fails, so a site whose
Stripe keys went missing refuses to start instead of quietly letting buyers mark their
own orders paid.
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from marketplace.payments.providers import PROVIDERS


@register(Tags.security, deploy=True)
def demo_payments_check(app_configs=None, **kwargs) -> list[Error]:
    if getattr(settings, "PAYMENT_PROVIDER", "") != "demo":
        return []
    if getattr(settings, "BANUA_DEMO_PAYMENTS", False):
        return []
    return [
        Error(
            "The demo payment provider is in use (no Stripe keys): it moves no money "
            "and lets buyers confirm their own payments.",
            hint="Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and "
            "STRIPE_WEBHOOK_SECRET, or set BANUA_DEMO_PAYMENTS=true for a public demo "
            "(every page then says payments are simulated).",
            id="marketplace.E001",
        )
    ]


@register()
def payment_provider_check(app_configs=None, **kwargs) -> list[Error]:
    """Settings other than Banua's own may set any name: it must be one we know."""

    name = getattr(settings, "PAYMENT_PROVIDER", "")
    if name in PROVIDERS:
        return []
    return [
        Error(
            f"Unknown PAYMENT_PROVIDER {name!r}.",
            hint="Use 'stripe' (with the Stripe keys) or 'demo'.",
            id="marketplace.E002",
        )
    ]
