"""Storefront pages: product, category, cart, checkout (demo), orders, vendor pages."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace import services
from marketplace.models import CartItem, Order, OrderStatus
from tests.marketplace.factories import (
    ADDRESS,
    ProductImageFactory,
    ProductVariantFactory,
    place_order,
    sellable_variant,
)
from tests.vendors.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English source messages; Indonesian is the site default, so
    URLs are reversed (and pages served) under /en/."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _demo(settings):
    settings.PAYMENT_PROVIDER = "demo"


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_product_page_has_variants_vendor_whatsapp_and_json_ld(client):
    variant = sellable_variant(price=150000, stock=3)
    ProductVariantFactory(product=variant.product, price=175000, stock=0, colour="Biru")
    ProductImageFactory(product=variant.product)
    response = client.get(f"/produk/{variant.product.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rp\xa0150.000" in html
    assert "wa.me/6281251000101" in html
    assert 'name="variant"' in html
    data = _json_ld(html)
    assert data["@type"] == "Product"
    assert {offer["priceCurrency"] for offer in data["offers"]} == {"IDR"}
    assert {offer["price"] for offer in data["offers"]} == {"150000", "175000"}
    assert "https://schema.org/OutOfStock" in {
        offer["availability"] for offer in data["offers"]
    }


def test_product_page_query_count_is_constant(client, django_assert_max_num_queries):
    variant = sellable_variant()
    for _ in range(12):
        ProductVariantFactory(product=variant.product)
        ProductImageFactory(product=variant.product)
        sellable_variant(vendor=variant.product.vendor)  # related products
    client.get(f"/produk/{variant.product.slug}/")  # first view renders the image sizes
    with django_assert_max_num_queries(10):
        assert client.get(f"/produk/{variant.product.slug}/").status_code == 200


def test_category_page_lists_its_products(client, django_assert_max_num_queries):
    variant = sellable_variant()
    for _ in range(10):
        sellable_variant()
    with django_assert_max_num_queries(10):
        response = client.get(f"/produk/kategori/{variant.product.category.slug}/")
    assert variant.product.name in response.content.decode()
    assert client.get("/produk/kategori/no-such/").status_code == 404


def test_cart_groups_by_vendor_and_query_count_constant(
    client, django_assert_max_num_queries
):
    vendors = [VendorFactory(name=f"Toko {n}") for n in range(3)]
    for vendor in vendors:
        for _ in range(4):
            client.post(
                "/keranjang/tambah/",
                {"variant": sellable_variant(vendor=vendor).pk, "quantity": 1},
            )
    # 14, none per line: booked sessions and vendors' pick-up points (merged
    # features) each add one fixed query to the page.
    with django_assert_max_num_queries(14):
        response = client.get("/keranjang/")
    html = response.content.decode()
    assert html.count('class="cart-group"') == 3
    assert html.count('class="cart-line"') == 12


def test_bad_cart_posts_show_a_message_and_change_nothing(client):
    variant = sellable_variant(stock=2)
    for data in (
        {"variant": variant.pk, "quantity": 3},
        {"variant": variant.pk, "quantity": -1},
        {"variant": "999999", "quantity": 1},
        {"variant": "abc", "quantity": 1},
        {"variant": variant.pk, "quantity": "lots"},
    ):
        response = client.post("/keranjang/tambah/", data, follow=True)
        assert response.status_code == 200
        assert list(response.context["messages"])[0].level_tag == "error"
    assert not CartItem.objects.exists()


def test_checkout_page_query_count_constant(client, django_assert_max_num_queries):
    for vendor in [VendorFactory() for _ in range(3)]:
        for _ in range(3):
            client.post(
                "/keranjang/tambah/",
                {"variant": sellable_variant(vendor=vendor).pk, "quantity": 1},
            )
    # 14, none per line: booked sessions and pick-up points (merged features).
    with django_assert_max_num_queries(14):
        response = client.get("/checkout/")
    assert response.status_code == 200
    assert "demo" in response.content.decode().lower()


def test_checkout_with_demo_provider_end_to_end(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    first = sellable_variant(price=100000, stock=2)
    second = sellable_variant(price=50000, stock=2)
    client.post("/keranjang/tambah/", {"variant": first.pk, "quantity": 1})
    client.post("/keranjang/tambah/", {"variant": second.pk, "quantity": 2})
    data = dict(
        ADDRESS,
        **{
            f"shipping_{first.product.vendor_id}": "flat",
            f"shipping_{second.product.vendor_id}": "pickup",
            # A tampered price or total in the form is simply ignored.
            "price": "1",
            "grand_total": "1",
        },
    )
    response = client.post("/checkout/", data)
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/checkout/{order.number}/demo/")
    assert order.grand_total == 100000 + 2 * 50000 + 20000
    page = client.get(response["Location"])
    assert (
        "No money moves" in page.content.decode()
        or "Tidak ada uang" in page.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(response["Location"])
    assert paid["Location"].endswith(f"/checkout/{order.number}/berhasil/")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert not CartItem.objects.exists()  # bought items leave the cart
    assert len(mailoutbox) == 3  # buyer + two vendors
    detail = client.get(f"/pesanan/{order.number}/")
    assert detail.status_code == 200
    assert order.number in client.get("/pesanan/").content.decode()


def test_checkout_errors_are_shown_without_an_order(client):
    variant = sellable_variant()
    assert client.get("/checkout/").status_code == 302  # empty cart -> back to the cart
    client.post("/keranjang/tambah/", {"variant": variant.pk, "quantity": 1})
    bad = dict(
        ADDRESS, postal_code="123", **{f"shipping_{variant.product.vendor_id}": "flat"}
    )
    response = client.post("/checkout/", bad)
    assert response.status_code == 200
    assert "5" in response.content.decode()  # "postal code has 5 digits"
    no_shipping = dict(ADDRESS, **{f"shipping_{variant.product.vendor_id}": "teleport"})
    assert client.post("/checkout/", no_shipping).status_code == 200
    assert not Order.objects.exists()


def test_other_peoples_orders_are_not_visible(client):
    order = place_order(items=[(sellable_variant(), 1)], user=UserFactory())
    assert client.get(f"/pesanan/{order.number}/").status_code == 404
    assert client.post(f"/checkout/{order.number}/demo/").status_code == 404
    intruder = UserFactory()
    client.force_login(intruder)
    assert client.get(f"/pesanan/{order.number}/").status_code == 404


def test_review_only_after_delivery_then_shown_on_product(client):
    buyer = UserFactory()
    variant = sellable_variant()
    order = place_order(items=[(variant, 1)], user=buyer, shipping_method="pickup")
    services.order_mark_paid(order_id=order.pk)
    line = order.suborders.get().lines.get()
    client.force_login(buyer)
    url = f"/pesanan/{order.number}/ulasan/{line.pk}/"
    client.post(url, {"rating": 5, "text": "Bagus sekali"})
    assert not line.__class__.objects.filter(review__isnull=False).exists()
    sub = order.suborders.get()
    services.suborder_mark_shipped(
        suborder=sub, courier="", tracking_number="", actor=None
    )
    services.suborder_mark_delivered(suborder=sub, actor=None)
    client.post(url, {"rating": 5, "text": "Bagus sekali"})
    page = client.get(f"/produk/{variant.product.slug}/").content.decode()
    assert "Bagus sekali" in page
    assert _json_ld(page)["aggregateRating"]["reviewCount"] == 1
    other = UserFactory()
    client.force_login(other)
    response = client.post(url, {"rating": 4}, follow=True)
    assert list(response.context["messages"])[0].level_tag == "error"


def test_vendor_pages_show_only_own_suborders_and_statement(client):
    first = sellable_variant()
    second = sellable_variant()
    order = place_order(items=[(first, 1), (second, 1)])
    services.order_mark_paid(order_id=order.pk)
    vendor = first.product.vendor
    client.force_login(vendor.owner)
    html = client.get("/toko-saya/penjualan/").content.decode()
    assert first.product.name in html
    assert second.product.name not in html
    other_sub = order.suborders.get(vendor=second.product.vendor)
    assert (
        client.post(
            f"/toko-saya/penjualan/{other_sub.pk}/kirim/", {"courier": "JNE"}
        ).status_code
        == 404
    )
    statement = client.get("/toko-saya/laporan/")
    assert statement.status_code == 200
    assert order.number in statement.content.decode()
    client.force_login(UserFactory())
    assert client.get("/toko-saya/laporan/").status_code == 404


def test_catalogue_links_categories_with_constant_queries(
    client, django_assert_max_num_queries
):
    variant = sellable_variant()
    for _ in range(10):
        sellable_variant()
    client.get("/produk/")
    with django_assert_max_num_queries(10):
        html = client.get("/produk/").content.decode()
    assert f"/produk/kategori/{variant.product.category.slug}/" in html


def test_a_double_submitted_checkout_places_one_order_and_reuses_its_payment(client):
    variant = sellable_variant(price=100000, stock=5)
    client.post("/keranjang/tambah/", {"variant": variant.pk, "quantity": 2})
    data = dict(ADDRESS, **{f"shipping_{variant.product.vendor_id}": "flat"})
    first = client.post("/checkout/", data)
    second = client.post("/checkout/", data)
    order = Order.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"].endswith(f"/checkout/{order.number}/demo/")
    assert second["Location"].endswith(f"/checkout/{order.number}/demo/")
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (5, 2)


def test_checkout_over_the_held_units_cap_is_a_message_not_an_order(client, settings):
    settings.MARKETPLACE_MAX_HELD_UNITS = 3
    variant = sellable_variant(stock=10)
    client.post(reverse("marketplace:cart_add"), {"variant": variant.pk, "quantity": 4})
    data = dict(ADDRESS, **{f"shipping_{variant.product.vendor_id}": "flat"})
    response = client.post(reverse("marketplace:checkout"), data, follow=True)
    assert "at most 3 items" in response.content.decode()
    assert not Order.objects.exists()
