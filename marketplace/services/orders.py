"""Order state: the one place statuses move, with their history, stock and ledger."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError
from marketplace.models import (
    CartItem,
    Order,
    OrderStatus,
    OrderStatusChange,
    ProductVariant,
    ReservationStatus,
    StockReservation,
    SubOrder,
)
from marketplace.payments import stripe_client
from marketplace.payments.webhooks import (
    AmountMismatch,
    UnknownObject,
    check_session_amount,
    obj_str,
    payment_event_pending,
)
from marketplace.services.ledger import ledger_record_sale, payout_release_on_ship
from marketplace.services.notifications import (
    order_paid_queue_emails,
    order_tickets_queue_email,
    suborder_completed_queue_email,
    suborder_shipped_queue_email,
)
from marketplace.services.refunds import order_refund_unfulfillable as refund
from marketplace.services.reservations import (
    reservations_commit_for_order,
    reservations_release_for_order,
)
from marketplace.services.seats import session_take, session_unbook
from marketplace.services.stock import variant_take, variant_untake
from marketplace.services.tickets import tickets_issue_for_order
from marketplace.services.transitions import (
    order_lock,
    order_status_sync,
    status_transition,
)
from marketplace.signals import stock_changed

logger = logging.getLogger(__name__)


def _retake_stock(order: Order) -> bool:
    """For a payment that arrives after its reservation lapsed: take the units off
    the shelf again if that many are still sellable (``stock - n`` where
    ``stock - held >= n``).
    """
    all_lines = [line for sub in order.suborders.all() for line in sub.lines.all()]
    lines = sorted(
        (line.variant_id, line.quantity) for line in all_lines if line.variant_id
    )
    bookings = sorted(
        (line.session_id, line.quantity) for line in all_lines if line.session_id
    )
    taken, booked = [], []

    def undo() -> bool:
        for back_id, back_qty in taken:
            variant_untake(variant_id=back_id, quantity=back_qty)
        for back_id, back_seats in booked:
            session_unbook(session_id=back_id, seats=back_seats)
        return False

    for variant_id, quantity in lines:
        if not variant_take(variant_id=variant_id, quantity=quantity):
            return undo()
        taken.append((variant_id, quantity))
    for session_id, seats in bookings:
        if not session_take(session_id=session_id, seats=seats):
            return undo()
        booked.append((session_id, seats))
    StockReservation.objects.filter(order=order).update(
        status=ReservationStatus.COMMITTED
    )
    order.seat_reservations.update(status=ReservationStatus.COMMITTED)
    stock_changed.send(sender=ProductVariant, variant_ids=[pk for pk, _q in taken])
    return True


def order_mark_paid(
    *, order_id: int, payment_intent_id: str = "", note: str = ""
) -> Order:
    """Payment confirmed (Stripe webhook or the demo page): one path for both.

    Safe to call twice: an order already past pending is left as it is. A payment for an
    order that was cancelled meanwhile takes its stock again; if the stock is gone,
    the payment is refunded.
    """

    refund_needed = False
    with transaction.atomic():
        order = order_lock(order_id)
        if order.status == OrderStatus.CANCELLED:
            if not _retake_stock(order):
                refund_needed = True
            else:
                # Reopen through the history so the record shows what happened.
                OrderStatusChange.objects.create(
                    order=order,
                    from_status=OrderStatus.CANCELLED,
                    to_status=OrderStatus.PENDING,
                    note="late payment; stock taken again",
                )
                order.status = OrderStatus.PENDING
                # Its cart may have a new open order by now; this one is paid in a
                # moment, so it leaves the cart's one-open-order slot alone.
                order.cart = None
                order.save(update_fields=["status", "cart"])
                SubOrder.objects.filter(order=order).update(status=OrderStatus.PENDING)
        if order.status != OrderStatus.PENDING or refund_needed:
            if payment_intent_id and not order.payment_intent_id:
                order.payment_intent_id = payment_intent_id
                order.save(update_fields=["payment_intent_id"])
        else:
            order.paid_at = timezone.now()
            if payment_intent_id:
                order.payment_intent_id = payment_intent_id
            order.payment_error = ""
            order.save(update_fields=["paid_at", "payment_intent_id", "payment_error"])
            status_transition(order, to=OrderStatus.PAID, note=note)
            for suborder in (
                SubOrder.objects.select_for_update().filter(order=order).order_by("id")
            ):
                status_transition(suborder, to=OrderStatus.PAID, note=note)
                ledger_record_sale(suborder=suborder)
            _clear_bought_items(order)
            # In the payment transition, so a paid booking always has its ticket
            # (and a replayed payment finds it and issues none).
            tickets_issue_for_order(order=order)
            # Stored in this transaction (the outbox), sent by a task after commit.
            order_paid_queue_emails(order_id=order.pk)
            order_tickets_queue_email(order_id=order.pk)
            # Last: popular variants' rows stay locked only from here to the commit.
            reservations_commit_for_order(order=order)
    if refund_needed:
        logger.warning(
            "Order %s paid after its stock was sold; refunding", order.number
        )
        order_refund_unfulfillable(order=order)
    return order


def order_refund_unfulfillable(*, order: Order):
    """Gives the money back for a payment we cannot honour (sold out while it was
    late); recorded as a Refund, in the ledger and in the history (see refunds).
    """

    return refund(order=order)


def _clear_bought_items(order: Order) -> None:
    lines = [line for sub in order.suborders.all() for line in sub.lines.all()]
    variant_ids = [line.variant_id for line in lines if line.variant_id]
    session_ids = [line.session_id for line in lines if line.session_id]
    owners = (
        Q(cart__session_key=order.session_key) if order.session_key else Q(pk__in=[])
    )
    if order.buyer_id:
        owners |= Q(cart__user_id=order.buyer_id)
    CartItem.objects.filter(
        owners, Q(variant_id__in=variant_ids) | Q(session_id__in=session_ids)
    ).delete()


def order_cancel_unpaid(*, order_id: int, reason: str = "") -> Order:
    """Expiry, failed payment or the shopper's own cancel: the stock goes back. It only
    moves an order forward."""
    with transaction.atomic():
        order = order_lock(order_id)
        if order.status != OrderStatus.PENDING:
            return order
        reservations_release_for_order(order=order)
        if reason:
            order.payment_error = reason[:255]
            order.save(update_fields=["payment_error"])
        status_transition(order, to=OrderStatus.CANCELLED, note=reason)
        for suborder in (
            SubOrder.objects.select_for_update().filter(order=order).order_by("id")
        ):
            status_transition(suborder, to=OrderStatus.CANCELLED, note=reason)
    return order


def reservations_release_expired(*, now=None) -> int:
    """Cancels pending orders whose reservation lapsed; returns how many. Safe to rerun.

    Never cancels an order that may be paid: one with a Stripe payment event stored but
    not processed yet (its delivery failed or died; the replay will mark it paid), or
    whose Checkout Session Stripe reports complete (marked paid here instead). Stripe
    is asked before any lock is taken; when it cannot be reached the order waits for
    the next run rather than being cancelled blind.
    """

    now = now or timezone.now()
    pending = list(
        Order.objects.filter(
            status=OrderStatus.PENDING, expires_at__lt=now
        ).values_list("pk", "payment_provider", "checkout_session_id")
    )
    cancelled = 0
    for order_id, provider, session_id in pending:
        if payment_event_pending(checkout_session_id=session_id):
            continue
        # Without a secret key Stripe cannot be asked (only test settings allow that:
        # production refuses to start on the Stripe provider without one).
        if (
            provider == "stripe"
            and session_id
            and getattr(settings, "STRIPE_SECRET_KEY", "")
        ):
            verdict = _stripe_session_verdict(order_id=order_id, session_id=session_id)
            if verdict != "cancel":
                continue
        order = order_cancel_unpaid(order_id=order_id, reason="reservation expired")
        cancelled += order.status == OrderStatus.CANCELLED
    return cancelled


def _stripe_session_verdict(*, order_id: int, session_id: str) -> str:
    """ "paid" (and marked so), "wait" or "cancel", from the Checkout Session's state.

    An open session is expired first, so the shopper cannot pay after we cancel; if
    Stripe says it completed meanwhile, the next run sees it complete.
    """

    try:
        session = stripe_client.checkout_session_retrieve(session_id=session_id)
        if session.get("status") == "open":
            session = stripe_client.checkout_session_expire(session_id=session_id)
    except stripe_client.StripeError as error:
        logger.warning("Session %s not checked (%s); order waits", session_id, error)
        return "wait"
    status, paid = session.get("status"), session.get("payment_status")
    if status == "complete" and paid in ("paid", "no_payment_required"):
        order = Order.objects.get(pk=order_id)
        try:
            check_session_amount(order, session)
            intent = obj_str(session, "payment_intent", required=False)
        except (AmountMismatch, UnknownObject) as error:
            logger.error("Order %s: session %s: %s", order.number, session_id, error)
            return "wait"
        order_mark_paid(
            order_id=order_id, payment_intent_id=intent, note="stripe (expiry check)"
        )
        return "paid"
    if status == "complete":
        return "wait"  # an asynchronous payment is still on its way
    return "cancel"


def suborder_move(
    *, suborder: SubOrder, to: str, actor, note: str = "", notify=None, **fields
) -> SubOrder:
    """One vendor/buyer/system move of a sub-order; ``notify(suborder)`` queues its
    e-mail inside the same transaction, so the mail exists exactly when the move does.
    """
    with transaction.atomic():
        order = order_lock(suborder.order_id)
        locked = (
            SubOrder.objects.select_for_update()
            .select_related("order")
            .get(pk=suborder.pk)
        )
        for name, value in fields.items():
            setattr(locked, name, value)
        if fields:
            locked.save(update_fields=list(fields))
        status_transition(locked, to=to, actor=actor, note=note)
        order_status_sync(order, actor=actor)
        if notify is not None:
            notify(suborder=locked)
    return locked


def suborder_mark_processing(*, suborder: SubOrder, actor) -> SubOrder:
    return suborder_move(suborder=suborder, to=OrderStatus.PROCESSING, actor=actor)


def suborder_mark_shipped(
    *, suborder: SubOrder, courier: str, tracking_number: str, actor
) -> SubOrder:
    """The vendor handed the parcel over; its transfer is released once this commits."""

    courier = (courier or "").strip()
    tracking_number = (tracking_number or "").strip()
    if suborder.shipping_method != "pickup" and not (courier and tracking_number):
        raise MarketplaceError(
            _("Enter the courier and the tracking number."), code="tracking_required"
        )
    if len(courier) > 60 or len(tracking_number) > 80:
        raise MarketplaceError(
            _("The courier or tracking number is too long."), code="tracking_too_long"
        )

    locked = suborder_move(
        suborder=suborder,
        to=OrderStatus.SHIPPED,
        actor=actor,
        notify=suborder_shipped_queue_email,
        courier=courier,
        tracking_number=tracking_number,
        shipped_at=timezone.now(),
    )
    payout_release_on_ship(suborder=locked)
    return locked


def suborder_mark_delivered(*, suborder: SubOrder, actor, note: str = "") -> SubOrder:
    """Shipped and arrived, or (pick-up) collected: the buyer may now review."""

    return suborder_move(
        suborder=suborder,
        to=OrderStatus.DELIVERED,
        actor=actor,
        note=note,
        notify=suborder_completed_queue_email,
        delivered_at=timezone.now(),
    )
