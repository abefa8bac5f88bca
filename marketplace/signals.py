"""Signals the marketplace sends. Receivers live in the apps that listen (upper layers),
so the marketplace calls up to them without importing them."""

from django.dispatch import Signal

# Sent with ``variant_ids`` after stock changed through conditional ``UPDATE`` statements
# (checkout, release, re-take), which send no ``post_save``: listeners such as the search
# index must not miss those changes.
stock_changed = Signal()

# Sent with ``account`` (the Stripe Connect account object, a dict) when Stripe reports
# ``account.updated``. The vendors app, which owns a vendor's payout status, listens;
# the webhook dispatcher stays in the marketplace, below the vendors app.
stripe_account_updated = Signal()

# Sent with ``session_ids`` after the seats of experience sessions moved through the
# conditional ``UPDATE`` statements of ``services/seats.py`` (no ``post_save``): a
# session that fills up or frees a seat changes what the search's date filter finds.
seats_changed = Signal()
