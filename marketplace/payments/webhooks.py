"""Stripe webhook processing (dj-stripe pattern).

The view verifies the signature on the raw body, then ``webhook_event_receive`` stores
the
event row first (unique event id: a duplicate gets 200 and no work), and
``webhook_event_process`` runs the handler from the explicit map inside a transaction. A
failing handler leaves the row FAILED with the error and the view answers 500 so Stripe
retries; ``manage.py stripe_replay_failed`` replays such rows. Handlers only move state
forward, so replays and out-of-order deliveries are no-ops.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.models import Order, OrderStatus, WebhookEvent, WebhookEventStatus
from marketplace.money import rupiah_to_stripe_amount, stripe_amount_to_rupiah

logger = logging.getLogger(__name__)


class UnknownObject(Exception):
    """The event is about a session or payment we never created: stored, then
    refused.
    """


def _order_for_session(session: dict) -> Order:
    order = Order.objects.filter(checkout_session_id=session.get("id")).first()
    if order is None:
        raise UnknownObject(f"no order for checkout session {session.get('id')}")
    return order


class AmountMismatch(Exception):
    """Stripe reports a charge that is not the order's total: never mark such an order paid."""


def _check_amount(order: Order, session: dict) -> None:
    """The session's total must be the order's grand total in IDR minor units."""
    amount, currency = session.get("amount_total"), session.get("currency")
    if amount is None:  # older event shapes carry no total; the session was ours
        return
    if (currency or "idr").lower() != "idr" or amount != rupiah_to_stripe_amount(
        order.grand_total
    ):
        raise AmountMismatch(
            f"order {order.number}: Stripe reports {amount} {currency}, "
            f"expected {rupiah_to_stripe_amount(order.grand_total)} idr"
        )


def handle_checkout_session_completed(obj: dict) -> None:
    from marketplace.services.orders import order_mark_paid

    order = _order_for_session(obj)
    _check_amount(order, obj)
    if obj.get("payment_status") not in ("paid", "no_payment_required"):
        # An asynchronous method: wait for checkout.session.async_payment_succeeded.
        return
    order_mark_paid(
        order_id=order.pk,
        payment_intent_id=obj.get("payment_intent") or "",
        note="stripe",
    )


def handle_checkout_session_async_succeeded(obj: dict) -> None:
    from marketplace.services.orders import order_mark_paid

    order = _order_for_session(obj)
    _check_amount(order, obj)
    order_mark_paid(
        order_id=order.pk,
        payment_intent_id=obj.get("payment_intent") or "",
        note="stripe async",
    )


def handle_checkout_session_expired(obj: dict) -> None:
    from marketplace.services.orders import order_cancel_unpaid

    order = _order_for_session(obj)
    order_cancel_unpaid(order_id=order.pk, reason="checkout session expired")


def handle_payment_intent_failed(obj: dict) -> None:
    from marketplace.services.orders import order_cancel_unpaid

    order_id = (obj.get("metadata") or {}).get("order_id")
    order = (
        Order.objects.filter(pk=order_id).first()
        if str(order_id or "").isdigit()
        else None
    )
    if order is None:
        order = Order.objects.filter(payment_intent_id=obj.get("id")).first()
    if order is None:
        raise UnknownObject(f"no order for payment intent {obj.get('id')}")
    error = (obj.get("last_payment_error") or {}).get("message") or "payment failed"
    order_cancel_unpaid(order_id=order.pk, reason=error)


def handle_charge_refunded(obj: dict) -> None:
    """Refunds made in the Stripe dashboard: a full refund refunds the whole order here
    too.

    Refunds we made ourselves are already recorded, so their echo changes nothing.
    """
    from marketplace.services.ledger import order_refund

    order = Order.objects.filter(
        payment_intent_id=obj.get("payment_intent") or "-"
    ).first()
    if order is None:
        raise UnknownObject(f"no order for charge {obj.get('id')}")
    refunded = stripe_amount_to_rupiah(obj.get("amount_refunded") or 0)
    if obj.get("refunded") or refunded >= order.grand_total:
        if order.status not in (
            OrderStatus.REFUNDED,
            OrderStatus.PENDING,
            OrderStatus.CANCELLED,
        ):
            order_refund(order=order, call_provider=False)
    else:
        logger.warning(
            "Partial refund of %s on order %s made outside Banua",
            refunded,
            order.number,
        )


def handle_account_updated(obj: dict) -> None:
    from vendors import services as vendor_services  # lazy: the vendors app owns this

    vendor_services.vendor_payout_status_sync(account=obj)


HANDLERS: dict[str, Callable[[dict], None]] = {
    "checkout.session.completed": handle_checkout_session_completed,
    "checkout.session.async_payment_succeeded": handle_checkout_session_async_succeeded,
    "checkout.session.async_payment_failed": handle_checkout_session_expired,
    "checkout.session.expired": handle_checkout_session_expired,
    "payment_intent.payment_failed": handle_payment_intent_failed,
    "charge.refunded": handle_charge_refunded,
    "account.updated": handle_account_updated,
}


def webhook_event_receive(*, event: dict) -> tuple[WebhookEvent, bool]:
    """Stores the verified event; returns (row, created). A known id is not stored
    again.
    """
    try:
        with transaction.atomic():
            row = WebhookEvent.objects.create(
                event_id=event["id"], type=event.get("type", ""), payload=event
            )
        return row, True
    except IntegrityError:
        return WebhookEvent.objects.get(event_id=event["id"]), False


def webhook_event_process(*, row: WebhookEvent) -> WebhookEvent:
    handler = HANDLERS.get(row.type)
    row.attempts += 1
    if handler is None:
        row.status = WebhookEventStatus.IGNORED
        row.processed_at = timezone.now()
        row.save(update_fields=["status", "attempts", "processed_at"])
        return row
    try:
        with transaction.atomic():
            handler(row.payload["data"]["object"])
    except UnknownObject as error:
        # Not ours (or forged with a valid key): nothing changes, the view answers 400.
        row.status = WebhookEventStatus.FAILED
        row.error = f"unknown object: {error}"
        row.save(update_fields=["status", "error", "attempts"])
        raise
    except Exception as error:  # noqa: BLE001 - recorded, answered 500, retried by Stripe
        logger.exception("Stripe event %s (%s) failed", row.event_id, row.type)
        row.status = WebhookEventStatus.FAILED
        row.error = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=5)}"[
            :5000
        ]
        row.save(update_fields=["status", "error", "attempts"])
        return row
    row.status = WebhookEventStatus.PROCESSED
    row.error = ""
    row.processed_at = timezone.now()
    row.save(update_fields=["status", "error", "attempts", "processed_at"])
    return row
