"""Many buyers race for the last units on PostgreSQL: nobody oversells."""

import threading

import pytest
from django.db import connection, connections

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import Cart, OrderLine, OrderStatus, ProductVariant
from tests.marketplace.factories import ADDRESS, sellable_variant

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BUYERS = 24
INITIAL_STOCK = 7


def test_concurrent_buyers_never_oversell():
    assert connection.vendor == "postgresql"
    variant = sellable_variant(stock=INITIAL_STOCK)
    vendor_id = variant.product.vendor_id
    carts = []
    for n in range(BUYERS):
        cart = Cart.objects.create(session_key=f"race-{n}")
        # Everyone's cart was filled while stock looked plentiful.
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
        carts.append(cart)
    barrier = threading.Barrier(BUYERS)
    paid, refused, errors = [], [], []
    lock = threading.Lock()
    seen_stock = []

    def buyer(cart):
        try:
            barrier.wait()
            try:
                order = services.checkout_start(
                    cart=cart,
                    address=services.ShippingAddress.from_data(ADDRESS),
                    shipping={vendor_id: "pickup"},
                    provider="demo",
                )
            except MarketplaceError as error:
                with lock:
                    refused.append(error.code)
                return
            services.order_mark_paid(order_id=order.pk)
            with lock:
                paid.append(order.pk)
                seen_stock.append(
                    ProductVariant.objects.get(pk=variant.pk).sellable
                )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=buyer, args=(cart,)) for cart in carts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    variant.refresh_from_db()
    sold = sum(
        OrderLine.objects.filter(
            variant=variant, suborder__order__status=OrderStatus.PAID
        ).values_list("quantity", flat=True)
    )
    assert variant.stock >= 0
    assert min(seen_stock) >= 0
    assert paid, "someone must have bought"
    assert set(refused) <= {"insufficient_stock"}
    assert len(paid) + len(refused) == BUYERS
    # Every last unit was sold exactly once: paid quantities equal the initial stock.
    assert sold == INITIAL_STOCK
    assert len(paid) == INITIAL_STOCK
    # Everything paid: nothing left on the shelf and nothing still held.
    assert (variant.stock, variant.held) == (0, 0)
