"""A mixed cart (a workshop with a child price and a cloth) paid through stripe-mock:
the Checkout Session adds up to the order total, the signed webhook marks it paid,
the seats are booked and the ticket issued."""

import pytest

from marketplace import services
from marketplace.models import Order, OrderStatus, Ticket
from tests.marketplace.factories import (
    bookable_session,
    place_booking_order,
    sellable_variant,
)
from tests.marketplace.stripe_events import event, post

pytestmark = [pytest.mark.stripe, pytest.mark.django_db]


def test_mixed_cart_paid_through_stripe_mock_books_seats_and_issues_a_ticket(
    client, stripe_settings
):
    session = bookable_session(capacity=6, price=250000, child_price=150000)
    cloth = sellable_variant(price=150000, stock=3)
    order = place_booking_order(
        bookings=[(session, 2, 1)], items=[(cloth, 1)], provider="stripe"
    )
    assert order.items_total == 2 * 250000 + 150000 + 150000
    url = services.checkout_begin_payment(order=order, base_url="http://testserver")
    assert url
    order.refresh_from_db()
    assert order.checkout_session_id

    payload = event(
        "checkout.session.completed",
        {
            "id": order.checkout_session_id,
            "object": "checkout.session",
            "payment_status": "paid",
            "payment_intent": "pi_mixed_1",
            "amount_total": order.grand_total * 100,
            "currency": "idr",
        },
    )
    assert post(client, payload).status_code == 200
    order = Order.objects.get(pk=order.pk)
    assert order.status == OrderStatus.PAID
    session.refresh_from_db()
    cloth.refresh_from_db()
    assert (session.held, session.booked) == (0, 3)
    assert (cloth.stock, cloth.held) == (2, 0)
    ticket = Ticket.objects.get()
    assert ticket.participants == 3
