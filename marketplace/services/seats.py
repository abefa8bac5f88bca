"""The only writes to a session's seat numbers, each one conditional UPDATE.

The twin of ``services/stock.py`` for experiences: ``held`` seats belong to unpaid
orders, ``booked`` to paid ones, seats left = capacity - held - booked. Every move is
relative to the current row (never a value read earlier), and the database refuses
``held + booked > capacity``, so two shoppers racing for the last seat can never both
get it. Callers run these inside their own transaction, for several sessions in id
order (the lock order every seat writer uses, so they never deadlock).
"""

from __future__ import annotations

from django.db.models import F

from marketplace.models import ExperienceSession, SessionStatus
from marketplace.signals import seats_changed


def _moved(session_id: int, updated: int) -> bool:
    """Tell listeners (the search index) that a session's seats moved, if they did."""
    if updated:
        seats_changed.send(sender=ExperienceSession, session_ids=[session_id])
    return bool(updated)


def session_hold(*, session_id: int, seats: int) -> bool:
    """Holds ``seats`` for an unpaid order when a scheduled session has that many."""
    return _moved(
        session_id,
        ExperienceSession.objects.filter(
            pk=session_id,
            status=SessionStatus.SCHEDULED,
            capacity__gte=F("held") + F("booked") + seats,
        ).update(held=F("held") + seats),
    )


def session_release(*, session_id: int, seats: int) -> None:
    """An unpaid order gave its seats back (cancelled or expired)."""
    _moved(
        session_id,
        ExperienceSession.objects.filter(pk=session_id).update(held=F("held") - seats),
    )


def session_commit(*, session_id: int, seats: int) -> None:
    """A held order was paid: its seats move from held to booked."""
    _moved(
        session_id,
        ExperienceSession.objects.filter(pk=session_id).update(
            held=F("held") - seats, booked=F("booked") + seats
        ),
    )


def session_take(*, session_id: int, seats: int) -> bool:
    """A payment arrived after its hold was released: book the seats if that many
    are still left."""
    return _moved(
        session_id,
        ExperienceSession.objects.filter(
            pk=session_id,
            status=SessionStatus.SCHEDULED,
            capacity__gte=F("held") + F("booked") + seats,
        ).update(booked=F("booked") + seats),
    )


def session_unbook(*, session_id: int, seats: int) -> None:
    """A paid booking was refunded (or a late take undone): its seats are free again."""
    _moved(
        session_id,
        ExperienceSession.objects.filter(pk=session_id, booked__gte=seats).update(
            booked=F("booked") - seats
        ),
    )
