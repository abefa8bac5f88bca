import datetime as dt

import pytest
from django.utils import timezone, translation

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import Cart, CartItem, ProductStatus
from tests.marketplace.factories import (
    ProductFactory,
    ProductVariantFactory,
    guest_cart,
    sellable_variant,
)
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English source messages; Indonesian is the site default, so
    URLs are reversed (and pages served) under /en/."""
    with translation.override("en"):
        yield


def test_add_item_and_add_again_sums_quantities():
    cart = guest_cart()
    variant = sellable_variant(stock=5)
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=2)
    item = services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
    assert item.quantity == 3
    assert CartItem.objects.filter(cart=cart).count() == 1


@pytest.mark.parametrize("quantity", [0, -1, 100, 10**9, "abc", None, 1.5])
def test_bad_quantities_are_refused_without_change(quantity):
    cart = guest_cart()
    variant = sellable_variant(stock=5)
    with pytest.raises(MarketplaceError) as error:
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=quantity)
    assert error.value.code == "bad_quantity"
    assert not CartItem.objects.exists()


def test_quantity_bounded_by_stock_with_clear_message():
    cart = guest_cart()
    variant = sellable_variant(stock=2)
    with pytest.raises(MarketplaceError) as error:
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=3)
    assert error.value.code == "insufficient_stock"
    assert "Only 2" in str(error.value.message)
    assert not CartItem.objects.exists()


def test_unknown_archived_and_hidden_variants_are_refused():
    cart = guest_cart()
    with pytest.raises(MarketplaceError) as error:
        services.cart_add_item(cart=cart, variant_id=999999, quantity=1)
    assert error.value.code == "unknown_variant"
    inactive = ProductVariantFactory(is_active=False)
    with pytest.raises(MarketplaceError) as error:
        services.cart_add_item(cart=cart, variant_id=inactive.pk, quantity=1)
    assert error.value.code == "archived_variant"
    archived = ProductVariantFactory(
        product=ProductFactory(status=ProductStatus.ARCHIVED)
    )
    hidden = ProductVariantFactory(product=ProductFactory(is_hidden=True))
    for variant in (archived, hidden):
        with pytest.raises(MarketplaceError) as error:
            services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
        assert error.value.code == "unknown_variant"
    assert not CartItem.objects.exists()


def test_vendor_on_holiday_is_refused():
    cart = guest_cart()
    variant = sellable_variant()
    vendor = variant.product.vendor
    vendor.holiday_from = timezone.localdate() - dt.timedelta(days=1)
    vendor.save()
    with pytest.raises(MarketplaceError) as error:
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
    assert error.value.code == "vendor_on_holiday"


def test_set_quantity_zero_removes_and_over_stock_refused():
    cart = guest_cart()
    variant = sellable_variant(stock=3)
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
    with pytest.raises(MarketplaceError):
        services.cart_set_quantity(cart=cart, variant_id=variant.pk, quantity=4)
    assert CartItem.objects.get().quantity == 1
    assert (
        services.cart_set_quantity(cart=cart, variant_id=variant.pk, quantity=0) is None
    )
    assert not CartItem.objects.exists()


def test_guest_cart_merges_into_account_cart_bounded_by_stock():
    user = UserFactory()
    variant = sellable_variant(stock=4)
    other = sellable_variant(stock=4)
    account_cart = Cart.objects.create(user=user)
    services.cart_add_item(cart=account_cart, variant_id=variant.pk, quantity=3)
    session = {}
    guest = services.cart_get(session=session, create=True)
    services.cart_add_item(cart=guest, variant_id=variant.pk, quantity=3)
    services.cart_add_item(cart=guest, variant_id=other.pk, quantity=2)
    services.cart_merge_at_login(user=user, session=session)
    quantities = dict(
        CartItem.objects.filter(cart=account_cart).values_list("variant_id", "quantity")
    )
    assert quantities == {variant.pk: 4, other.pk: 2}
    assert not Cart.objects.filter(pk=guest.pk).exists()


def test_login_signal_merges_guest_cart(client):
    user = UserFactory()
    variant = sellable_variant(stock=4)
    client.post("/keranjang/tambah/", {"variant": variant.pk, "quantity": 2})
    assert Cart.objects.filter(user__isnull=True).count() == 1
    client.login(username=user.username, password="secret-pass-123")
    # client.login fires user_logged_in with a request whose session holds the cart key.
    assert CartItem.objects.get(cart__user=user).quantity == 2
