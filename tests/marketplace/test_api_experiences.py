"""Experiences in the JSON API: listings, sessions and seats, booking in the cart
(CSRF like every write), checkout of a mixed cart, the buyer's tickets."""

import pytest
from django.test import Client

from marketplace import services
from marketplace.models import CartItem, Order
from tests.marketplace.factories import ADDRESS, bookable_session, sellable_variant

pytestmark = pytest.mark.django_db

BASE = "/api/v1/experiences"


@pytest.fixture(autouse=True)
def _demo(settings):
    settings.PAYMENT_PROVIDER = "demo"


@pytest.fixture
def api():
    client = Client(enforce_csrf_checks=True)
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    client.token = _mask_cipher_secret(secret)
    return client


def _post(client, path, data):
    return client.post(
        path, data, content_type="application/json", HTTP_X_CSRFTOKEN=client.token
    )


def test_list_detail_and_seat_availability(api):
    session = bookable_session(capacity=6, price=200000, child_price=120000)
    product = session.experience.product
    # A bounded page like every list (core.api.BoundedLimitOffset).
    page = api.get(f"{BASE}/").json()
    listing = page["items"]
    assert page["count"] == 1
    assert [e["slug"] for e in listing] == [product.slug]
    assert listing[0]["child_price"] == 120000
    detail = api.get(f"{BASE}/{product.slug}").json()
    assert detail["sessions"][0]["seats_left"] == 6
    seats = api.get(f"{BASE}/sessions/{session.pk}").json()
    assert (seats["capacity"], seats["seats_left"]) == (6, 6)
    assert api.get(f"{BASE}/sessions/999999").status_code == 404
    assert api.get(f"{BASE}/nope").status_code == 404


def test_booking_needs_csrf_and_rejects_bad_counts(api):
    session = bookable_session()
    refused = api.post(
        f"{BASE}/cart/bookings",
        {"session_id": session.pk, "adults": 1},
        content_type="application/json",
    )
    assert refused.status_code == 403
    bad = _post(api, f"{BASE}/cart/bookings", {"session_id": session.pk, "adults": 0})
    assert bad.status_code == 422
    unknown = _post(api, f"{BASE}/cart/bookings", {"session_id": 999999, "adults": 1})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_session")
    assert not CartItem.objects.exists()


def test_mixed_cart_checkout_through_the_api_and_tickets_listed(api):
    session = bookable_session(capacity=5, price=200000)
    cloth = sellable_variant(price=150000, stock=2)
    booked = _post(
        api, f"{BASE}/cart/bookings", {"session_id": session.pk, "adults": 2}
    )
    assert booked.json() == {
        "session_id": session.pk,
        "adults": 2,
        "children": 0,
        "seats": 2,
    }
    cart = _post(
        api, "/api/v1/marketplace/cart/items", {"variant_id": cloth.pk, "quantity": 1}
    ).json()
    kinds = {
        # A null id is left out of the cart's answer.
        (line.get("variant_id") is None, line.get("session_id") is None)
        for group in cart["groups"]
        for line in group["lines"]
    }
    assert kinds == {(True, False), (False, True)}
    created = _post(
        api,
        "/api/v1/marketplace/checkout",
        dict(ADDRESS, shipping={str(cloth.product.vendor_id): "flat"}),
    )
    assert created.status_code == 201, created.content
    order = Order.objects.get()
    assert order.grand_total == 400000 + 150000 + order.shipping_total
    seats = api.get(f"{BASE}/sessions/{session.pk}").json()
    assert seats["seats_left"] == 3
    services.order_mark_paid(order_id=order.pk)
    (ticket,) = api.get(f"{BASE}/bookings").json()
    assert ticket["order_number"] == order.number
    assert ticket["participants"] == 2
    assert not ticket["checked_in"]
    removed = api.delete(
        f"{BASE}/cart/bookings/{session.pk}", HTTP_X_CSRFTOKEN=api.token
    )
    assert removed.status_code == 204
