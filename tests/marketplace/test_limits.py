"""Bounded input in the storefront: ids the database cannot hold, capped texts
(issue 9 point 8). Never a 500, on SQLite and PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.limits import (
    DESCRIPTION_MAX_LENGTH,
    ID_MAX,
    REVIEW_TEXT_MAX_LENGTH,
    id_or_none,
)
from marketplace.models import CartItem, Product, Review
from tests.marketplace.factories import ProductFactory, place_order, sellable_variant
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE_IDS = [str(ID_MAX + 1), str(2**70), str(-(2**70)), "-1", "0", "x", "1.5", ""]


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("value", HUGE_IDS)
def test_id_or_none_keeps_ids_in_the_database_range(value):
    assert id_or_none(value) is None
    assert id_or_none(str(ID_MAX)) == ID_MAX


@pytest.mark.parametrize("variant", HUGE_IDS)
@pytest.mark.parametrize(
    "path", ["/en/keranjang/tambah/", "/en/keranjang/ubah/", "/en/keranjang/hapus/"]
)
def test_cart_forms_with_an_impossible_variant_id_redirect_with_a_message(
    client, path, variant
):
    # SQLite could not bind the number in the cart's foreign-key lookup: a 500.
    kept = sellable_variant(stock=3)
    client.post("/en/keranjang/tambah/", {"variant": kept.pk, "quantity": 1})
    response = client.post(path, {"variant": variant, "quantity": 1})
    assert response.status_code == 302
    assert CartItem.objects.get().variant == kept


def test_an_impossible_suborder_id_is_no_suborder():
    from marketplace.selectors import suborder_get_for_vendor

    vendor = sellable_variant().product.vendor
    assert suborder_get_for_vendor(vendor=vendor, suborder_id=2**70) is None


def test_product_description_is_capped_in_the_model_and_the_database():
    product = ProductFactory(description="x" * DESCRIPTION_MAX_LENGTH)
    product.full_clean()
    product.description += "x"
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert "description" in error.value.message_dict
    # The CHECK constraint stops writes that skip validation (bulk updates, scripts).
    from django.db.models import Value
    from django.db.models.functions import Concat

    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(
            description=Concat("description", Value("x"))
        )


def _delivered_line(buyer):
    variant = sellable_variant()
    order = place_order(items=[(variant, 1)], user=buyer, shipping_method="pickup")
    services.order_mark_paid(order_id=order.pk)
    sub = order.suborders.get()
    services.suborder_mark_shipped(
        suborder=sub, courier="", tracking_number="", actor=None
    )
    services.suborder_mark_delivered(suborder=sub, actor=None)
    return order, sub.lines.get()


def test_review_text_is_capped_in_the_form_service_model_and_database(client):
    buyer = UserFactory()
    order, line = _delivered_line(buyer)
    too_long = "b" * (REVIEW_TEXT_MAX_LENGTH + 1)
    client.force_login(buyer)
    response = client.post(
        f"/en/pesanan/{order.number}/ulasan/{line.pk}/",
        {"rating": 5, "text": too_long},
        follow=True,
    )
    message = str(list(response.context["messages"])[0])
    assert "at most 2000 characters" in message
    with pytest.raises(MarketplaceError):
        services.review_create(
            user=buyer, order_line_id=line.pk, rating=5, text=too_long
        )
    assert not Review.objects.exists()
    review = services.review_create(
        user=buyer, order_line_id=line.pk, rating=5, text="b" * REVIEW_TEXT_MAX_LENGTH
    )
    review.text += "b"
    with pytest.raises(ValidationError):
        review.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        review.save()
