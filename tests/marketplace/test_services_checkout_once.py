"""A cart is checked out once, and one shopper cannot hold a product's whole stock
(issue 9 point 2). The PostgreSQL race is in test_concurrency.py."""

import pytest
from django.utils import translation

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import Cart, Order, OrderStatus
from tests.marketplace.factories import (
    ADDRESS,
    guest_cart,
    place_order,
    sellable_variant,
)
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read English messages (Indonesian is the default language)."""
    with translation.override("en"):
        yield


def _submit(cart, variant, *, user=None, **address):
    return services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(dict(ADDRESS, **address)),
        shipping={variant.product.vendor_id: "flat"},
        user=user,
        provider="demo",
    )


def test_a_second_submit_of_the_same_cart_returns_the_first_order():
    variant = sellable_variant(stock=5)
    cart = guest_cart()
    first = place_order(items=[(variant, 2)], cart=cart)
    assert first.checkout_reused is False
    again = _submit(cart, variant)
    assert again.pk == first.pk and again.checkout_reused is True
    assert Order.objects.count() == 1
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (5, 2)  # held once, not twice


def test_a_changed_cart_replaces_its_open_order_and_releases_the_old_hold():
    variant = sellable_variant(stock=5)
    cart = guest_cart()
    first = place_order(items=[(variant, 2)], cart=cart)
    services.cart_set_quantity(cart=cart, variant_id=variant.pk, quantity=3)
    second = _submit(cart, variant)
    assert second.pk != first.pk and second.checkout_reused is False
    first.refresh_from_db()
    assert first.status == OrderStatus.CANCELLED
    assert list(Order.objects.filter(status=OrderStatus.PENDING)) == [second]
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (5, 3)
    # A corrected address is a change too: the shopper pays the order they see.
    third = _submit(cart, variant, postal_code="70112")
    assert third.pk != second.pk and third.postal_code == "70112"
    variant.refresh_from_db()
    assert variant.held == 3


def test_the_cart_row_records_one_open_order_only():
    from django.db import IntegrityError, transaction

    variant = sellable_variant(stock=5)
    cart = guest_cart()
    order = place_order(items=[(variant, 1)], cart=cart)
    assert order.cart_id == cart.pk
    copy = Order.objects.get(pk=order.pk)
    copy.pk, copy.number = None, "BNDUPLICATE"
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_cap_on_units_one_cart_may_hold(settings):
    settings.MARKETPLACE_MAX_HELD_UNITS = 4
    variant = sellable_variant(stock=10)
    cart = guest_cart()
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=5)
    with pytest.raises(MarketplaceError) as error:
        _submit(cart, variant)
    assert error.value.code == "held_units_cap" and error.value.status == 409
    assert "at most 4 items" in error.value.message
    assert not Order.objects.exists()
    variant.refresh_from_db()
    assert variant.held == 0
    services.cart_set_quantity(cart=cart, variant_id=variant.pk, quantity=4)
    assert _submit(cart, variant).status == OrderStatus.PENDING


def test_cap_counts_the_account_across_carts_and_only_unpaid_orders(settings):
    settings.MARKETPLACE_MAX_HELD_UNITS = 4
    user = UserFactory()
    variant = sellable_variant(stock=20)
    first = place_order(items=[(variant, 3)], user=user)
    with pytest.raises(MarketplaceError) as error:
        place_order(items=[(variant, 2)], user=user)
    assert error.value.code == "held_units_cap"
    assert place_order(items=[(variant, 1)], user=user).status == OrderStatus.PENDING
    services.order_mark_paid(order_id=first.pk)  # paid orders hold nothing
    assert place_order(items=[(variant, 3)], user=user).status == OrderStatus.PENDING


def test_cap_counts_the_guest_session_even_after_its_cart_is_gone(settings):
    settings.MARKETPLACE_MAX_HELD_UNITS = 4
    variant = sellable_variant(stock=20)
    old_cart = Cart.objects.create(session_key="guest-session-1")
    place_order(items=[(variant, 3)], cart=old_cart)
    old_cart.delete()  # e.g. emptied and recreated
    new_cart = Cart.objects.create(session_key="guest-session-1")
    with pytest.raises(MarketplaceError) as error:
        place_order(items=[(variant, 2)], cart=new_cart)
    assert error.value.code == "held_units_cap"


def test_late_payment_of_a_replaced_order_is_honoured_beside_the_new_one():
    variant = sellable_variant(stock=10)
    cart = guest_cart()
    first = place_order(items=[(variant, 2)], cart=cart)
    services.cart_set_quantity(cart=cart, variant_id=variant.pk, quantity=3)
    second = _submit(cart, variant)
    # The shopper had the first payment page open in another tab and pays it.
    services.order_mark_paid(order_id=first.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.cart_id) == (OrderStatus.PAID, None)
    assert second.status == OrderStatus.PENDING
    variant.refresh_from_db()
    assert (variant.stock, variant.held, variant.sellable) == (8, 3, 5)


def test_the_carts_own_hold_is_not_sold_out_to_it():
    from marketplace import selectors

    variant = sellable_variant(stock=2)
    cart = guest_cart()
    order = place_order(items=[(variant, 2)], cart=cart)
    variant.refresh_from_db()
    assert variant.sellable == 0
    # Its own page shows no problem, and submitting again returns the same order.
    assert not selectors.cart_summary(cart=cart).has_problems
    assert _submit(cart, variant).pk == order.pk
    # Another cart sees it sold out.
    other = guest_cart()
    with pytest.raises(MarketplaceError) as error:
        services.cart_add_item(cart=other, variant_id=variant.pk, quantity=1)
    assert error.value.code == "insufficient_stock"
    # Lowering the quantity in its own cart is fine, and replaces the order on submit.
    services.cart_set_quantity(cart=cart, variant_id=variant.pk, quantity=1)
    replaced = _submit(cart, variant)
    assert replaced.pk != order.pk
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (2, 1)
