"""Tickets and booked seats of paid bookings: issued on payment, freed on refund.

Both run inside the caller's transaction (the payment transition, the refund record),
under the order's lock, and are idempotent: a replayed webhook issues no second
ticket, a retried refund frees no seat twice.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from marketplace.models import (
    OrderLine,
    SessionStatus,
    SubOrder,
    Ticket,
)
from marketplace.services.seats import session_unbook


def tickets_issue_for_order(*, order) -> list[Ticket]:
    """One ticket per paid booking line; a second call finds them and adds none."""
    tickets = []
    lines = OrderLine.objects.filter(
        suborder__order=order, session__isnull=False
    ).order_by("id")
    for line in lines:
        ticket, _created = Ticket.objects.get_or_create(
            line=line,
            defaults={"session_id": line.session_id, "participants": line.quantity},
        )
        tickets.append(ticket)
    return tickets


def tickets_cancel_for_suborder(*, suborder: SubOrder) -> int:
    """A refunded sub-order: its tickets stop being valid and their seats are free
    again. Conditional on ``cancelled_at`` being empty, so seats are freed once."""
    return _tickets_cancel(Ticket.objects.filter(line__suborder=suborder))


def tickets_cancel_for_line(*, line: OrderLine) -> int:
    """A refunded booking line (its session cancelled): only its ticket stops being
    valid and only its seats are freed; the sub-order's other lines stand."""
    return _tickets_cancel(Ticket.objects.filter(line=line))


def _tickets_cancel(tickets) -> int:
    freed = 0
    tickets = (
        tickets.select_for_update()
        .filter(cancelled_at__isnull=True)
        .order_by("session_id", "id")
    )
    now = timezone.now()
    for ticket in tickets:
        if Ticket.objects.filter(pk=ticket.pk, cancelled_at__isnull=True).update(
            cancelled_at=now
        ):
            session_unbook(session_id=ticket.session_id, seats=ticket.participants)
            freed += ticket.participants
    return freed


def bookings_free_cancellation_open(*, order, now=None) -> bool:
    """Whether the shopper may still cancel the order's bookings for free: every live
    ticket is for a session further away than its experience's
    ``free_cancellation_hours``, and none is checked in yet. An order without
    bookings is always True (goods follow their own rule)."""
    now = now or timezone.now()
    tickets = Ticket.objects.filter(
        line__suborder__order=order, cancelled_at__isnull=True
    ).select_related("session__experience")
    for ticket in tickets:
        if ticket.checked_in_at is not None:
            return False
        if ticket.session.status == SessionStatus.CANCELLED:
            continue  # the vendor's cancel refunds it anyway
        limit = timedelta(hours=ticket.session.experience.free_cancellation_hours)
        if ticket.session.starts_at - limit <= now:
            return False
    return True
