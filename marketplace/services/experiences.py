"""Experience writes: the vendor's listing and sessions, the shopper's booking in the
cart, check-in at the meeting point, and the vendor's cancel of a session.

Seats themselves move only through ``services/seats.py`` (checkout, payment, expiry,
refunds); this module never touches ``held`` or ``booked``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError
from marketplace.limits import id_or_none
from marketplace.models import (
    Cart,
    CartItem,
    Experience,
    ExperienceSession,
    OrderLine,
    OrderStatus,
    Product,
    ProductKind,
    ProductStatus,
    RefundStatus,
    ReservationStatus,
    SeatReservation,
    SessionStatus,
    Ticket,
)
from marketplace.services.notifications import session_cancelled_queue_email
from marketplace.services.orders import order_cancel_unpaid
from marketplace.services.refunds import booking_refund

logger = logging.getLogger(__name__)

# A bigger group books with the vendor directly; it also bounds what one unpaid
# order can hold of a session.
MAX_PARTICIPANTS = 20
MAX_BULK_SESSIONS = 100
MAX_WEEKS = 52


@dataclass
class ExperienceData:
    """The vendor's fields for an experience, validated by the form or the API."""

    name: str
    description: str
    category_id: int
    duration_minutes: int
    price: int
    child_price: int | None = None
    meeting_point_id: int | None = None
    meeting_note: str = ""
    languages: str = ""
    included: str = ""
    free_cancellation_hours: int = 24


def _unique_slug(name: str) -> str:
    base = slugify(name)[:140] or "pengalaman"
    slug, n = base, 1
    while Product.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def experience_create(
    *, vendor, data: ExperienceData, publish: bool = False
) -> Product:
    """Lists a new experience: a product of kind EXPERIENCE and its details.

    Published only for a vendor the office approved (the same rule as goods); the
    office moderates it like any product (hide, archive).
    """
    if data.price <= 0:
        raise MarketplaceError(_("Enter a price per person."), code="bad_price")
    with transaction.atomic():
        product = Product(
            vendor=vendor,
            category_id=data.category_id,
            name=data.name,
            slug=_unique_slug(data.name),
            description=data.description,
            kind=ProductKind.EXPERIENCE,
            status=ProductStatus.DRAFT,
        )
        if publish:
            _publish(product)
        product.save()
        Experience.objects.create(product=product, **_experience_fields(data))
    return product


def experience_update(
    *, product: Product, data: ExperienceData, publish=None
) -> Product:
    """Saves the vendor's edit; prices apply to bookings placed from now on."""
    if data.price <= 0:
        raise MarketplaceError(_("Enter a price per person."), code="bad_price")
    with transaction.atomic():
        product = Product.objects.select_for_update().get(
            pk=product.pk, kind=ProductKind.EXPERIENCE
        )
        product.name = data.name
        product.description = data.description
        product.category_id = data.category_id
        if publish is True:
            _publish(product)
        elif publish is False:
            product.status = ProductStatus.DRAFT
        product.save()
        Experience.objects.filter(product=product).update(**_experience_fields(data))
    return product


def _experience_fields(data: ExperienceData) -> dict:
    return {
        "duration_minutes": data.duration_minutes,
        "price": data.price,
        "child_price": data.child_price,
        "meeting_point_id": data.meeting_point_id,
        "meeting_note": data.meeting_note,
        "languages": data.languages,
        "included": data.included,
        "free_cancellation_hours": data.free_cancellation_hours,
    }


def _publish(product: Product) -> None:
    if not product.vendor.can_publish:
        raise MarketplaceError(
            _("Only shops approved by the tourism office can publish products."),
            code="vendor_not_approved",
            status=403,
        )
    product.status = ProductStatus.PUBLISHED
    product.published_at = product.published_at or timezone.now()


