"""The shopper's pages for experiences: book on the product page, the cart, a
checkout without an address, and the ticket with its QR code on the order page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.models import CartItem, Order, Ticket
from tests.marketplace.factories import bookable_session, sellable_variant
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(settings):
    # Whatever the environment's provider: these journeys pay on the demo page.
    settings.PAYMENT_PROVIDER = "demo"
    settings.BANUA_DEMO_PAYMENTS = True


def test_book_from_product_page_checkout_without_address_and_see_ticket(client):
    session = bookable_session(capacity=6, price=200000, child_price=100000)
    product = session.experience.product
    page = client.get(reverse("marketplace:product_detail", args=[product.slug]))
    assert page.status_code == 200
    assert b'name="session"' in page.content
    assert b"Tinggal 6 kursi" in page.content  # Indonesian by default
    client.get(reverse("marketplace:cart"))  # starts a session: the form has a token
    response = client.post(
        reverse("marketplace:cart_add"),
        {"session": session.pk, "adults": 2, "children": 1},
    )
    assert response.status_code == 302
    item = CartItem.objects.get()
    assert (item.adults, item.children, item.quantity) == (2, 1, 3)
    cart_page = client.get(reverse("marketplace:cart"))
    assert b"data-session" in cart_page.content
    form_page = client.get(reverse("marketplace:checkout"))
    assert b'name="postal_code"' not in form_page.content
    response = client.post(
        reverse("marketplace:checkout"),
        {"full_name": "Ayu", "email": "ayu@example.test", "phone": "081234567890"},
    )
    assert response.status_code == 302, response.content
    order = Order.objects.get()
    assert order.grand_total == 500000
    client.post(reverse("marketplace:demo_payment", args=[order.number]))
    ticket = Ticket.objects.get()
    detail = client.get(reverse("marketplace:order_detail", args=[order.number]))
    assert ticket.code.encode() in detail.content
    assert b"<svg" in detail.content


def test_mixed_cart_still_asks_the_address(client):
    session = bookable_session()
    cloth = sellable_variant()
    client.get(reverse("marketplace:cart"))
    client.post(reverse("marketplace:cart_add"), {"session": session.pk, "adults": 1})
    client.post(reverse("marketplace:cart_add"), {"variant": cloth.pk, "quantity": 1})
    page = client.get(reverse("marketplace:checkout"))
    assert b'name="postal_code"' in page.content
    assert f'name="shipping_{cloth.product.vendor_id}"'.encode() in page.content
    vendor = session.experience.product.vendor_id
    assert f'name="shipping_{vendor}"'.encode() not in page.content


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999999", "-1"])
def test_bad_session_ids_never_500(client, value):
    client.get(reverse("marketplace:cart"))
    response = client.post(
        reverse("marketplace:cart_add"), {"session": value, "adults": 1}
    )
    assert response.status_code in (302, 400)
    response = client.post(reverse("marketplace:cart_remove"), {"session": value})
    assert response.status_code == 302


def test_the_page_of_a_vendor_on_holiday_shows_its_note_like_a_product(client):
    """The experience page and the product page share one holiday notice, so both
    carry the vendor's own note."""
    today = timezone.localdate()
    vendor = VendorFactory(
        holiday_from=today - dt.timedelta(days=1),
        holiday_until=today + dt.timedelta(days=5),
        holiday_note="Pulang kampung ke Kandangan.",
    )
    experience = bookable_session(vendor=vendor).experience.product
    cloth = sellable_variant(vendor=vendor).product
    for product in (experience, cloth):
        page = client.get(reverse("marketplace:product_detail", args=[product.slug]))
        html = page.content.decode()
        assert page.status_code == 200
        assert "sedang libur dan belum menerima pesanan." in html
        assert "Pulang kampung ke Kandangan." in html
