"""Reads of experiences: upcoming sessions with seats left, what meets at a
destination, a vendor's sessions and their bookings, an order's tickets.

Apart from ``selectors.py`` (past its size already) so the experience reads stay in
one place; the product itself is still read through the product selectors.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.utils import timezone

from marketplace.limits import id_or_none
from marketplace.models import (
    Experience,
    ExperienceSession,
    OrderStatus,
    Product,
    ProductKind,
    SessionStatus,
    Ticket,
)
from marketplace.ticketing import qr_svg

PAID_STATUSES = (
    OrderStatus.PAID,
    OrderStatus.PROCESSING,
    OrderStatus.SHIPPED,
    OrderStatus.READY_FOR_PICKUP,
    OrderStatus.DELIVERED,
)


def session_list_upcoming(*, experience, limit: int = 30):
    """Scheduled sessions that have not started, soonest first."""
    return ExperienceSession.objects.filter(
        experience=experience,
        status=SessionStatus.SCHEDULED,
        starts_at__gt=timezone.now(),
    ).order_by("starts_at", "id")[:limit]


def session_get_visible(*, session_id):
    """A session of an experience the storefront shows (any status), else None."""
    pk = id_or_none(session_id)
    if pk is None:
        return None
    return ExperienceSession.objects.filter(
        pk=pk, experience__product__in=Product.objects.visible()
    ).first()


def experience_get_for_product(*, product):
    if product.kind != ProductKind.EXPERIENCE:
        return None
    return (
        Experience.objects.select_related("meeting_point")
        .filter(product=product)
        .first()
    )


def experience_list_visible():
    """Experiences the storefront may show (the product's moderation rules)."""
    return Experience.objects.filter(
        product__in=Product.objects.visible()
    ).select_related("product", "product__vendor", "meeting_point")


@dataclass
class ExperienceWithSessions:
    experience: Experience
    sessions: list[ExperienceSession]


def experience_list_for_destination(
    *, destination_ids, limit: int = 6, sessions: int = 3
) -> list[ExperienceWithSessions]:
    """Experiences that meet at these destination pages (one place in each
    language) with their next sessions (seats left on each), in two queries."""
    now = timezone.now()
    upcoming = ExperienceSession.objects.filter(
        status=SessionStatus.SCHEDULED, starts_at__gt=now
    ).order_by("starts_at", "id")
    experiences = (
        experience_list_visible()
        .filter(meeting_point_id__in=list(destination_ids))
        .prefetch_related(Prefetch("sessions", queryset=upcoming, to_attr="upcoming"))
        .order_by("product__name")[:limit]
    )
    return [
        ExperienceWithSessions(experience=e, sessions=e.upcoming[:sessions])
        for e in experiences
    ]


def experience_list_for_vendor(*, vendor):
    return (
        Experience.objects.filter(product__vendor=vendor)
        .select_related("product", "meeting_point")
        .order_by("product__name")
    )


def experience_get_for_vendor(*, vendor, product_id):
    pk = id_or_none(product_id)
    if pk is None:
        return None
    return (
        Experience.objects.filter(product__vendor=vendor, product_id=pk)
        .select_related("product")
        .first()
    )


def session_list_for_vendor(*, vendor, upcoming_only: bool = True):
    sessions = ExperienceSession.objects.filter(
        experience__product__vendor=vendor
    ).select_related("experience__product")
    if upcoming_only:
        sessions = sessions.filter(
            starts_at__gt=timezone.now() - timezone.timedelta(hours=12)
        )
    return sessions.order_by("starts_at", "id")


def session_get_for_vendor(*, vendor, session_id):
    pk = id_or_none(session_id)
    if pk is None:
        return None
    return (
        ExperienceSession.objects.filter(pk=pk, experience__product__vendor=vendor)
        .select_related("experience__product")
        .first()
    )


def ticket_list_for_session(*, session):
    """The session's roster: paid bookings with their ticket and attendance."""
    return (
        Ticket.objects.filter(session=session)
        .select_related("line__suborder__order")
        .order_by("line__suborder__order__full_name", "id")
    )


@dataclass
class TicketView:
    ticket: Ticket
    qr: str


def ticket_list_for_order(*, order) -> list[TicketView]:
    """The order's tickets with their QR code as inline SVG, for the order page."""
    tickets = (
        Ticket.objects.filter(line__suborder__order=order)
        .select_related(
            "session__experience__product", "session__experience__meeting_point"
        )
        .order_by("session__starts_at", "id")
    )
    return [TicketView(ticket=t, qr=qr_svg(t.code)) for t in tickets]


def experiences_by_meeting_point(
    *, destination_ids, limit: int = 6, sessions: int = 3
) -> dict[int, list[ExperienceWithSessions]]:
    """For many destination pages at once (the content API's listing): each page id
    with the experiences that meet there and their next bookable sessions (seats
    left on each). Two queries whatever the number of pages."""
    now = timezone.now()
    bookable = ExperienceSession.objects.filter(
        status=SessionStatus.SCHEDULED,
        starts_at__gt=now,
        capacity__gt=F("held") + F("booked"),
    ).order_by("starts_at", "id")
    by_point: dict[int, list[ExperienceWithSessions]] = {}
    experiences = (
        experience_list_visible()
        .filter(meeting_point_id__in=list(destination_ids))
        .prefetch_related(Prefetch("sessions", queryset=bookable, to_attr="bookable"))
        .order_by("product__name", "pk")
    )
    for experience in experiences:
        bucket = by_point.setdefault(experience.meeting_point_id, [])
        if len(bucket) < limit:
            bucket.append(
                ExperienceWithSessions(
                    experience=experience, sessions=experience.bookable[:sessions]
                )
            )
    return by_point
