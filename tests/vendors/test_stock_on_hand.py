"""A vendor's edit never clobbers stock: on-hand and held apart (issue 9 point 1).

The story every test replays: the vendor opens the form while 5 are on the shelf, a
shopper's checkout holds 3, the vendor fixes a typo and saves without touching stock,
and then the hold either expires or is paid.
"""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from marketplace import services as marketplace
from tests.marketplace.factories import place_order, sellable_variant
from tests.vendors.test_api import API, _csrf_client
from tests.vendors.test_views_dashboard import product_post
from vendors import services
from vendors.services.catalogue import MAX_STOCK, VariantInput

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read English messages (Indonesian is the default language)."""
    with translation.override("en"):
        yield


def _as_loaded(variant) -> VariantInput:
    """The variant row exactly as the form showed it (stock untouched)."""
    return VariantInput(
        id=variant.pk,
        sku=variant.sku,
        price=variant.price,
        colour=variant.colour,
        stock=variant.stock,
        stock_loaded=variant.stock,
    )


def _save_typo_fix(variant, rows):
    vendor = variant.product.vendor
    services.product_save(
        vendor=vendor,
        actor=vendor.owner,
        product=variant.product,
        fields={"name": "Kain Sasirangan (typo fixed)"},
        variants=rows,
    )


def _expire_all():
    marketplace.reservations_release_expired(now=timezone.now() + timedelta(days=1))


def _numbers(variant):
    variant.refresh_from_db()
    return variant.stock, variant.held, variant.sellable


def test_form_saved_unchanged_while_a_checkout_holds_then_expiry_leaves_5_not_8():
    variant = sellable_variant(stock=5)
    loaded = _as_loaded(variant)  # the vendor opens the form: 5
    place_order(items=[(variant, 3)])  # a checkout holds 3
    assert _numbers(variant) == (5, 3, 2)
    _save_typo_fix(variant, [loaded])  # saved with the stock it loaded
    assert _numbers(variant) == (5, 3, 2)
    _expire_all()  # the hold lapses and gives its 3 back
    assert _numbers(variant) == (5, 0, 5)


def test_form_saved_unchanged_after_a_payment_keeps_the_sale():
    variant = sellable_variant(stock=5)
    loaded = _as_loaded(variant)
    order = place_order(items=[(variant, 3)])
    marketplace.order_mark_paid(order_id=order.pk)
    assert _numbers(variant) == (2, 0, 2)
    _save_typo_fix(variant, [loaded])  # the page still says 5
    assert _numbers(variant) == (2, 0, 2)


def test_a_changed_value_is_written_as_on_hand_and_holds_stay():
    variant = sellable_variant(stock=5)
    row = _as_loaded(variant)
    place_order(items=[(variant, 3)])
    row.stock = 9  # the vendor counted the shelf again
    _save_typo_fix(variant, [row])
    assert _numbers(variant) == (9, 3, 6)
    _expire_all()
    assert _numbers(variant) == (9, 0, 9)


def test_on_hand_below_what_is_held_is_refused_with_a_clear_error():
    variant = sellable_variant(stock=5)
    row = _as_loaded(variant)
    place_order(items=[(variant, 3)])
    row.stock = 2
    with pytest.raises(ValidationError) as error:
        _save_typo_fix(variant, [row])
    assert "3 units are held by unpaid orders" in " ".join(error.value.messages)
    assert _numbers(variant) == (5, 3, 2)
    with pytest.raises(ValidationError):
        services.variant_stock_bulk_update(
            vendor=variant.product.vendor,
            actor=variant.product.vendor.owner,
            stocks={variant.pk: 1},
        )
    assert _numbers(variant) == (5, 3, 2)
    # Down to exactly what is held is fine: nothing left to sell.
    services.variant_stock_bulk_update(
        vendor=variant.product.vendor,
        actor=variant.product.vendor.owner,
        stocks={variant.pk: 3},
    )
    assert _numbers(variant) == (3, 3, 0)


def test_stock_above_the_maximum_is_a_validation_error():
    variant = sellable_variant(stock=5)
    with pytest.raises(ValidationError):
        services.variant_stock_bulk_update(
            vendor=variant.product.vendor,
            actor=variant.product.vendor.owner,
            stocks={variant.pk: MAX_STOCK + 1},
        )


# --- dashboard product form -----------------------------------------------------------


def test_product_form_carries_the_loaded_stock_and_a_stale_save_keeps_the_sale(client):
    variant = sellable_variant(stock=5)
    vendor = variant.product.vendor
    client.force_login(vendor.owner)
    url = reverse("vendors:product_edit", kwargs={"product_id": variant.product.pk})
    page = client.get(url).content.decode()
    assert 'name="initial-variants-0-stock" value="5"' in page
    order = place_order(items=[(variant, 3)])
    marketplace.order_mark_paid(order_id=order.pk)
    row = {"sku": variant.sku, "price": "150000", "stock": "5"}
    data = product_post(variant.product.category, variants=[row], existing=[variant.pk])
    data["initial-variants-0-stock"] = "5"  # what the page showed
    response = client.post(url, data)
    assert response.status_code == 302
    assert _numbers(variant) == (2, 0, 2)


def test_product_form_expiry_interleaving_and_below_held_error(client):
    variant = sellable_variant(stock=5)
    vendor = variant.product.vendor
    client.force_login(vendor.owner)
    url = reverse("vendors:product_edit", kwargs={"product_id": variant.product.pk})
    place_order(items=[(variant, 3)])
    row = {"sku": variant.sku, "price": "150000", "stock": "5"}
    data = product_post(variant.product.category, variants=[row], existing=[variant.pk])
    data["initial-variants-0-stock"] = "5"
    assert client.post(url, data).status_code == 302
    _expire_all()
    assert _numbers(variant) == (5, 0, 5)
    place_order(items=[(variant, 3)])
    data["variants-0-stock"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "3 units are held by unpaid orders" in response.content.decode()
    assert _numbers(variant) == (5, 3, 2)
    data["variants-0-stock"] = str(MAX_STOCK + 1)
    assert client.post(url, data).status_code == 200
    assert _numbers(variant) == (5, 3, 2)


# --- bulk stock page ------------------------------------------------------------------


def test_bulk_page_writes_only_changed_values(client):
    variant = sellable_variant(stock=5)
    other = sellable_variant(vendor=variant.product.vendor, stock=4)
    client.force_login(variant.product.vendor.owner)
    url = reverse("vendors:stock_bulk")
    page = client.get(url).content.decode()
    assert f'name="initial-stock_{variant.pk}" value="5"' in page
    order = place_order(items=[(variant, 3)])
    marketplace.order_mark_paid(order_id=order.pk)
    response = client.post(
        url,
        {
            f"stock_{variant.pk}": "5",  # unchanged on a stale page
            f"initial-stock_{variant.pk}": "5",
            f"stock_{other.pk}": "6",  # changed
            f"initial-stock_{other.pk}": "4",
        },
    )
    assert response.status_code == 302
    assert _numbers(variant) == (2, 0, 2)
    assert _numbers(other) == (6, 0, 6)


def test_bulk_page_expiry_interleaving_and_errors(client):
    variant = sellable_variant(stock=5)
    client.force_login(variant.product.vendor.owner)
    url = reverse("vendors:stock_bulk")
    place_order(items=[(variant, 3)])
    same = {f"stock_{variant.pk}": "5", f"initial-stock_{variant.pk}": "5"}
    assert client.post(url, same).status_code == 302
    _expire_all()
    assert _numbers(variant) == (5, 0, 5)
    place_order(items=[(variant, 3)])
    below = client.post(
        url, {f"stock_{variant.pk}": "1", f"initial-stock_{variant.pk}": "5"}
    )
    assert below.status_code == 200
    assert "3 units are held by unpaid orders" in below.content.decode()
    for huge in (str(MAX_STOCK + 1), "99999999999999999999"):
        response = client.post(
            url, {f"stock_{variant.pk}": huge, f"initial-stock_{variant.pk}": "5"}
        )
        assert response.status_code == 200 and response.context["form"].errors
    assert _numbers(variant) == (5, 3, 2)


# --- JSON API ---------------------------------------------------------------------------


def test_api_put_of_what_was_read_keeps_the_sale_and_the_hold():
    variant = sellable_variant(stock=5)
    vendor = variant.product.vendor
    client, token = _csrf_client(vendor.owner)
    url = f"{API}/me/products/{variant.product.pk}"
    read = client.get(url).json()
    row = read["variants"][0]
    assert (row["stock"], row["stock_loaded"], row["held"], row["sellable"]) == (
        5,
        5,
        0,
        5,
    )
    order = place_order(items=[(variant, 3)])
    marketplace.order_mark_paid(order_id=order.pk)
    place_order(items=[(variant, 1)])  # and another checkout holds 1
    body = {
        key: read[key]
        for key in (
            "name",
            "description",
            "status",
            "maker_name",
            "village",
            "technique",
            "dye",
            "motif_name",
            "motif_meaning",
            "tags",
        )
    }
    body["category"] = read["category"]
    body["name"] = "Typo fixed"
    body["variants"] = [{k: v for k, v in row.items() if k not in ("held", "sellable")}]
    response = client.put(
        url,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200, response.content
    assert _numbers(variant) == (2, 1, 1)
    _expire_all()
    assert _numbers(variant) == (2, 0, 2)
    # Omitting stock leaves it; sending a new value without stock_loaded sets it.
    body["variants"] = [{"id": variant.pk, "sku": variant.sku, "price": 150000}]
    client.put(
        url,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert _numbers(variant) == (2, 0, 2)
    place_order(items=[(variant, 2)])
    body["variants"][0]["stock"] = 1
    below = client.put(
        url,
        data=json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert below.status_code == 400
    assert "2 unit" in below.json()["message"]
    assert _numbers(variant) == (2, 2, 0)


def test_api_bulk_stock_skips_unchanged_and_bounds_input():
    variant = sellable_variant(stock=5)
    client, token = _csrf_client(variant.product.vendor.owner)

    def post(payload):
        return client.post(
            f"{API}/me/stock",
            data=json.dumps(payload),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )

    order = place_order(items=[(variant, 3)])
    marketplace.order_mark_paid(order_id=order.pk)
    stale = post({"stocks": {str(variant.pk): 5}, "loaded": {str(variant.pk): 5}})
    assert stale.json() == {"changed": 0}
    assert _numbers(variant) == (2, 0, 2)
    place_order(items=[(variant, 2)])
    below = post({"stocks": {str(variant.pk): 1}})
    assert below.status_code == 400
    assert "2 unit" in below.json()["message"]
    for payload in (
        {"stocks": {str(variant.pk): MAX_STOCK + 1}},
        {"stocks": {str(variant.pk): 2**40}},
        {"stocks": {"99999999999999999999": 3}},
        {"stocks": {str(variant.pk): -1}},
    ):
        response = post(payload)
        assert 400 <= response.status_code < 500, (payload, response.status_code)
    assert _numbers(variant) == (2, 2, 0)
    assert post({"stocks": {str(variant.pk): 7}}).json() == {"changed": 1}
    assert _numbers(variant) == (7, 2, 5)
