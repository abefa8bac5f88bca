"""Bounded input on the whole /api/v1/: a bad number is a JSON 4xx in the API's one
envelope (core.api.ErrorOut), never a 500 (issue 9 point 8). Runs on SQLite and, with
DATABASE_URL set, on PostgreSQL, where an offset past bigint used to be a database
error."""

import json

import pytest
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client

from marketplace.limits import ID_MAX, LIMIT_MAX, OFFSET_MAX
from tests.marketplace.factories import ADDRESS, bookable_session, sellable_variant
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


def _list_endpoints() -> list[str]:
    """Every GET operation with an ``offset`` parameter, read from the OpenAPI schema,
    so a list endpoint added later is covered without touching this test."""
    schema = Client().get(f"{BASE}/openapi.json").json()
    return sorted(
        path
        for path, operations in schema["paths"].items()
        if any(
            parameter["name"] == "offset"
            for parameter in operations.get("get", {}).get("parameters", [])
        )
    )


def _url(path: str, vendor_slug: str) -> str:
    return path.replace("{slug}", vendor_slug)


def _assert_json_error(response, status: int, field: str):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] and field in body["fields"] and field in body["message"]


def test_the_list_endpoints_are_found():
    assert {
        "/api/v1/marketplace/products",
        "/api/v1/vendors/",
        "/api/v1/vendors/{slug}/products",
    } <= set(_list_endpoints())


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("offset", -1),
        ("offset", OFFSET_MAX + 1),
        ("offset", 2**63),
        ("offset", "x"),
        ("limit", 0),
        ("limit", LIMIT_MAX + 1),
        ("limit", -(2**70)),
        ("limit", "1e9"),
    ],
)
def test_every_list_endpoint_refuses_an_out_of_range_page(client, name, value):
    vendor = sellable_variant().product.vendor
    vendor_slug = vendor.slug
    client.force_login(vendor.owner)  # /vendors/me/products is a list too
    for path in _list_endpoints():
        response = client.get(_url(path, vendor_slug), {name: value})
        _assert_json_error(response, 422, name)


def test_every_list_endpoint_serves_the_edges_of_the_range(client):
    vendor = sellable_variant().product.vendor
    client.force_login(vendor.owner)
    bookable_session()  # /api/v1/experiences/ lists experiences only
    for path in _list_endpoints():
        url = _url(path, vendor.slug)
        first = client.get(url, {"offset": 0, "limit": LIMIT_MAX})
        assert first.status_code == 200, (path, first.content)
        assert len(first.json()["items"]) == first.json()["count"]
        last = client.get(url, {"offset": OFFSET_MAX, "limit": 1}).json()
        assert last == {"items": [], "count": first.json()["count"]}


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/marketplace/cart/items", {"variant_id": 1}),
        ("/marketplace/checkout", dict(ADDRESS, shipping={})),
        ("/vendors/me/stock", {"stocks": {}}),
    ],
)
def test_a_multipart_body_without_boundary_is_a_400(path, payload):
    # Django parses such a body lazily, in the CSRF check, and raised a 500 there.
    client = Client(enforce_csrf_checks=True)
    client.force_login(VendorFactory().owner)
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    response = client.post(
        BASE + path,
        json.dumps(payload).encode(),
        content_type="multipart/form-data",
        HTTP_X_CSRFTOKEN=_mask_cipher_secret(secret),
    )
    _assert_json_error(response, 400, "body")


@pytest.mark.parametrize("variant_id", [0, -1, ID_MAX + 1, 2**70])
def test_marketplace_ids_out_of_range_are_a_422(client, variant_id):
    response = client.post(
        f"{BASE}/marketplace/cart/items",
        {"variant_id": variant_id, "quantity": 1},
        content_type="application/json",
    )
    _assert_json_error(response, 422, "variant_id")
    for method in (client.patch, client.delete):
        response = method(
            f"{BASE}/marketplace/cart/items/{variant_id}",
            {"quantity": 1},
            content_type="application/json",
        )
        _assert_json_error(response, 422, "variant_id")


def test_an_id_at_the_top_of_the_range_is_just_not_found(client):
    response = client.patch(
        f"{BASE}/marketplace/cart/items/{ID_MAX}",
        {"quantity": 1},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_in_cart"


@pytest.mark.parametrize(
    "path",
    [
        "/marketplace/products?category=kain%00",
        "/marketplace/products/kain%00",
        "/marketplace/orders/BNA%00",
        "/vendors/toko%00",
        "/vendors/toko%00/products",
        "/vendors/toko/products/kain%00",
    ],
)
def test_a_nul_in_a_slug_is_a_422(client, path):
    # PostgreSQL refuses NUL in text: the lookup itself was a 500.
    response = client.get(BASE + path)
    assert response.status_code == 422
    assert "pattern" in response.content.decode()


def _nul_bodies():
    from tests.marketplace.factories import CategoryFactory

    vendor = VendorFactory()
    category = CategoryFactory()
    product = {
        "name": "Tas",
        "category": category.slug,
        "variants": [{"sku": "A", "price": 1000}],
    }
    return vendor, [
        # (An undeclared key is ignored, never stored, NUL or not.)
        ("/marketplace/checkout", dict(ADDRESS, city="a\x00", shipping={})),
        ("/marketplace/checkout", dict(ADDRESS, full_name="A\x00B", shipping={})),
        ("/vendors/me/products", dict(product, description="a\x00b")),
        ("/vendors/me/products", dict(product, tags=["a\x00b"])),
        (
            "/vendors/me/products",
            dict(product, variants=[{"sku": "A\x00", "price": 1000}]),
        ),
    ]


def test_a_nul_anywhere_in_a_body_is_a_422(client):
    vendor, bodies = _nul_bodies()
    client.force_login(vendor.owner)
    for path, payload in bodies:
        response = client.post(
            BASE + path, json.dumps(payload), content_type="application/json"
        )
        assert response.status_code == 422, (path, response.content)
        assert "NUL" in response.content.decode()


@pytest.mark.postgres
def test_a_nul_in_a_body_is_a_422_on_postgresql(client):
    """The cause: PostgreSQL refused the insert or the tag lookup (a 500)."""
    test_a_nul_anywhere_in_a_body_is_a_422(client)
