"""Experiences in the JSON API under /api/v1/experiences/: the listings, their
sessions with the seats left, booking seats in the cart, and the buyer's tickets.

Same conventions as every router (README, "JSON API"; ``core.api``): the session
cookie, ``csrf_only`` on writes, the one error envelope, bounded pages; checkout and
payment are the
marketplace's own ``/api/v1/marketplace/checkout`` (a cart may mix goods and
bookings). A router of its own so the experience endpoints evolve apart.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from core.api import ApiError, BoundedLimitOffset, csrf_only, errors
from marketplace import selectors_experiences, services
from marketplace.errors import MarketplaceError
from marketplace.limits import ID_MAX, Id, InputSchema, Slug
from marketplace.models import Ticket
from marketplace.views._helpers import request_cart, session_orders

router = Router(tags=["experiences"])


class SessionOut(Schema):
    id: int
    starts_at: dt.datetime = Field(description="Aware; local time is WITA (UTC+8)")
    capacity: int
    seats_left: int = Field(description="Capacity minus seats held and booked")
    status: str = Field(description="scheduled | cancelled")


class ExperienceListingOut(Schema):
    slug: str
    name: str
    vendor: str
    vendor_slug: str
    price: int = Field(description="Per person, whole rupiah")
    child_price: int | None = Field(description="Per child; None = full price")
    duration_minutes: int
    meeting_point: str | None = Field(description="Destination page title")
    languages: str
    free_cancellation_hours: int


class ExperienceDetailOut(ExperienceListingOut):
    description: str
    included: str
    meeting_note: str
    sessions: list[SessionOut] = Field(description="Upcoming scheduled sessions")


class BookingIn(InputSchema):
    session_id: Id
    adults: int = Field(1, ge=1, le=services.experiences.MAX_PARTICIPANTS)
    children: int = Field(0, ge=0, le=services.experiences.MAX_PARTICIPANTS)


class BookingOut(Schema):
    session_id: int
    adults: int
    children: int
    seats: int


class TicketOut(Schema):
    code: str
    order_number: str
    experience: str
    starts_at: dt.datetime
    participants: int
    checked_in: bool
    cancelled: bool


def _refused(error: MarketplaceError) -> ApiError:
    return ApiError(error.status, code=error.code, message=error.message)


def _session_out(session) -> dict:
    return {
        "id": session.pk,
        "starts_at": session.starts_at,
        "capacity": session.capacity,
        "seats_left": session.seats_left,
        "status": session.status,
    }


def _experience_out(experience) -> dict:
    product = experience.product
    return {
        "slug": product.slug,
        "name": product.name,
        "vendor": product.vendor.name,
        "vendor_slug": product.vendor.slug,
        "price": experience.price,
        "child_price": experience.child_price,
        "duration_minutes": experience.duration_minutes,
        "meeting_point": (
            experience.meeting_point.title if experience.meeting_point_id else None
        ),
        "languages": experience.languages,
        "free_cancellation_hours": experience.free_cancellation_hours,
    }


@router.get("/", response={200: list[ExperienceListingOut], **errors(422)})
@paginate(BoundedLimitOffset)
def experience_list(request):
    experiences = selectors_experiences.experience_list_visible().order_by(
        "product__name", "pk"
    )
    return [_experience_out(e) for e in experiences]


@router.get("/bookings", response={200: list[TicketOut]})
def booking_list(request):
    """The tickets of this account's orders, or of this browser session's orders."""
    if request.user.is_authenticated:
        tickets = Ticket.objects.filter(line__suborder__order__buyer=request.user)
    else:
        tickets = Ticket.objects.filter(
            line__suborder__order__number__in=session_orders(request)
        )
    tickets = tickets.select_related(
        "line__suborder__order", "session__experience__product"
    ).order_by("session__starts_at", "id")[:200]
    return [
        {
            "code": t.code,
            "order_number": t.line.suborder.order.number,
            "experience": t.session.experience.product.name,
            "starts_at": t.session.starts_at,
            "participants": t.participants,
            "checked_in": t.checked_in_at is not None,
            "cancelled": t.cancelled_at is not None,
        }
        for t in tickets
    ]


@router.get("/sessions/{session_id}", response={200: SessionOut, **errors(404, 422)})
def session_get(request, session_id: int = Path(..., ge=1, le=ID_MAX)):
    """Seat availability of one session (read fresh, not cached)."""
    session = selectors_experiences.session_get_visible(session_id=session_id)
    if session is None:
        raise ApiError(404, code="not_found", message=_("No such session."))
    return _session_out(session)


@router.post(
    "/cart/bookings",
    response={200: BookingOut, **errors(400, 403, 404, 422)},
    auth=csrf_only,
)
def booking_add(request, payload: BookingIn):
    """Puts seats of a session in the cart (replacing an earlier booking of it);
    seats are held at checkout."""
    cart = request_cart(request, create=True)
    try:
        item = services.cart_add_booking(
            cart=cart,
            session_id=payload.session_id,
            adults=payload.adults,
            children=payload.children,
        )
    except MarketplaceError as error:
        raise _refused(error) from error
    return {
        "session_id": item.session_id,
        "adults": item.adults,
        "children": item.children,
        "seats": item.quantity,
    }


@router.delete(
    "/cart/bookings/{session_id}",
    response={204: None, **errors(403, 422)},
    auth=csrf_only,
)
def booking_remove(request, session_id: int = Path(..., ge=1, le=ID_MAX)):
    cart = request_cart(request)
    if cart is not None:
        services.cart_remove_booking(cart=cart, session_id=session_id)
    return Status(204, None)


@router.get("/{slug}", response={200: ExperienceDetailOut, **errors(404, 422)})
def experience_get(request, slug: Slug):
    experience = (
        selectors_experiences.experience_list_visible()
        .filter(product__slug=slug)
        .first()
    )
    if experience is None:
        raise ApiError(404, code="not_found", message=_("No such experience."))
    data = _experience_out(experience)
    data.update(
        description=experience.product.description,
        included=experience.included,
        meeting_note=experience.meeting_note,
        sessions=[
            _session_out(s)
            for s in selectors_experiences.session_list_upcoming(
                experience=experience, limit=100
            )
        ],
    )
    return data
