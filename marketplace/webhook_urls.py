"""Stripe's webhook URL, outside the language prefixes (``banua.urls``: /stripe/)."""

from django.urls import path

from marketplace.views import stripe_webhook

urlpatterns = [path("webhook/", stripe_webhook, name="stripe_webhook")]
