import json

import pytest
from django.test import Client

from marketplace.models import Product, ProductStatus
from tests.marketplace.factories import (
    CategoryFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.vendors.factories import UserFactory, VendorFactory
from vendors.models import VendorStatus

pytestmark = pytest.mark.django_db

API = "/api/v1/vendors"


def _payload(category, **overrides):
    data = {
        "name": "Tas Purun",
        "category": category.slug,
        "description": "Tas <script>x</script>anyaman.",
        "status": "published",
        "technique": "woven",
        "dye": "natural",
        "tags": ["tas", "purun"],
        "variants": [
            {"sku": "tp-s", "size": "Sedang", "price": 65000, "stock": 3},
            {"sku": "tp-l", "size": "Besar", "price": 90000, "stock": 1},
        ],
    }
    data.update(overrides)
    return data


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(
        "/dasbor/", follow=True
    )  # a page with a form (log-out) sets the csrftoken cookie
    return client, client.cookies["csrftoken"].value


def test_public_reads_show_only_approved_shops_and_visible_products(client):
    vendor = VendorFactory(name="Anyaman Lok Baintan", slug="anyaman")
    VendorFactory(status=VendorStatus.PENDING, slug="belum")
    product = ProductFactory(vendor=vendor, slug="tanggui")
    ProductVariantFactory(product=product, price=75000)
    ProductFactory(vendor=vendor, slug="draf", status=ProductStatus.DRAFT)
    listing = client.get(f"{API}/").json()["items"]
    assert [item["slug"] for item in listing] == ["anyaman"]
    assert client.get(f"{API}/belum").status_code == 404
    products = client.get(f"{API}/anyaman/products").json()["items"]
    assert [item["slug"] for item in products] == ["tanggui"]
    assert products[0]["price_from"] == 75000
    detail = client.get(f"{API}/anyaman/products/tanggui").json()
    assert detail["variants"][0]["price"] == 75000
    assert client.get(f"{API}/anyaman/products/draf").status_code == 404


def test_openapi_lists_the_vendor_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/vendors/me/products" in paths
    assert "/api/v1/vendors/{slug}" in paths


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/me"),
        ("get", "/me/products"),
        ("post", "/me/products"),
        ("get", "/me/products/1"),
        ("put", "/me/products/1"),
        ("post", "/me/products/1/archive"),
        ("post", "/me/stock"),
    ],
)
def test_management_endpoints_answer_401_to_anonymous(client, method, path):
    if method == "get":
        response = client.get(f"{API}{path}")
    else:
        response = getattr(client, method)(
            f"{API}{path}", data="{}", content_type="application/json"
        )
    assert response.status_code == 401


def test_vendor_creates_updates_and_archives_its_product():
    vendor = VendorFactory()
    category = CategoryFactory()
    client, token = _csrf_client(vendor.owner)
    no_csrf = client.post(
        f"{API}/me/products",
        data=json.dumps(_payload(category)),
        content_type="application/json",
    )
    assert no_csrf.status_code == 403
    created = client.post(
        f"{API}/me/products",
        data=json.dumps(_payload(category)),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["description"] == "Tas anyaman."
    assert [v["sku"] for v in body["variants"]] == ["TP-S", "TP-L"]
    product_id = body["id"]
    variant_id = body["variants"][0]["id"]
    payload = _payload(category, name="Tas Purun Besar")
    payload["variants"] = [
        {"id": variant_id, "sku": "TP-S", "price": 70000, "stock": 9}
    ]
    updated = client.put(
        f"{API}/me/products/{product_id}",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert updated.status_code == 200
    assert updated.json()["name"] == "Tas Purun Besar"
    stock = client.post(
        f"{API}/me/stock",
        data=json.dumps({"stocks": {str(variant_id): 4}}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert stock.json() == {"changed": 1}
    archived = client.post(
        f"{API}/me/products/{product_id}/archive", HTTP_X_CSRFTOKEN=token
    )
    assert archived.json()["status"] == "archived"


def test_bad_input_is_a_clear_400_not_a_500():
    vendor = VendorFactory(status=VendorStatus.PENDING)
    category = CategoryFactory()
    client, token = _csrf_client(vendor.owner)
    response = client.post(
        f"{API}/me/products",
        data=json.dumps(_payload(category)),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 400
    assert "status" in response.json()["fields"]
    unknown = client.post(
        f"{API}/me/products",
        data=json.dumps({**_payload(category, status="draft"), "category": "nope"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert unknown.status_code == 400 and "category" in unknown.json()["fields"]
    negative = client.post(
        f"{API}/me/products",
        data=json.dumps(_payload(category, variants=[{"sku": "A", "price": -5}])),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert negative.status_code == 422


def test_another_vendors_ids_are_404_on_every_management_endpoint():
    theirs = ProductFactory(vendor=VendorFactory(), name="Milik orang")
    their_variant = ProductVariantFactory(product=theirs, stock=3)
    me = VendorFactory()
    category = CategoryFactory()
    client, token = _csrf_client(me.owner)
    kwargs = {"content_type": "application/json", "HTTP_X_CSRFTOKEN": token}
    assert client.get(f"{API}/me/products/{theirs.pk}").status_code == 404
    assert (
        client.put(
            f"{API}/me/products/{theirs.pk}",
            data=json.dumps(_payload(category)),
            **kwargs,
        ).status_code
        == 404
    )
    assert (
        client.post(f"{API}/me/products/{theirs.pk}/archive", **kwargs).status_code
        == 404
    )
    stock = client.post(
        f"{API}/me/stock",
        data=json.dumps({"stocks": {str(their_variant.pk): 0}}),
        **kwargs,
    )
    assert stock.status_code in (400, 404)
    assert client.get(f"{API}/me/products").json() == {"items": [], "count": 0}
    theirs.refresh_from_db()
    their_variant.refresh_from_db()
    assert (theirs.name, theirs.status, their_variant.stock) == (
        "Milik orang",
        "published",
        3,
    )
    # Stealing a variant id through an update of one's own product fails too.
    mine = ProductFactory(vendor=me)
    payload = _payload(category, status="draft")
    payload["variants"] = [{"id": their_variant.pk, "sku": "STOLEN", "price": 1}]
    assert (
        client.put(
            f"{API}/me/products/{mine.pk}", data=json.dumps(payload), **kwargs
        ).status_code
        == 400
    )
    assert Product.objects.get(pk=theirs.pk).variants.get().sku != "STOLEN"


def test_a_user_without_a_shop_gets_404_from_me():
    client, _token = _csrf_client(UserFactory())
    assert client.get(f"{API}/me").status_code == 404


def test_public_list_query_count_is_constant(client, django_assert_max_num_queries):
    vendor = VendorFactory(slug="banyak")
    for _n in range(10):
        ProductVariantFactory(product=ProductFactory(vendor=vendor))
    with django_assert_max_num_queries(6):
        assert len(client.get(f"{API}/banyak/products").json()["items"]) == 10
