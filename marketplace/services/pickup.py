"""Pick-up points: windows the office opens, codes the shopper shows, hand-overs.

A window of an event's point must lie within the event's dates (the database only
knows that it ends after it starts). A sub-order collected at a point moves through
the same state machine as a shop pick-up (ready, then delivered), so the order
reaches its final state and the vendor's transfer becomes due.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError
from marketplace.models import OrderStatus, PickupPoint, PickupWindow, SubOrder
from marketplace.services.fulfilment import suborder_mark_collected
from marketplace.services.orders import suborder_move

# No 0/O, 1/I/L: the code is read aloud at a stall and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def pickup_window_check(
    *, point: PickupPoint, starts_at: datetime | None, ends_at: datetime | None
) -> None:
    """Raises ValidationError (by field) unless the window fits its point's event."""
    if starts_at is None or ends_at is None:
        return
    if ends_at <= starts_at:
        raise ValidationError(
            {"ends_at": _("A pick-up window must end after it starts.")}
        )
    event = point.event if point.event_id else None
    if event is not None and (starts_at < event.start_at or ends_at > event.end_at):
        raise ValidationError(
            _("A pick-up window of %(point)s must lie within the dates of %(event)s.")
            % {"point": point.name, "event": event.title}
        )


def pickup_window_create(
    *, point: PickupPoint, starts_at: datetime, ends_at: datetime
) -> PickupWindow:
    pickup_window_check(point=point, starts_at=starts_at, ends_at=ends_at)
    return PickupWindow.objects.create(
        point=point, starts_at=starts_at, ends_at=ends_at
    )


def pickup_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def suborder_create_for_pickup(**fields) -> SubOrder:
    """Creates a pick-up sub-order with a fresh code (inside checkout's transaction).

    The code is drawn at placement, not at payment: the payment paths stay untouched
    and pages show the code only once the order is paid. A clash with a code in use
    (about one in 887 million per code) is retried inside a savepoint, so the
    surrounding checkout survives it.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return SubOrder.objects.create(pickup_code=pickup_code_new(), **fields)
        except IntegrityError:
            continue
    raise MarketplaceError(_("Please try again."), code="pickup_code", status=503)


def suborder_hand_over(*, suborder: SubOrder, actor, code: str = "") -> SubOrder:
    """The vendor hands a pre-order over at its point: paid -> ready -> collected.

    ``code``, when given (typed from the shopper's phone), must match. The
    intermediate "ready" step sends no e-mail: the shopper is standing at the stall.
    """
    if suborder.pickup_window_id is None:
        raise MarketplaceError(
            _("This sub-order is not collected at a pick-up point."),
            code="not_pickup_point",
        )
    code = (code or "").strip().upper()
    if code and code != suborder.pickup_code:
        raise MarketplaceError(
            _("That pick-up code does not belong to this order."),
            code="wrong_pickup_code",
        )
    with transaction.atomic():
        if suborder.status in (OrderStatus.PAID, OrderStatus.PROCESSING):
            suborder = suborder_move(
                suborder=suborder,
                to=OrderStatus.READY_FOR_PICKUP,
                actor=actor,
                note="handed over at the pick-up point",
            )
        return suborder_mark_collected(suborder=suborder, actor=actor)
