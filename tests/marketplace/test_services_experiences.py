"""Experiences in the cart: seats held like stock, tickets on payment, refunds free
seats, the shopper's free-cancellation window and the vendor's session cancel."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import (
    ExperienceSession,
    OrderStatus,
    SessionStatus,
    ShippingMethod,
    Ticket,
)
from notifications.models import OutboundEmail
from tests.marketplace.factories import (
    bookable_session,
    guest_cart,
    place_booking_order,
    sellable_variant,
)

pytestmark = pytest.mark.django_db


def seats(session):
    session.refresh_from_db()
    return session.held, session.booked, session.seats_left


def test_checkout_holds_seats_and_payment_books_them_with_one_ticket():
    session = bookable_session(capacity=5, price=200000, child_price=100000)
    order = place_booking_order(bookings=[(session, 2, 1)])
    assert seats(session) == (3, 0, 2)
    line = order.suborders.get().lines.get()
    assert (line.adults, line.children, line.quantity) == (2, 1, 3)
    assert line.line_total == 2 * 200000 + 100000
    assert order.grand_total == 500000
    services.order_mark_paid(order_id=order.pk)
    services.order_mark_paid(order_id=order.pk)  # a replayed webhook
    assert seats(session) == (0, 3, 2)
    ticket = Ticket.objects.get()
    assert (ticket.line_id, ticket.participants) == (line.pk, 3)
    assert (
        OutboundEmail.objects.filter(template="marketplace/buyer_tickets").count() == 1
    )


def test_cancel_or_expiry_releases_held_seats():
    session = bookable_session(capacity=4)
    order = place_booking_order(bookings=[(session, 3, 0)])
    assert seats(session) == (3, 0, 1)
    services.order_cancel_unpaid(order_id=order.pk, reason="test")
    assert seats(session) == (0, 0, 4)
    order2 = place_booking_order(bookings=[(session, 2, 0)])
    order2.expires_at = timezone.now() - dt.timedelta(minutes=1)
    order2.save(update_fields=["expires_at"])
    assert services.reservations_release_expired() == 1
    assert seats(session) == (0, 0, 4)


def test_checkout_refuses_more_seats_than_left():
    session = bookable_session(capacity=3)
    cart = guest_cart()
    services.cart_add_booking(cart=cart, session_id=session.pk, adults=3)
    place_booking_order(bookings=[(session, 2, 0)])  # someone else holds 2
    with pytest.raises(MarketplaceError) as refused:
        services.checkout_start(
            cart=cart,
            address=services.ShippingAddress.from_data(
                {"full_name": "A", "email": "a@example.test", "phone": "081234567890"},
                address_required=False,
            ),
            shipping={},
            provider="demo",
        )
    assert refused.value.code == "cart_problem"
    assert seats(session) == (2, 0, 1)


@pytest.mark.parametrize(
    "adults,children,code",
    [(0, 1, "no_adult"), (21, 0, "bad_participants"), ("x", 0, "bad_participants")],
)
def test_cart_refuses_bad_participant_counts(adults, children, code):
    session = bookable_session()
    with pytest.raises(MarketplaceError) as refused:
        services.cart_add_booking(
            cart=guest_cart(), session_id=session.pk, adults=adults, children=children
        )
    assert refused.value.code == code


def test_mixed_cart_ships_goods_only_and_experience_suborder_has_no_shipping():
    session = bookable_session()
    cloth = sellable_variant(price=150000, stock=3)
    order = place_booking_order(bookings=[(session, 1, 0)], items=[(cloth, 1)])
    by_vendor = {sub.vendor_id: sub for sub in order.suborders.all()}
    workshop = by_vendor[session.experience.product.vendor_id]
    goods = by_vendor[cloth.product.vendor_id]
    assert (workshop.shipping_method, workshop.shipping_cost) == (
        ShippingMethod.NONE,
        0,
    )
    assert goods.shipping_cost > 0
    assert order.grand_total == 250000 + 150000 + goods.shipping_cost
    services.order_mark_paid(order_id=order.pk)
    cloth.refresh_from_db()
    assert (cloth.stock, cloth.held) == (2, 0)
    assert seats(session)[1] == 1


def test_experience_only_order_asks_no_address():
    session = bookable_session()
    order = place_booking_order(bookings=[(session, 1, 0)])
    assert order.address_line == "" and order.postal_code == ""
    assert order.shipping_total == 0


def test_refund_frees_booked_seats_and_cancels_ticket_once():
    session = bookable_session(capacity=5)
    order = place_booking_order(bookings=[(session, 2, 0)])
    services.order_mark_paid(order_id=order.pk)
    services.order_cancel_by_buyer(order=order, session_orders=[order.number])
    assert seats(session) == (0, 0, 5)
    assert Ticket.objects.get().cancelled_at is not None
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED


def test_free_cancellation_window_closed_refuses_the_buyer():
    session = bookable_session(
        starts_in=dt.timedelta(hours=10), free_cancellation_hours=24
    )
    order = place_booking_order(bookings=[(session, 1, 0)])
    services.order_mark_paid(order_id=order.pk)
    with pytest.raises(MarketplaceError) as refused:
        services.order_cancel_by_buyer(order=order, session_orders=[order.number])
    assert refused.value.code == "cancellation_window_closed"
    assert seats(session)[1] == 1


def test_check_in_marks_once_and_only_for_the_vendor():
    session = bookable_session()
    order = place_booking_order(bookings=[(session, 1, 0)])
    services.order_mark_paid(order_id=order.pk)
    ticket = Ticket.objects.get()
    vendor = session.experience.product.vendor
    other = sellable_variant().product.vendor
    with pytest.raises(MarketplaceError):
        services.ticket_check_in(vendor=other, code=ticket.code)
    checked, newly = services.ticket_check_in(
        vendor=vendor, code=f" {ticket.code.lower()} "
    )
    assert newly and checked.checked_in_at is not None
    _again, newly = services.ticket_check_in(vendor=vendor, code=ticket.code)
    assert not newly


def test_session_cancel_refunds_everyone_mails_each_once_and_can_run_again():
    session = bookable_session(capacity=10)
    paid = []
    for _n in range(3):
        order = place_booking_order(bookings=[(session, 2, 0)])
        services.order_mark_paid(order_id=order.pk)
        paid.append(order)
    unpaid = place_booking_order(bookings=[(session, 1, 0)])
    result = services.session_cancel(session=session)
    assert result["refunded"] == 3
    for order in paid:
        order.refresh_from_db()
        assert order.status == OrderStatus.REFUNDED
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.booked == 0
    assert not Ticket.objects.filter(cancelled_at__isnull=True).exists()
    again = services.session_cancel(session=session)
    assert again["refunded"] == 0
    assert (
        OutboundEmail.objects.filter(
            template="marketplace/buyer_session_cancelled"
        ).count()
        == 3
    )
    # The unpaid order's payment arrives late: the session is gone, so it is refunded.
    services.order_mark_paid(order_id=unpaid.pk)
    unpaid.refresh_from_db()
    assert unpaid.status != OrderStatus.PAID
    with pytest.raises(MarketplaceError):
        services.cart_add_booking(cart=guest_cart(), session_id=session.pk)


def test_weekly_sessions_in_bulk_are_idempotent():
    session = bookable_session()
    experience = session.experience
    first = timezone.localdate() + dt.timedelta(days=1)
    made = services.sessions_create_weekly(
        experience=experience,
        first_day=first,
        weekday=5,
        at=dt.time(8, 0),
        weeks=8,
        capacity=12,
    )
    assert len(made) == 8
    assert all(timezone.localtime(s.starts_at).weekday() == 5 for s in made)
    assert all(timezone.localtime(s.starts_at).hour == 8 for s in made)
    again = services.sessions_create_weekly(
        experience=experience,
        first_day=first,
        weekday=5,
        at=dt.time(8, 0),
        weeks=8,
        capacity=12,
    )
    assert again == []
    assert ExperienceSession.objects.filter(experience=experience).count() == 9


def test_ticket_email_carries_an_ics_and_is_sent_with_it():
    session = bookable_session()
    order = place_booking_order(bookings=[(session, 1, 0)])
    services.order_mark_paid(order_id=order.pk)
    email = OutboundEmail.objects.get(template="marketplace/buyer_tickets")
    ticket = Ticket.objects.get()
    assert ticket.code in email.body
    (attachment,) = email.attachments
    assert attachment["mimetype"] == "text/calendar"
    assert "BEGIN:VEVENT" in attachment["content"]
    assert f"UID:ticket-{ticket.code}@" in attachment["content"]
    from notifications.services import email_send

    email_send(email_id=email.pk)
    sent = [m for m in mail.outbox if ticket.code in m.body]
    assert sent and sent[0].attachments[0][0].endswith(".ics")


def test_one_guest_cannot_hold_more_seats_than_the_cap(settings):
    settings.MARKETPLACE_MAX_HELD_SEATS = 5
    first = bookable_session(capacity=20)
    second = bookable_session(capacity=20, name="Tur Klotok")
    cart = guest_cart()
    place_booking_order(bookings=[(first, 4, 0)], cart=cart)
    services.cart_add_booking(cart=cart, session_id=second.pk, adults=3)
    # The cart's open order is replaced (its 4 seats released), then 7 are asked.
    with pytest.raises(MarketplaceError) as refused:
        place_booking_order(cart=cart)
    assert refused.value.code == "held_seats_cap"
    assert seats(second) == (0, 0, 20)


def test_a_booking_is_delivered_once_its_session_has_ended():
    session = bookable_session(capacity=5)
    order = place_booking_order(bookings=[(session, 2, 0)])
    services.order_mark_paid(order_id=order.pk)
    suborder = order.suborders.get()
    now = timezone.now()
    # Under way: the workshop started but has not ended yet.
    ExperienceSession.objects.filter(pk=session.pk).update(
        starts_at=now - dt.timedelta(minutes=30)
    )
    assert services.suborders_autocomplete(now=now) == 0
    suborder.refresh_from_db()
    assert suborder.status == OrderStatus.PAID
    # Over: three hours later (the workshop lasts 180 minutes).
    later = now + dt.timedelta(hours=3)
    assert services.suborders_autocomplete(now=later) == 1
    assert services.suborders_autocomplete(now=later) == 0  # safe to rerun
    suborder.refresh_from_db()
    assert suborder.status == OrderStatus.DELIVERED
