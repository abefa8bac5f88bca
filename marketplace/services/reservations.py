"""An unpaid order's holds, units and seats alike: released or committed one way.

``StockReservation`` and ``SeatReservation`` share the ``Reservation`` base; the one
difference in settling them is what a held row moves (a variant's ``held`` through
``services/stock.py``, a session's through ``services/seats.py``). Both run inside
the caller's transaction, under the order's lock, and move variants before sessions,
each in id order: the lock order of every stock and seat writer, so none deadlock.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from marketplace.models import (
    ProductVariant,
    Reservation,
    ReservationStatus,
    SeatReservation,
    StockReservation,
)
from marketplace.services.seats import session_commit, session_release
from marketplace.services.stock import variant_commit, variant_release
from marketplace.signals import stock_changed


def _settle(
    rows: QuerySet, *, to: str, move: Callable[[Reservation], object]
) -> list[Reservation]:
    """Moves the HELD ones of ``rows`` to ``to``: ``move`` each, in the order of
    ``rows`` (the lock order), then one UPDATE of their status. A row already
    released or committed is left alone, so a second call moves nothing."""
    held = list(rows.filter(status=ReservationStatus.HELD))
    for reservation in held:
        move(reservation)
    rows.model.objects.filter(pk__in=[r.pk for r in held]).update(status=to)
    return held


def reservations_release_for_order(*, order) -> None:
    """Gives the unpaid order's held units and seats back (``held - n``; on-hand
    stock is untouched). The rows are locked, in the lock order, before they move."""
    units = _settle(
        StockReservation.objects.select_for_update()
        .filter(order=order)
        .order_by("variant_id", "id"),
        to=ReservationStatus.RELEASED,
        move=lambda r: variant_release(variant_id=r.variant_id, quantity=r.quantity),
    )
    _settle(
        SeatReservation.objects.select_for_update()
        .filter(order=order)
        .order_by("session_id", "id"),
        to=ReservationStatus.RELEASED,
        move=lambda r: session_release(session_id=r.session_id, seats=r.seats),
    )
    if units:
        stock_changed.send(
            sender=ProductVariant, variant_ids=[r.variant_id for r in units]
        )


def reservations_commit_for_order(*, order) -> None:
    """Payment: the held units leave the shelf (``stock - n, held - n``) and the held
    seats become booked. The caller holds the order's lock, which guards its
    reservations, so they are not locked again."""
    _settle(
        StockReservation.objects.filter(order=order).order_by("variant_id", "id"),
        to=ReservationStatus.COMMITTED,
        move=lambda r: variant_commit(variant_id=r.variant_id, quantity=r.quantity),
    )
    _settle(
        SeatReservation.objects.filter(order=order).order_by("session_id", "id"),
        to=ReservationStatus.COMMITTED,
        move=lambda r: session_commit(session_id=r.session_id, seats=r.seats),
    )
