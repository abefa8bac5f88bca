"""How every order finishes: the buyer confirms receipt or cancels, pick-up parcels
are marked ready and collected, and shipped parcels complete on their own after
``MARKETPLACE_AUTOCOMPLETE_DAYS``.

All moves go through ``orders.suborder_move`` (order row then sub-order row locked,
history written, order status synced) so they race safely with each other: the loser
of a race finds the sub-order already moved and gets a clean refusal.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError
from marketplace.models import (
    Order,
    OrderStatus,
    RefundStatus,
    ShippingMethod,
    SubOrder,
)
from marketplace.services.ledger import order_refund, payout_release_on_ship
from marketplace.services.notifications import (
    order_cancelled_queue_emails,
    suborder_ready_queue_email,
)
from marketplace.services.orders import (
    order_cancel_unpaid,
    suborder_mark_delivered,
    suborder_move,
)
from marketplace.services.tickets import bookings_free_cancellation_open

logger = logging.getLogger(__name__)

# Paid but not yet in the vendor's hands of a courier: the buyer may still cancel.
CANCELLABLE_PAID = {OrderStatus.PAID, OrderStatus.PROCESSING}


def autocomplete_days() -> int:
    return int(getattr(settings, "MARKETPLACE_AUTOCOMPLETE_DAYS", 7))


def buyer_owns_order(*, order: Order, buyer=None, session_orders=()) -> bool:
    """The account that placed the order, or the guest session that placed it."""
    if buyer is not None and getattr(buyer, "is_authenticated", False):
        if order.buyer_id == buyer.pk:
            return True
    return order.number in set(session_orders or ())


def _require_buyer(order: Order, buyer, session_orders) -> None:
    if not buyer_owns_order(order=order, buyer=buyer, session_orders=session_orders):
        raise MarketplaceError(
            _("This is not your order."), code="not_buyer", status=403
        )


def suborder_confirm_received(
    *, suborder: SubOrder, buyer, session_orders=()
) -> SubOrder:
    """The buyer's "order received": shipped -> delivered, which opens reviews."""
    _require_buyer(suborder.order, buyer, session_orders)
    if suborder.status != OrderStatus.SHIPPED:
        raise MarketplaceError(
            _("Only a shipped parcel can be confirmed as received."),
            code="not_shipped",
            status=409,
        )
    return suborder_mark_delivered(
        suborder=suborder, actor=buyer, note="received (buyer)"
    )


def _require_pickup(suborder: SubOrder) -> None:
    if suborder.shipping_method != ShippingMethod.PICKUP:
        raise MarketplaceError(
            _("This sub-order is shipped by courier, not picked up."),
            code="not_pickup",
        )


def suborder_mark_ready_for_pickup(*, suborder: SubOrder, actor) -> SubOrder:
    """The vendor has packed a pick-up order: no courier, no tracking number."""

    _require_pickup(suborder)
    return suborder_move(
        suborder=suborder,
        to=OrderStatus.READY_FOR_PICKUP,
        actor=actor,
        notify=suborder_ready_queue_email,
    )


def suborder_mark_collected(*, suborder: SubOrder, actor) -> SubOrder:
    """The buyer picked the parcel up at the shop: the sub-order is complete.

    The vendor's transfer becomes due now, as shipping makes it due for couriers.
    """

    _require_pickup(suborder)
    if suborder.status != OrderStatus.READY_FOR_PICKUP:
        raise MarketplaceError(
            _("Mark the order ready for pick-up first."),
            code="not_ready",
            status=409,
        )
    with transaction.atomic():
        locked = suborder_mark_delivered(
            suborder=suborder, actor=actor, note="collected"
        )
        payout_release_on_ship(suborder=locked)
    return locked


def suborders_autocomplete(*, now: datetime | None = None) -> int:
    """Completes sub-orders shipped more than the configured days ago, and bookings
    whose sessions have taken place; returns how many. Safe to rerun and to run
    beside buyers confirming (each move is locked).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=autocomplete_days())
    due = list(
        SubOrder.objects.filter(
            status=OrderStatus.SHIPPED, shipped_at__lte=cutoff
        ).order_by("shipped_at", "id")
    )
    done = _suborders_complete_held_sessions(now=now)
    for suborder in due:
        try:
            suborder_mark_delivered(
                suborder=suborder, actor=None, note="completed automatically"
            )
        except MarketplaceError:
            # Confirmed or refunded meanwhile: nothing left to do for this one.
            continue
        done += 1
    return done


def _suborders_complete_held_sessions(*, now: datetime) -> int:
    """Sub-orders of bookings only (nothing shipped) whose every session has ended
    are delivered: the service was given, the buyer may review, and the vendor's
    transfer becomes due as shipping makes it due for goods."""
    candidates = (
        SubOrder.objects.filter(
            status=OrderStatus.PAID,
            shipping_method=ShippingMethod.NONE,
            lines__session__starts_at__lte=now,
        )
        .exclude(lines__session__isnull=True)
        .exclude(lines__session__starts_at__gt=now)
        .distinct()
        .prefetch_related("lines__session__experience")
        .order_by("id")
    )
    done = 0
    for suborder in candidates:
        ends = [
            line.session.starts_at
            + timedelta(minutes=line.session.experience.duration_minutes)
            for line in suborder.lines.all()
        ]
        if max(ends) > now:
            continue
        try:
            with transaction.atomic():
                locked = suborder_mark_delivered(
                    suborder=suborder, actor=None, note="session held"
                )
                payout_release_on_ship(suborder=locked)
        except MarketplaceError:
            continue  # refunded or moved on meanwhile
        done += 1
    return done


def order_cancel_by_buyer(*, order: Order, buyer=None, session_orders=()) -> Order:
    """The buyer's cancel before anything ships.

    Unpaid: the order is cancelled and its stock released. Paid, with every sub-order
    still paid or being prepared: the whole order is refunded through
    ``order_refund`` (which tells the vendors and the buyer). Refused otherwise.
    """

    _require_buyer(order, buyer, session_orders)
    order = Order.objects.get(pk=order.pk)
    if order.status == OrderStatus.PENDING:
        with transaction.atomic():
            cancelled = order_cancel_unpaid(order_id=order.pk, reason="buyer cancelled")
            if cancelled.status == OrderStatus.CANCELLED:
                order_cancelled_queue_emails(order=cancelled, refund_follows=False)
        return cancelled
    statuses = set(order.suborders.values_list("status", flat=True))
    if order.status not in CANCELLABLE_PAID or not statuses <= CANCELLABLE_PAID:
        raise MarketplaceError(
            _("This order can no longer be cancelled; part of it has left the shop."),
            code="not_cancellable",
            status=409,
        )
    if not bookings_free_cancellation_open(order=order):
        raise MarketplaceError(
            _(
                "The free cancellation period of a booking in this order has ended; "
                "contact the organiser."
            ),
            code="cancellation_window_closed",
            status=409,
        )
    # order_refund locks the rows again and re-checks each sub-order's status, so a
    # vendor shipping meanwhile is refunded only for what is still refundable. The
    # refunds are committed before Stripe is asked: one that Stripe refuses or cannot
    # take now stays FAILED and is retried by `stripe_replay_failed`, so the buyer's
    # cancel stands either way.
    refunds = order_refund(order=order, actor=buyer, reason="buyer cancelled")
    if any(refund.status != RefundStatus.SUCCEEDED for refund in refunds):
        logger.warning("Refund for the buyer's cancel of %s is retried", order.number)
    with transaction.atomic():
        order = Order.objects.get(pk=order.pk)
        order_cancelled_queue_emails(order=order, refund_follows=True)
    return order
