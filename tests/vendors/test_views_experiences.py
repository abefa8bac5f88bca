"""The vendor's experience pages: create, weekly sessions, roster, cancel (refunds
everyone), and the phone check-in page."""

import pytest
from django.urls import reverse

from marketplace import services
from marketplace.models import (
    Category,
    Experience,
    ExperienceSession,
    OrderStatus,
    ProductKind,
    SessionStatus,
    Ticket,
)
from tests.marketplace.factories import bookable_session, place_booking_order
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_vendor_creates_an_experience_and_eight_saturday_sessions(client):
    vendor = VendorFactory()
    category = Category.objects.create(name="Lokakarya", slug="lokakarya")
    client.force_login(vendor.owner)
    response = client.post(
        reverse("vendors:experience_create"),
        {
            "name": "Belajar mencelup sasirangan",
            "description": "Tiga jam di bengkel.",
            "category": category.pk,
            "duration_minutes": 180,
            "price": 250000,
            "child_price": "",
            "languages": "Indonesia, English",
            "free_cancellation_hours": 24,
            "publish": "on",
        },
    )
    assert response.status_code == 302, response.content
    experience = Experience.objects.get()
    assert experience.product.kind == ProductKind.EXPERIENCE
    assert experience.product.status == "published"
    response = client.post(
        reverse("vendors:sessions_add", args=[experience.product_id]),
        {
            "sessions-weekday": 5,
            "sessions-time": "08:00",
            "sessions-weeks": 8,
            "sessions-capacity": 12,
        },
    )
    assert response.status_code == 302
    assert ExperienceSession.objects.filter(experience=experience).count() == 8
    page = client.get(reverse("vendors:experience_list"))
    assert b"Belajar mencelup sasirangan" in page.content


def test_other_vendors_cannot_open_a_session(client):
    session = bookable_session()
    client.force_login(VendorFactory().owner)
    url = reverse("vendors:session_detail", args=[session.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("vendors:session_cancel", args=[session.pk])).status_code
        == 404
    )


def test_cancel_a_session_from_the_dashboard_refunds_every_booking(client):
    session = bookable_session(capacity=8)
    orders = []
    for _n in range(2):
        order = place_booking_order(bookings=[(session, 2, 0)])
        services.order_mark_paid(order_id=order.pk)
        orders.append(order)
    client.force_login(session.experience.product.vendor.owner)
    page = client.get(reverse("vendors:session_detail", args=[session.pk]))
    for ticket in Ticket.objects.all():
        assert ticket.code.encode() in page.content
    response = client.post(reverse("vendors:session_cancel", args=[session.pk]))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    for order in orders:
        order.refresh_from_db()
        assert order.status == OrderStatus.REFUNDED


def test_check_in_page_marks_a_typed_code_once(client):
    session = bookable_session()
    order = place_booking_order(bookings=[(session, 1, 0)])
    services.order_mark_paid(order_id=order.pk)
    ticket = Ticket.objects.get()
    client.force_login(session.experience.product.vendor.owner)
    url = reverse("vendors:check_in")
    page = client.get(url)
    assert b"check-in.js" in page.content
    first = client.post(url, {"code": ticket.code.lower()})
    assert b'data-check-in="new"' in first.content
    again = client.post(url, {"code": ticket.code})
    assert b'data-check-in="again"' in again.content
    unknown = client.post(url, {"code": "NOPE"})
    assert b'data-check-in="refused"' in unknown.content
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None


def test_the_order_page_marks_the_cancelled_sessions_line_refunded(client):
    vendor = VendorFactory()
    tour = bookable_session(vendor=vendor, name="Susur sungai")
    workshop = bookable_session(vendor=vendor, name="Sasirangan")
    order = place_booking_order(bookings=[(tour, 1, 0), (workshop, 1, 0)])
    services.order_mark_paid(order_id=order.pk)
    client.force_login(vendor.owner)
    client.post(reverse("vendors:session_cancel", args=[tour.pk]))
    suborder = order.suborders.get()
    page = client.get(reverse("vendors:order_detail", args=[suborder.pk]))
    rows = page.content.decode().split("<tr>")
    [tour_row] = [row for row in rows if "<td>Susur sungai" in row]
    [workshop_row] = [row for row in rows if "<td>Sasirangan" in row]
    assert "Dana dikembalikan" in tour_row
    assert "Dana dikembalikan" not in workshop_row
