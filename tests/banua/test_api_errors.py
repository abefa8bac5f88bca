"""One error envelope on the whole /api/v1/ (core.api.ErrorOut), every status
documented, and CSRF checked by the API's auth on every write (issue 12 point 4)."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from core.api import ApiError, install_error_handlers
from tests.marketplace.factories import sellable_variant
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
ENVELOPE = {"code", "message", "fields"}
WRITES = ("post", "put", "patch", "delete")


def _envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == ENVELOPE
    assert body["code"] == code and body["message"]
    return body


def _schema() -> dict:
    return Client().get(f"{BASE}/openapi.json").json()


def test_a_value_outside_the_schema_is_a_422(client):
    body = _envelope(
        client.get(f"{BASE}/marketplace/products", {"offset": -1}), 422, "invalid"
    )
    assert "offset" in body["fields"]


def test_a_body_that_is_not_json_is_a_400(client):
    response = client.post(
        f"{BASE}/marketplace/cart/items", "{", content_type="application/json"
    )
    _envelope(response, 400, "unparsable_body")


def test_no_session_is_a_401(client):
    _envelope(client.get(f"{BASE}/vendors/me"), 401, "not_authenticated")


def test_a_missing_thing_is_a_404_from_every_router(client):
    _envelope(client.get(f"{BASE}/marketplace/products/nope"), 404, "not_found")
    _envelope(client.get(f"{BASE}/vendors/nope"), 404, "not_found")
    body = _envelope(
        client.get(f"{BASE}/search/products", {"near": 999999}), 404, "not_found"
    )
    assert "near" in body["fields"]


def test_a_service_refusal_keeps_its_code(client):
    variant = sellable_variant(stock=1)
    response = client.post(
        f"{BASE}/marketplace/cart/items",
        {"variant_id": variant.pk, "quantity": 5},
        content_type="application/json",
    )
    _envelope(response, 400, "insufficient_stock")


@pytest.mark.parametrize(
    ("exception", "status", "code"),
    [
        (
            ValidationError([{"loc": ("query", "limit"), "msg": "too big"}]),
            422,
            "invalid",
        ),
        (AuthenticationError(), 401, "not_authenticated"),
        (PermissionDenied(), 403, "forbidden"),
        (Http404(), 404, "not_found"),
        (Throttled(wait=5), 429, "rate_limited"),
        (HttpError(409, "Busy."), 409, "conflict"),
        (ApiError(502, code="payment_failed", message="Later."), 502, "payment_failed"),
    ],
)
def test_every_kind_of_refusal_gets_the_envelope(exception, status, code):
    # A bare NinjaAPI with the handlers, as a project without the site mounts it.
    api = NinjaAPI(urls_namespace=f"errors-{code}")
    install_error_handlers(api)
    response = api.on_exception(RequestFactory().get("/"), exception)
    assert response.status_code == status
    body = json.loads(response.content)
    assert set(body) == ENVELOPE and body["code"] == code and body["message"]


def test_every_error_status_is_documented_with_the_envelope():
    schema = _schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for status, response in responses.items():
                if int(status) >= 400:
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut"), (method, path, status)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in responses, (method, path)
            if method in WRITES:
                assert "403" in responses, (method, path)  # CSRF


def test_schemas_have_names_unique_across_the_api():
    # OpenAPI components share one namespace: two routers' "ProductOut" would
    # silently describe one router's answers with the other's schema.
    import importlib
    import inspect

    from ninja import Schema

    owners: dict[str, str] = {}
    for module_name in ("core.api", "marketplace.api", "search.api", "vendors.api"):
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Schema)
                and value.__module__ == module_name
            ):
                assert owners.setdefault(name, module_name) == module_name, name


def test_every_write_refuses_a_missing_csrf_token():
    variant = sellable_variant()
    client = Client(enforce_csrf_checks=True)
    client.force_login(variant.product.vendor.owner)
    product_id = variant.product.pk
    for path, operations in _schema()["paths"].items():
        url = path.replace("{variant_id}", str(variant.pk)).replace(
            "{product_id}", str(product_id)
        )
        for method in set(operations) & set(WRITES):
            response = getattr(client, method)(
                url, "{}", content_type="application/json"
            )
            _envelope(response, 403, "csrf_failed")


def test_guests_write_their_cart_with_the_csrf_token_only():
    variant = sellable_variant()
    client = Client(enforce_csrf_checks=True)
    token = "a" * 32
    client.cookies["csrftoken"] = token
    response = client.post(
        f"{BASE}/marketplace/cart/items",
        {"variant_id": variant.pk},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_vendor_write_with_the_token_passes_the_auth():
    vendor = VendorFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(vendor.owner)
    token = "b" * 32
    client.cookies["csrftoken"] = token
    response = client.post(
        f"{BASE}/vendors/me/stock",
        {"stocks": {}},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.json() == {"changed": 0}
