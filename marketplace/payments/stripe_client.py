"""The one thin wrapper around the Stripe SDK. Nothing else in Banua imports ``stripe``.

Why one module: the API version is pinned in one place, every create call carries an
idempotency key built from our own ids (so a retried request never charges, transfers or
refunds twice), and tests point the whole project at stripe-mock through
``settings.STRIPE_API_BASE``. Every function returns plain dicts, so callers never
depend on SDK objects.
"""

from __future__ import annotations

from typing import Any

import stripe
from django.conf import settings

# Pinned: sent on every request; upgrading it is a deliberate change.
STRIPE_API_VERSION = "2026-10-28.endive"
WEBHOOK_TOLERANCE_SECONDS = 300

SignatureVerificationError = stripe.SignatureVerificationError
StripeError = stripe.StripeError


def is_configured() -> bool:
    """Whether the site has Stripe keys at all. Without them every call would fail
    with an authentication error, which is not "Stripe cannot be reached": callers
    check this first and say that Stripe is not set up."""
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def _client() -> stripe.StripeClient:
    """A client built per call from settings, so tests can override settings freely."""
    base = getattr(settings, "STRIPE_API_BASE", "") or ""
    kwargs: dict[str, Any] = {
        "stripe_version": STRIPE_API_VERSION,
        "max_network_retries": 2,
    }
    if base:
        kwargs["base_addresses"] = {"api": base, "connect": base, "files": base}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY or "sk_test_missing", **kwargs
    )


def _plain(obj: Any) -> dict:
    """SDK objects -> plain dicts (recursively), the only shape callers see."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return dict(obj)


# --- Connect (used by vendors.services) ---------------------------------------
def account_create_express(*, vendor_id: int, email: str, country: str = "ID") -> dict:
    """An Express connected account for one vendor; the key makes retries harmless."""
    account = _client().v1.accounts.create(
        params={
            "type": "express",
            "country": country,
            "email": email,
            "capabilities": {"transfers": {"requested": True}},
            "metadata": {"vendor_id": str(vendor_id)},
        },
        options={"idempotency_key": f"banua-account-vendor-{vendor_id}"},
    )
    return _plain(account)


def account_link_create(*, account_id: str, refresh_url: str, return_url: str) -> str:
    """The one-time onboarding URL Stripe hosts for the vendor."""
    link = _client().v1.account_links.create(
        params={
            "account": account_id,
            "refresh_url": refresh_url,
            "return_url": return_url,
            "type": "account_onboarding",
        },
    )
    return link.url


def account_retrieve(*, account_id: str) -> dict:
    return _plain(_client().v1.accounts.retrieve(account_id))


# --- Checkout -----------------------------------------------------------------
def checkout_session_create(
    *,
    order_id: int,
    attempt: int,
    line_items: list[dict],
    customer_email: str,
    success_url: str,
    cancel_url: str,
    transfer_group: str,
    payment_method_types: list[str],
    expires_at: int | None = None,
    locale: str = "auto",
) -> dict:
    """A Checkout Session for one order.

    ``line_items`` already carry IDR minor units (rupiah x 100). Separate charges and
    transfers: the charge lands on the platform, tagged with the order's transfer group,
    and each vendor is paid later by its own transfer.
    """
    params: dict[str, Any] = {
        "mode": "payment",
        "line_items": line_items,
        "customer_email": customer_email,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "payment_method_types": payment_method_types,
        "client_reference_id": str(order_id),
        "metadata": {"order_id": str(order_id)},
        "payment_intent_data": {
            "transfer_group": transfer_group,
            "metadata": {"order_id": str(order_id)},
        },
        "locale": locale,
    }
    if expires_at:
        params["expires_at"] = expires_at
    session = _client().v1.checkout.sessions.create(
        params=params,
        options={"idempotency_key": f"banua-checkout-order-{order_id}-{attempt}"},
    )
    return _plain(session)


def checkout_session_retrieve(*, session_id: str) -> dict:
    return _plain(_client().v1.checkout.sessions.retrieve(session_id))


def checkout_session_expire(*, session_id: str) -> dict:
    return _plain(_client().v1.checkout.sessions.expire(session_id))


# --- Transfers and refunds ----------------------------------------------------
def transfer_create(
    *,
    payout_id: int,
    amount_minor: int,
    currency: str,
    destination: str,
    transfer_group: str,
    source_transaction: str | None = None,
    metadata: dict | None = None,
) -> dict:
    """Pays one vendor its net share of one sub-order (separate charges/transfers)."""
    params: dict[str, Any] = {
        "amount": amount_minor,
        "currency": currency.lower(),
        "destination": destination,
        "transfer_group": transfer_group,
        "metadata": metadata or {},
    }
    if source_transaction:
        params["source_transaction"] = source_transaction
    transfer = _client().v1.transfers.create(
        params=params, options={"idempotency_key": f"banua-transfer-payout-{payout_id}"}
    )
    return _plain(transfer)


def transfer_reversal_create(
    *, transfer_id: str, amount_minor: int, refund_id: int
) -> dict:
    """Takes back (part of) a vendor's transfer when its sub-order is refunded."""
    reversal = _client().v1.transfers.reversals.create(
        transfer_id,
        params={"amount": amount_minor},
        options={"idempotency_key": f"banua-reversal-refund-{refund_id}"},
    )
    return _plain(reversal)


def refund_create(*, refund_id: int, payment_intent: str, amount_minor: int) -> dict:
    refund = _client().v1.refunds.create(
        params={"payment_intent": payment_intent, "amount": amount_minor},
        options={"idempotency_key": f"banua-refund-{refund_id}"},
    )
    return _plain(refund)


# --- Webhooks -----------------------------------------------------------------
def webhook_event_construct(*, payload: bytes, sig_header: str, secret: str) -> dict:
    """Verifies the signature on the raw body (with the time tolerance) and parses it.

    Raises ``SignatureVerificationError`` for forged or stale events and
    ``ValueError`` for a body that is not JSON.
    """
    event = stripe.Webhook.construct_event(
        payload, sig_header, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
    )
    return _plain(event)