def sessions_create(
    *, experience: Experience, starts: list[dt.datetime], capacity: int
) -> list[ExperienceSession]:
    """Adds sessions at these (aware) times; a time that already has one is skipped,
    so running the same bulk form twice adds nothing."""
    if not 1 <= capacity <= 10_000:
        raise MarketplaceError(
            _("The capacity must be between 1 and 10000."), code="bad_capacity"
        )
    if len(starts) > MAX_BULK_SESSIONS:
        raise MarketplaceError(
            _("At most %(max)d sessions at once.") % {"max": MAX_BULK_SESSIONS},
            code="too_many_sessions",
        )
    now = timezone.now()
    if any(timezone.is_naive(start) or start <= now for start in starts):
        raise MarketplaceError(
            _("Sessions must start in the future."), code="session_in_past"
        )
    created = []
    with transaction.atomic():
        existing = set(
            ExperienceSession.objects.filter(
                experience=experience, starts_at__in=starts
            ).values_list("starts_at", flat=True)
        )
        for start in sorted(set(starts)):
            if start in existing:
                continue
            created.append(
                ExperienceSession.objects.create(
                    experience=experience, starts_at=start, capacity=capacity
                )
            )
    return created


def weekly_starts(
    *, first_day: dt.date, weekday: int, at: dt.time, weeks: int
) -> list[dt.datetime]:
    """Every ``weekday`` (0 = Monday) at ``at`` local time (WITA), for ``weeks``
    weeks from ``first_day``: "every Saturday at 08:00 for eight weeks"."""
    if not 1 <= weeks <= MAX_WEEKS or not 0 <= weekday <= 6:
        raise MarketplaceError(
            _("Choose between 1 and %(max)d weeks.") % {"max": MAX_WEEKS},
            code="bad_weeks",
        )
    day = first_day + dt.timedelta(days=(weekday - first_day.weekday()) % 7)
    tz = timezone.get_current_timezone()
    return [
        timezone.make_aware(dt.datetime.combine(day + dt.timedelta(weeks=n), at), tz)
        for n in range(weeks)
    ]


def sessions_create_weekly(
    *,
    experience: Experience,
    first_day: dt.date,
    weekday: int,
    at: dt.time,
    weeks: int,
    capacity: int,
) -> list[ExperienceSession]:
    starts = weekly_starts(first_day=first_day, weekday=weekday, at=at, weeks=weeks)
    now = timezone.now()
    return sessions_create(
        experience=experience,
        starts=[start for start in starts if start > now],
        capacity=capacity,
    )


def _parse_count(value, *, name: str) -> int:
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise MarketplaceError(
            _("The number of %(who)s must be a whole number.") % {"who": name},
            code="bad_participants",
        ) from None
    if isinstance(value, float) and value != count:
        raise MarketplaceError(
            _("The number of %(who)s must be a whole number.") % {"who": name},
            code="bad_participants",
        )
    return count


def cart_add_booking(*, cart: Cart, session_id, adults=1, children=0) -> CartItem:
    """Puts seats of a session in the cart beside any goods; replaces an earlier
    booking of the same session. Seats are held only at checkout, as stock is."""
    adults = _parse_count(adults, name=_("adults"))
    children = _parse_count(children, name=_("children"))
    seats = adults + children
    if adults < 0 or children < 0 or not 1 <= seats <= MAX_PARTICIPANTS:
        raise MarketplaceError(
            _("Book between 1 and %(max)d participants.") % {"max": MAX_PARTICIPANTS},
            code="bad_participants",
        )
    if adults < 1:
        raise MarketplaceError(
            _("Children take part with at least one adult."), code="no_adult"
        )
    session_pk = id_or_none(session_id)
    session = (
        ExperienceSession.objects.select_related("experience__product__vendor")
        .filter(
            pk=session_pk,
            experience__product__in=Product.objects.visible(),
        )
        .first()
        if session_pk is not None
        else None
    )
    if session is None:
        raise MarketplaceError(
            _("This session does not exist."), code="unknown_session", status=404
        )
    if session.status != SessionStatus.SCHEDULED or session.starts_at <= timezone.now():
        raise MarketplaceError(
            _("This session can no longer be booked."), code="session_closed"
        )
    if seats > session.seats_left:
        raise MarketplaceError(
            _("Only %(count)d seats left in this session.")
            % {"count": session.seats_left},
            code="insufficient_seats",
        )
    with transaction.atomic():
        item = (
            CartItem.objects.select_for_update()
            .filter(cart=cart, session=session)
            .first()
        )
        if item is None:
            try:
                with transaction.atomic():
                    return CartItem.objects.create(
                        cart=cart,
                        session=session,
                        adults=adults,
                        children=children,
                        quantity=seats,
                    )
            except IntegrityError:
                item = CartItem.objects.select_for_update().get(
                    cart=cart, session=session
                )
        item.adults, item.children, item.quantity = adults, children, seats
        item.save(update_fields=["adults", "children", "quantity"])
    return item


