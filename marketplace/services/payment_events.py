"""What each Stripe event does to orders, refunds and vendors.

``marketplace.payments.webhooks`` stores, leases and dispatches verified events; these
handlers are the dispatch map it uses. They live here, above the payments package,
because they call the order and refund services, which themselves use the Stripe client
and the payload helpers of the payments package. ``MarketplaceConfig.ready`` registers
them with ``register()``.
"""

from __future__ import annotations

from collections.abc import Callable

from marketplace.models import Order, OrderStatus
from marketplace.payments import webhooks
from marketplace.payments.webhooks import (
    UnknownObject,
    check_session_amount,
    obj_int,
    obj_str,
)
from marketplace.services.orders import order_cancel_unpaid, order_mark_paid
from marketplace.services.refunds import refund_apply_from_stripe
from marketplace.signals import stripe_account_updated


def order_for_session(session: dict) -> Order:
    """The order a Checkout Session was made for; unknown sessions are an error."""
    session_id = obj_str(session, "id")
    order = Order.objects.filter(checkout_session_id=session_id).first()
    if order is None:
        raise UnknownObject(f"no order for checkout session {session_id}")
    return order


def handle_checkout_session_completed(obj: dict) -> None:
    order = order_for_session(obj)
    check_session_amount(order, obj)
    if obj.get("payment_status") not in ("paid", "no_payment_required"):
        # An asynchronous method: wait for checkout.session.async_payment_succeeded.
        return
    order_mark_paid(
        order_id=order.pk,
        payment_intent_id=obj_str(obj, "payment_intent", required=False),
        note="stripe",
    )


def handle_checkout_session_async_succeeded(obj: dict) -> None:
    order = order_for_session(obj)
    check_session_amount(order, obj)
    order_mark_paid(
        order_id=order.pk,
        payment_intent_id=obj_str(obj, "payment_intent", required=False),
        note="stripe async",
    )


def handle_checkout_session_expired(obj: dict) -> None:
    order = order_for_session(obj)
    order_cancel_unpaid(order_id=order.pk, reason="checkout session expired")


def handle_payment_intent_failed(obj: dict) -> None:
    metadata = obj.get("metadata")
    order_id = metadata.get("order_id") if isinstance(metadata, dict) else None
    order = (
        Order.objects.filter(pk=int(order_id)).first()
        if isinstance(order_id, str) and order_id.isdigit() and len(order_id) < 18
        else None
    )
    intent_id = obj_str(obj, "id")
    if order is None:
        order = Order.objects.filter(payment_intent_id=intent_id).first()
    if order is None:
        raise UnknownObject(f"no order for payment intent {intent_id}")
    last_error = obj.get("last_payment_error")
    message = last_error.get("message") if isinstance(last_error, dict) else None
    error = message if isinstance(message, str) and message else "payment failed"
    order_cancel_unpaid(order_id=order.pk, reason=error)


def handle_charge_refunded(obj: dict) -> None:
    """Refunds made in the Stripe dashboard are applied here, partial ones included.

    Refunds we made ourselves are already recorded, so their echo changes nothing.
    """
    intent_id = obj_str(obj, "payment_intent")
    charge_id = obj_str(obj, "id")
    order = Order.objects.filter(payment_intent_id=intent_id).first()
    if order is None:
        raise UnknownObject(f"no order for charge {charge_id}")
    refunded_minor = obj_int(obj, "amount_refunded", default=0)
    if order.status in (OrderStatus.PENDING, OrderStatus.CANCELLED):
        # A late payment we refunded ourselves (or an unpaid order): nothing to apply.
        return
    refund_apply_from_stripe(
        order_id=order.pk,
        charge_id=charge_id,
        refunded_minor=refunded_minor,
        fully_refunded=obj.get("refunded") is True,
    )


def handle_account_updated(obj: dict) -> None:
    """The vendors app owns a vendor's payout status and listens to this signal."""
    obj_str(obj, "id")
    stripe_account_updated.send(sender=None, account=obj)


HANDLERS: dict[str, Callable[[dict], None]] = {
    "checkout.session.completed": handle_checkout_session_completed,
    "checkout.session.async_payment_succeeded": handle_checkout_session_async_succeeded,
    "checkout.session.async_payment_failed": handle_checkout_session_expired,
    "checkout.session.expired": handle_checkout_session_expired,
    "payment_intent.payment_failed": handle_payment_intent_failed,
    "charge.refunded": handle_charge_refunded,
    "account.updated": handle_account_updated,
}


def register() -> None:
    """Puts the handlers in the webhook dispatcher's map (once per process)."""
    webhooks.HANDLERS.update(HANDLERS)
