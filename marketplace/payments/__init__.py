"""Payments: the provider interface, the one Stripe client, the webhook dispatcher."""