def cart_remove_booking(*, cart: Cart, session_id) -> None:
    session_pk = id_or_none(session_id)
    if session_pk is None:
        return
    CartItem.objects.filter(cart=cart, session_id=session_pk).delete()


def ticket_check_in(*, vendor, code: str) -> tuple[Ticket, bool]:
    """Marks a ticket of this vendor's experience attended; returns (ticket, newly).

    A conditional UPDATE, so two phones scanning the same code mark it once and the
    second sees "already checked in". Refused for a refunded or cancelled booking.
    """
    code = "".join(str(code or "").split()).upper()[:16]
    ticket = (
        Ticket.objects.select_related("session__experience__product", "line__suborder")
        .filter(code=code, session__experience__product__vendor=vendor)
        .first()
        if code
        else None
    )
    if ticket is None:
        raise MarketplaceError(
            _("No ticket of yours has this code."), code="unknown_ticket", status=404
        )
    if ticket.cancelled_at is not None or ticket.line.suborder.status in (
        OrderStatus.REFUNDED,
        OrderStatus.CANCELLED,
    ):
        raise MarketplaceError(
            _("This booking was cancelled."), code="ticket_cancelled", status=409
        )
    newly = bool(
        Ticket.objects.filter(pk=ticket.pk, checked_in_at__isnull=True).update(
            checked_in_at=timezone.now()
        )
    )
    ticket.refresh_from_db(fields=["checked_in_at"])
    return ticket, newly


def session_cancel(*, session: ExperienceSession, actor=None) -> dict:
    """The vendor cancels a session: no new booking, every paid booking refunded
    and told, in one action.

    Safe to run again and to resume after a crash half way: the session is marked
    cancelled first (committed, so checkout stops holding its seats), then each paid
    booking line of it is refunded on its own through ``booking_refund`` (outside any
    lock; one Refund per line, so an already-refunded line is not refunded again)
    and its e-mail is queued with a key of its own, so nobody is refunded or told
    twice. Unpaid orders holding seats are cancelled (their seats released; a payment
    that still arrives finds the session cancelled and is refunded as a late
    payment).

    Only the session's lines are refunded: the same vendor's goods or other sessions
    in that sub-order stand (still to ship, tickets still valid), and the sub-order
    keeps its status unless nothing else was in it.
    """
    with transaction.atomic():
        locked = ExperienceSession.objects.select_for_update().get(pk=session.pk)
        if locked.status != SessionStatus.CANCELLED:
            locked.status = SessionStatus.CANCELLED
            locked.cancelled_at = timezone.now()
            locked.save(update_fields=["status", "cancelled_at"])
        # Drop it from carts: it cannot be checked out any more.
        CartItem.objects.filter(session=locked).delete()
    for order_id in (
        SeatReservation.objects.filter(
            session=locked,
            status=ReservationStatus.HELD,
            order__status=OrderStatus.PENDING,
        )
        .values_list("order_id", flat=True)
        .distinct()
    ):
        order_cancel_unpaid(order_id=order_id, reason="session cancelled")
    lines = list(
        OrderLine.objects.filter(session=locked)
        .select_related("suborder__order", "refund")
        .order_by("suborder_id", "id")
    )
    refunded = failed = 0
    for line in lines:
        suborder = line.suborder
        if suborder.status in (OrderStatus.PENDING, OrderStatus.CANCELLED):
            continue
        done_before = getattr(line, "refund", None) is not None and (
            line.refund.status == RefundStatus.SUCCEEDED
        )
        if suborder.status != OrderStatus.REFUNDED and not done_before:
            try:
                refund = booking_refund(
                    line_id=line.pk,
                    actor=actor,
                    reason="session cancelled by the organiser",
                )
            except MarketplaceError as error:
                logger.warning(
                    "Session %s: booking %s not refunded: %s", locked.pk, line.pk, error
                )
                failed += 1
                continue
            if refund.status == RefundStatus.SUCCEEDED:
                refunded += 1
            else:
                failed += 1
        with transaction.atomic():
            session_cancelled_queue_email(suborder=suborder, session=locked)
    return {
        "refunded": refunded,
        "failed": failed,
        "suborders": len({line.suborder_id for line in lines}),
    }
