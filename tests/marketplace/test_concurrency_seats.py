"""Many tourists race for the last seats of a session on PostgreSQL: nobody oversells."""

import threading

import pytest
from django.db import connection, connections

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import Cart, ExperienceSession, Ticket
from tests.marketplace.factories import bookable_session

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TOURISTS = 20
CAPACITY = 7
CONTACT = {"full_name": "Turis", "email": "turis@example.test", "phone": "081234567890"}


def test_concurrent_bookings_never_oversell_a_session():
    assert connection.vendor == "postgresql"
    session = bookable_session(capacity=CAPACITY)
    carts = []
    for n in range(TOURISTS):
        cart = Cart.objects.create(session_key=f"seat-race-{n}")
        # Everyone's cart was filled while seats looked plentiful.
        services.cart_add_booking(cart=cart, session_id=session.pk, adults=1)
        carts.append(cart)
    barrier = threading.Barrier(TOURISTS)
    paid, refused, errors = [], [], []
    lock = threading.Lock()

    def tourist(cart):
        try:
            barrier.wait()
            try:
                order = services.checkout_start(
                    cart=cart,
                    address=services.ShippingAddress.from_data(
                        CONTACT, address_required=False
                    ),
                    shipping={},
                    provider="demo",
                )
            except MarketplaceError as error:
                with lock:
                    refused.append(error.code)
                return
            services.order_mark_paid(order_id=order.pk)
            with lock:
                paid.append(order.pk)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tourist, args=(cart,)) for cart in carts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert set(refused) <= {"insufficient_seats", "cart_problem"}
    assert len(paid) == CAPACITY
    assert len(paid) + len(refused) == TOURISTS
    session = ExperienceSession.objects.get(pk=session.pk)
    assert (session.held, session.booked) == (0, CAPACITY)
    assert Ticket.objects.filter(session=session).count() == CAPACITY
