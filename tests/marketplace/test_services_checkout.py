import pytest

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import (
    CommissionRule,
    Order,
    OrderStatus,
    ReservationStatus,
    ShippingMethod,
    StockReservation,
    VendorShipping,
)
from tests.marketplace.factories import (
    ADDRESS,
    CategoryFactory,
    guest_cart,
    place_order,
    sellable_variant,
)
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_one_order_with_one_suborder_per_vendor_and_stock_reserved():
    first = sellable_variant(price=150000, stock=5)
    second = sellable_variant(price=40000, stock=3)
    order = place_order(items=[(first, 2), (second, 1)])
    assert order.status == OrderStatus.PENDING
    assert order.suborders.count() == 2
    assert order.items_total == 2 * 150000 + 40000
    assert order.shipping_total == 2 * 20000  # default flat rate per vendor
    assert order.grand_total == order.items_total + order.shipping_total
    first.refresh_from_db()
    second.refresh_from_db()
    # On-hand stays; the units are held, so what may be sold drops.
    assert (first.stock, first.held, first.sellable) == (5, 2, 3)
    assert (second.stock, second.held, second.sellable) == (3, 1, 2)
    assert (
        StockReservation.objects.filter(
            order=order, status=ReservationStatus.HELD
        ).count()
        == 2
    )


def test_prices_come_from_the_database_not_the_cart():
    variant = sellable_variant(price=150000)
    cart = guest_cart()
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
    variant.price = 175000  # the vendor changed the price after it was added
    variant.save()
    order = services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(ADDRESS),
        shipping={variant.product.vendor_id: "pickup"},
        provider="demo",
    )
    assert order.items_total == 175000
    assert order.shipping_total == 0


def test_per_kg_shipping_charges_each_started_kilogram():
    vendor = VendorFactory()
    VendorShipping.objects.create(vendor=vendor, per_kg_rate=10000, flat_enabled=False)
    variant = sellable_variant(vendor=vendor, weight_grams=600)
    order = place_order(
        items=[(variant, 3)], shipping_method="per_kg"
    )  # 1.8 kg -> 2 kg
    assert order.suborders.get().shipping_cost == 20000
    with pytest.raises(MarketplaceError) as error:
        place_order(items=[(variant, 1)], shipping_method=ShippingMethod.FLAT)
    assert error.value.code == "bad_shipping"


def test_commission_default_vendor_and_category_overrides(settings):
    settings.MARKETPLACE_COMMISSION_BP = 1000
    plain = sellable_variant(price=100000)
    order = place_order(items=[(plain, 1)], shipping_method="pickup")
    sub = order.suborders.get()
    assert (sub.gross, sub.commission, sub.vendor_net) == (100000, 10000, 90000)

    special = CategoryFactory(slug="kuliner", name="Kuliner")
    CommissionRule.objects.create(category=special, rate_bp=500)
    food = sellable_variant(price=100000, category=special)
    assert (
        place_order(items=[(food, 1)], shipping_method="pickup")
        .suborders.get()
        .commission
        == 5000
    )

    CommissionRule.objects.create(vendor=food.product.vendor, rate_bp=250)
    assert (
        place_order(items=[(food, 1)], shipping_method="pickup")
        .suborders.get()
        .commission
        == 2500
    )


def test_empty_cart_checkout_is_refused():
    with pytest.raises(MarketplaceError) as error:
        services.checkout_start(
            cart=guest_cart(),
            address=services.ShippingAddress.from_data(ADDRESS),
            shipping={},
            provider="demo",
        )
    assert error.value.code == "empty_cart"
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("postal_code", "7011", "bad_postal_code"),
        ("postal_code", "701111", "bad_postal_code"),
        ("postal_code", "ABCDE", "bad_postal_code"),
        ("email", "not-an-email", "bad_email"),
        ("province", "", "missing_province"),
        ("district", "  ", "missing_district"),
    ],
)
def test_address_validation(field, value, code):
    data = dict(ADDRESS, **{field: value})
    with pytest.raises(MarketplaceError) as error:
        services.ShippingAddress.from_data(data)
    assert error.value.code == code


def test_not_enough_stock_at_checkout_rolls_everything_back():
    first = sellable_variant(stock=5)
    second = sellable_variant(stock=2)
    cart = guest_cart()
    services.cart_add_item(cart=cart, variant_id=first.pk, quantity=2)
    services.cart_add_item(cart=cart, variant_id=second.pk, quantity=2)
    second.stock = 1  # someone else bought one meanwhile
    second.save()
    with pytest.raises(MarketplaceError):
        services.checkout_start(
            cart=cart,
            address=services.ShippingAddress.from_data(ADDRESS),
            shipping={
                first.product.vendor_id: "flat",
                second.product.vendor_id: "flat",
            },
            provider="demo",
        )
    first.refresh_from_db()
    assert (first.stock, first.held) == (5, 0)
    assert not Order.objects.exists()


def test_paid_commits_stock_credits_ledger_and_emails(
    mailoutbox, django_capture_on_commit_callbacks
):
    variant = sellable_variant(stock=5, price=100000)
    order = place_order(items=[(variant, 2)])
    with django_capture_on_commit_callbacks(execute=True):
        services.order_mark_paid(order_id=order.pk, note="demo")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.paid_at is not None
    assert set(order.suborders.values_list("status", flat=True)) == {OrderStatus.PAID}
    assert (
        StockReservation.objects.get(order=order).status == ReservationStatus.COMMITTED
    )
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (3, 0)
    from marketplace import selectors

    assert (
        selectors.vendor_balance(vendor=variant.product.vendor)
        == order.suborders.get().vendor_net
    )
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == sorted([ADDRESS["email"], variant.product.vendor.owner.email])
    buyer_mail = next(m for m in mailoutbox if ADDRESS["email"] in m.to)
    assert "Pesanan" in buyer_mail.subject  # Indonesian order -> Indonesian template
    # Paying twice changes nothing (replayed webhook).
    with django_capture_on_commit_callbacks(execute=True):
        services.order_mark_paid(order_id=order.pk)
    assert len(mailoutbox) == 2
    assert (
        selectors.vendor_balance(vendor=variant.product.vendor)
        == order.suborders.get().vendor_net
    )


def test_english_buyer_gets_english_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    variant = sellable_variant()
    order = place_order(items=[(variant, 1)])
    Order.objects.filter(pk=order.pk).update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.order_mark_paid(order_id=order.pk)
    buyer_mail = next(m for m in mailoutbox if ADDRESS["email"] in m.to)
    assert buyer_mail.subject.startswith("Order ")


def test_cancel_releases_stock_and_expiry_command():
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    variant = sellable_variant(stock=4)
    order = place_order(items=[(variant, 3)])
    Order.objects.filter(pk=order.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("marketplace_release_expired")
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert (variant.stock, variant.held) == (4, 0)
    assert (
        StockReservation.objects.get(order=order).status == ReservationStatus.RELEASED
    )
    # Cancelling again is a no-op, stock is not put back twice.
    services.order_cancel_unpaid(order_id=order.pk)
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (4, 0)


def test_late_payment_after_expiry_takes_stock_again():
    variant = sellable_variant(stock=4)
    order = place_order(items=[(variant, 3)])
    services.order_cancel_unpaid(order_id=order.pk, reason="expired")
    services.order_mark_paid(order_id=order.pk)
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert (variant.stock, variant.held) == (1, 0)
