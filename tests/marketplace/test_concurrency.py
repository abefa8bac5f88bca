"""Many buyers race for the last units on PostgreSQL: nobody oversells."""

import threading

import pytest
from django.db import connection, connections

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import Cart, Order, OrderLine, OrderStatus, ProductVariant
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
                seen_stock.append(ProductVariant.objects.get(pk=variant.pk).sellable)
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


SUBMITS = 10


def test_ten_concurrent_submits_of_one_cart_place_one_order():
    """A double-click (or ten): the cart row lock serialises the submits, the first
    places the order and the others get that same order back."""
    assert connection.vendor == "postgresql"
    variant = sellable_variant(stock=INITIAL_STOCK)
    vendor_id = variant.product.vendor_id
    cart = Cart.objects.create(session_key="double-click")
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=2)
    barrier = threading.Barrier(SUBMITS)
    numbers, reused, errors = [], [], []
    lock = threading.Lock()

    def submit():
        try:
            barrier.wait()
            order = services.checkout_start(
                cart=cart,
                address=services.ShippingAddress.from_data(ADDRESS),
                shipping={vendor_id: "flat"},
                provider="demo",
            )
            with lock:
                numbers.append(order.number)
                reused.append(order.checkout_reused)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(SUBMITS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(numbers) == SUBMITS and len(set(numbers)) == 1
    assert sorted(reused) == [False] + [True] * (SUBMITS - 1)
    assert Order.objects.count() == 1
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (INITIAL_STOCK, 2)


def test_concurrent_checkouts_and_vendor_saves_keep_on_hand_and_held_apart():
    """Vendors save stale pages while shoppers hold, pay and give up: on-hand ends at
    what the vendor set minus what was paid, and nothing stays held."""
    from vendors import services as vendor_services
    from vendors.services.catalogue import VariantInput

    assert connection.vendor == "postgresql"
    variant = sellable_variant(stock=20)
    vendor = variant.product.vendor
    vendor_id = vendor.pk
    loaded = VariantInput(
        id=variant.pk,
        sku=variant.sku,
        price=variant.price,
        stock=20,
        stock_loaded=20,
    )
    carts = []
    for n in range(8):
        cart = Cart.objects.create(session_key=f"mix-{n}")
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=2)
        carts.append(cart)
    barrier = threading.Barrier(len(carts) + 2)
    errors = []
    lock = threading.Lock()

    def shopper(index, cart):
        try:
            barrier.wait()
            order = services.checkout_start(
                cart=cart,
                address=services.ShippingAddress.from_data(ADDRESS),
                shipping={vendor_id: "flat"},
                provider="demo",
            )
            if index % 2:
                services.order_mark_paid(order_id=order.pk)
            else:
                services.order_cancel_unpaid(order_id=order.pk, reason="gave up")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    def vendor_saves():
        try:
            barrier.wait()
            for _ in range(3):
                vendor_services.product_save(
                    vendor=vendor,
                    actor=vendor.owner,
                    product=variant.product,
                    fields={"name": "Kain (typo fixed)"},
                    variants=[loaded],
                )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=shopper, args=(n, cart)) for n, cart in enumerate(carts)
    ] + [threading.Thread(target=vendor_saves) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    variant.refresh_from_db()
    paid = sum(
        OrderLine.objects.filter(
            variant=variant, suborder__order__status=OrderStatus.PAID
        ).values_list("quantity", flat=True)
    )
    assert paid == 8
    assert (variant.stock, variant.held) == (20 - paid, 0)
