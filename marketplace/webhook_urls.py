"""Stripe's webhook URL, outside the language prefixes (mounted at /stripe/ in
banua/urls).
"""

from django.urls import path

from marketplace.views import stripe_webhook

urlpatterns = [path("webhook/", stripe_webhook, name="stripe_webhook")]
