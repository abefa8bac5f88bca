import os

import pytest


@pytest.fixture
def stripe_settings(settings):
    """Points the Stripe client at stripe-mock (tests marked ``stripe`` only)."""
    settings.STRIPE_API_BASE = os.environ.get(
        "STRIPE_API_BASE", "http://127.0.0.1:12111"
    )
    settings.STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "sk_test_123")
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_123"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_banua"
    settings.PAYMENT_PROVIDER = "stripe"
    return settings
