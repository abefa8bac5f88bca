"""The marketplace JSON API: session auth, CSRF on writes, clear JSON errors."""

import pytest
from django.test import Client

from marketplace.models import CartItem, Order
from tests.marketplace.factories import ADDRESS, sellable_variant

pytestmark = pytest.mark.django_db

BASE = "/api/v1/marketplace"


@pytest.fixture(autouse=True)
def _demo(settings):
    settings.PAYMENT_PROVIDER = "demo"


@pytest.fixture
def api():
    """A client that enforces CSRF like a browser, with the token header set."""
    client = Client(enforce_csrf_checks=True)
    client.get("/keranjang/")  # any page sets no cookie; fetch one explicitly
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    client.token = _mask_cipher_secret(secret)
    return client


def _post(client, path, data):
    return client.post(
        BASE + path,
        data,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.token,
    )


def test_catalogue_endpoints(api):
    variant = sellable_variant(price=150000)
    products = api.get(f"{BASE}/products").json()["items"]
    assert products[0]["slug"] == variant.product.slug
    assert products[0]["price_from"] == 150000
    detail = api.get(f"{BASE}/products/{variant.product.slug}").json()
    assert detail["variants"][0]["id"] == variant.pk
    assert api.get(f"{BASE}/products/nope").status_code == 404
    assert api.get("/api/v1/openapi.json").status_code == 200


def test_writes_need_the_csrf_token(api):
    variant = sellable_variant()
    response = api.post(
        f"{BASE}/cart/items",
        {"variant_id": variant.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not CartItem.objects.exists()


def test_cart_and_checkout_through_the_api(api):
    first = sellable_variant(price=100000, stock=3)
    second = sellable_variant(price=50000, stock=3)
    assert (
        _post(api, "/cart/items", {"variant_id": first.pk, "quantity": 2}).status_code
        == 200
    )
    cart = _post(api, "/cart/items", {"variant_id": second.pk, "quantity": 1}).json()
    assert len(cart["groups"]) == 2
    assert cart["items_total"] == 250000
    response = api.patch(
        f"{BASE}/cart/items/{first.pk}",
        {"quantity": 1},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=api.token,
    )
    assert response.json()["items_total"] == 150000
    shipping = {
        str(first.product.vendor_id): "pickup",
        str(second.product.vendor_id): "flat",
    }
    created = _post(api, "/checkout", dict(ADDRESS, shipping=shipping, grand_total=1))
    assert created.status_code == 201
    body = created.json()
    assert body["grand_total"] == 150000 + 20000
    assert "/demo/" in body["payment_url"]
    assert api.get(f"{BASE}/orders/{body['number']}").json()["number"] == body["number"]
    orders = api.get(f"{BASE}/orders").json()["items"]
    assert [order["number"] for order in orders] == [body["number"]]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"variant_id": 999999, "quantity": 1}, 404, "unknown_variant"),
        # Outside the schema's 1..99: refused before the cart service runs.
        ({"variant_id": "VARIANT", "quantity": 0}, 422, "invalid"),
        ({"variant_id": "VARIANT", "quantity": -3}, 422, "invalid"),
        ({"variant_id": "VARIANT", "quantity": 10**12}, 422, "invalid"),
        ({"variant_id": "VARIANT", "quantity": 50}, 400, "insufficient_stock"),
    ],
)
def test_bad_cart_input_is_a_clear_json_error(api, payload, status, code):
    variant = sellable_variant(stock=3)
    if payload["variant_id"] == "VARIANT":
        payload = dict(payload, variant_id=variant.pk)
    response = _post(api, "/cart/items", payload)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert not CartItem.objects.exists()


def test_empty_cart_and_bad_address_checkout(api):
    response = _post(api, "/checkout", dict(ADDRESS, shipping={}))
    assert response.status_code == 400
    assert response.json()["code"] == "empty_cart"
    variant = sellable_variant()
    _post(api, "/cart/items", {"variant_id": variant.pk, "quantity": 1})
    bad = _post(
        api,
        "/checkout",
        dict(
            ADDRESS, postal_code="12", shipping={str(variant.product.vendor_id): "flat"}
        ),
    )
    assert bad.json()["code"] == "bad_postal_code"
    assert not Order.objects.exists()


def test_checkout_submitted_twice_answers_the_same_order_and_caps_units(api, settings):
    variant = sellable_variant(stock=30)
    _post(api, "/cart/items", {"variant_id": variant.pk, "quantity": 2})
    body = dict(ADDRESS, shipping={str(variant.product.vendor_id): "flat"})
    first = _post(api, "/checkout", body)
    again = _post(api, "/checkout", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["number"] == first.json()["number"]
    assert again.json()["payment_url"] == first.json()["payment_url"]
    assert Order.objects.count() == 1
    settings.MARKETPLACE_MAX_HELD_UNITS = 2
    _post(api, "/cart/items", {"variant_id": variant.pk, "quantity": 1})
    capped = _post(api, "/checkout", body)
    assert capped.status_code == 409
    assert capped.json()["code"] == "held_units_cap"
