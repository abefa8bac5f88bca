"""Bounded input in the vendor API and dashboard (issue 9 point 8): tags, texts,
variant numbers, lists and ids get a form error or the API's JSON error, never a 500.
The ``postgres`` tests are the ones that were database errors only there."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from marketplace.limits import (
    DESCRIPTION_MAX_LENGTH,
    ID_MAX,
    INT_MAX,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    VARIANTS_MAX,
)
from marketplace.models import Product
from tests.marketplace.factories import (
    CategoryFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.vendors.factories import VendorFactory
from tests.vendors.test_api import API, _csrf_client, _payload
from tests.vendors.test_views_dashboard import product_post
from vendors import services

pytestmark = pytest.mark.django_db

LONG_TAG = "t" * (TAG_MAX_LENGTH + 1)


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


def _api_post(client, token, payload, path="/me/products"):
    return client.post(
        f"{API}{path}",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"description": "d" * (DESCRIPTION_MAX_LENGTH + 1)}, "description"),
        ({"motif_meaning": "m" * 2001}, "motif_meaning"),
        ({"maker_name": "n" * 121}, "maker_name"),
        ({"tags": [LONG_TAG]}, "tags.0"),
        ({"tags": [f"t{n}" for n in range(TAGS_MAX + 1)]}, "tags"),
        ({"variants": [{"sku": "A", "price": INT_MAX + 1}]}, "variants.0.price"),
        ({"variants": [{"sku": "A", "price": 1, "stock": 2**63}]}, "variants.0.stock"),
        (
            {"variants": [{"sku": "A", "price": 1, "weight_grams": 2**31}]},
            "variants.0.weight_grams",
        ),
        ({"variants": [{"sku": "A", "price": 1, "id": 2**64}]}, "variants.0.id"),
        (
            {
                "variants": [
                    {"sku": f"S{n}", "price": 1} for n in range(VARIANTS_MAX + 1)
                ]
            },
            "variants",
        ),
    ],
)
def test_api_product_input_out_of_bounds_is_a_422_naming_the_field(overrides, field):
    vendor = VendorFactory()
    client, token = _csrf_client(vendor.owner)
    response = _api_post(client, token, _payload(CategoryFactory(), **overrides))
    assert response.status_code == 422, response.content
    body = response.json()
    assert field in body["fields"] and field in body["message"]
    assert not Product.objects.exists()


@pytest.mark.parametrize("product_id", [0, -5, ID_MAX + 1, 2**70])
def test_api_product_ids_out_of_range_are_a_422(product_id):
    vendor = VendorFactory()
    client, token = _csrf_client(vendor.owner)
    kwargs = {"content_type": "application/json", "HTTP_X_CSRFTOKEN": token}
    payload = json.dumps(_payload(CategoryFactory()))
    responses = [
        client.get(f"{API}/me/products/{product_id}"),
        client.put(f"{API}/me/products/{product_id}", payload, **kwargs),
        client.post(f"{API}/me/products/{product_id}/archive", **kwargs),
    ]
    for response in responses:
        assert response.status_code == 422
        assert "product_id" in response.json()["fields"]


def test_service_refuses_too_long_or_too_many_tags():
    vendor = VendorFactory()
    fields = {"name": "Tas", "category": CategoryFactory(), "status": "draft"}
    for tags in ([LONG_TAG], [f"t{n}" for n in range(TAGS_MAX + 1)]):
        with pytest.raises(ValidationError) as error:
            services.product_save(
                vendor=vendor, actor=vendor.owner, fields=fields, variants=[], tags=tags
            )
        assert "tags" in error.value.message_dict
    saved = services.product_save(
        vendor=vendor,
        actor=vendor.owner,
        fields=fields,
        variants=[],
        tags=[" Kain ", "kain", "t" * TAG_MAX_LENGTH],
    )
    assert sorted(tag.name for tag in saved.tags.all()) == [
        "kain",
        "t" * TAG_MAX_LENGTH,
    ]


@pytest.mark.postgres
def test_a_tag_over_100_characters_is_a_form_error_on_postgresql(client):
    """The cause: taggit's varchar(100) made PostgreSQL refuse the save (a 500)."""
    test_dashboard_refuses_too_long_tags_and_description(client)


def test_dashboard_refuses_too_long_tags_and_description(client):
    vendor = VendorFactory()
    client.force_login(vendor.owner)
    data = product_post(
        CategoryFactory(),
        variants=[{"sku": "kk-1", "price": "1000"}],
        tags_text=f"kain, {LONG_TAG}",
        description="d" * (DESCRIPTION_MAX_LENGTH + 1),
    )
    response = client.post(reverse("vendors:product_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "at most 100 characters" in str(errors["tags_text"])
    assert "at most 5000 characters" in str(errors["description"])
    assert not Product.objects.exists()


@pytest.mark.postgres
def test_api_price_past_the_integer_column_is_a_422_on_postgresql():
    """The cause: PostgreSQL's ``integer`` column refused 2**31 with a DataError."""
    vendor = VendorFactory()
    client, token = _csrf_client(vendor.owner)
    payload = _payload(CategoryFactory(), variants=[{"sku": "A", "price": 2**31}])
    response = _api_post(client, token, payload)
    assert response.status_code == 422
    assert "variants.0.price" in response.json()["fields"]


@pytest.mark.parametrize("photo_id", [str(ID_MAX + 1), str(2**70), "x"])
def test_dashboard_remove_photos_with_an_impossible_id_is_a_form_error(
    client, photo_id
):
    # The form's pk__in query could not bind the number on SQLite: a 500.
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor)
    variant = ProductVariantFactory(product=product, sku="OLD-1")
    client.force_login(vendor.owner)
    data = product_post(
        product.category,
        variants=[{"sku": "OLD-1", "price": "1000"}],
        existing=[variant.pk],
        remove_photos=[photo_id],
    )
    response = client.post(
        reverse("vendors:product_edit", kwargs={"product_id": product.pk}), data
    )
    assert response.status_code == 200
    assert "remove_photos" in response.context["form"].errors


@pytest.mark.parametrize("field", ["price", "stock", "weight_grams"])
@pytest.mark.parametrize("value", [str(INT_MAX + 1), str(2**63), str(2**70)])
def test_dashboard_variant_numbers_past_the_column_are_form_errors(
    client, field, value
):
    vendor = VendorFactory()
    client.force_login(vendor.owner)
    data = product_post(
        CategoryFactory(),
        variants=[{"sku": "kk-1", "price": "1000", field: value}],
        status="draft",
    )
    response = client.post(reverse("vendors:product_create"), data)
    assert response.status_code == 200
    assert field in response.context["formset"].forms[0].errors
    assert not Product.objects.exists()


def test_office_hide_reason_is_bounded():
    from tests.vendors.factories import office_user

    product = ProductFactory()
    with pytest.raises(ValidationError) as error:
        services.product_hide(product=product, actor=office_user(), reason="r" * 2001)
    assert "reason" in error.value.message_dict
    product.refresh_from_db()
    assert not product.is_hidden
