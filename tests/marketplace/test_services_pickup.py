"""Pick-up points and windows at checkout (issue 11, point 5): windows within their
event, sub-orders without address or fee, the pick-up code, the hand-over."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import (
    Order,
    OrderStatus,
    PickupWindow,
    ShippingMethod,
    SubOrder,
)
from marketplace.services.pickup import (
    CODE_ALPHABET,
    pickup_window_create,
    suborder_hand_over,
)
from notifications.models import OutboundEmail
from tests.marketplace.factories import (
    ADDRESS,
    CONTACT,
    guest_cart,
    pickup_point,
    pickup_window,
    place_pickup_order,
    sellable_variant,
)
from tests.tourism.factories import build_site_tree, make_event
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def _offered():
    vendor = VendorFactory()
    variant = sellable_variant(vendor=vendor, price=25_000)
    window = pickup_window(point=pickup_point(vendors=[vendor]))
    return vendor, variant, window


def test_a_window_of_an_event_point_must_lie_within_the_event():
    tree = build_site_tree()
    event = make_event(tree.events, hours=8)
    point = pickup_point(event=event)
    inside = pickup_window_create(
        point=point,
        starts_at=event.start_at + dt.timedelta(hours=1),
        ends_at=event.start_at + dt.timedelta(hours=3),
    )
    assert inside.pk
    with pytest.raises(ValidationError):
        pickup_window_create(
            point=point,
            starts_at=event.start_at - dt.timedelta(hours=1),
            ends_at=event.start_at + dt.timedelta(hours=1),
        )
    with pytest.raises(ValidationError):
        pickup_window_create(
            point=point,
            starts_at=event.end_at - dt.timedelta(hours=1),
            ends_at=event.end_at + dt.timedelta(minutes=1),
        )
    assert PickupWindow.objects.count() == 1


def test_the_database_refuses_a_window_that_ends_before_it_starts():
    point = pickup_point()
    now = dt.datetime(2030, 1, 1, 5, tzinfo=dt.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        PickupWindow.objects.create(point=point, starts_at=now, ends_at=now)


def test_a_pickup_suborder_needs_no_address_and_no_fee():
    vendor, variant, window = _offered()
    order = place_pickup_order(variant=variant, window=window, quantity=2)
    sub = order.suborders.get()
    assert sub.pickup_window == window
    assert sub.shipping_method == ShippingMethod.PICKUP
    assert sub.shipping_cost == 0
    assert order.shipping_total == 0
    assert order.grand_total == 50_000
    assert order.address_line == "" and order.postal_code == ""
    assert len(sub.pickup_code) == 6
    assert set(sub.pickup_code) <= set(CODE_ALPHABET)


def test_the_pickup_windows_are_shipping_choices_of_the_vendor_only():
    vendor, variant, window = _offered()
    other = VendorFactory()
    other_variant = sellable_variant(vendor=other)
    cart = guest_cart()
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
    services.cart_add_item(cart=cart, variant_id=other_variant.pk, quantity=1)
    from marketplace.selectors import cart_summary

    options = {
        group.vendor.pk: [m for m, _l, _c in group.shipping_options()]
        for group in cart_summary(cart=cart).groups
    }
    assert f"window:{window.pk}" in options[vendor.pk]
    assert not any(m.startswith("window:") for m in options[other.pk])
    # Another vendor's window is refused at checkout.
    with pytest.raises(MarketplaceError) as error:
        services.checkout_start(
            cart=cart,
            address=services.ShippingAddress.from_data(ADDRESS),
            shipping={vendor.pk: "flat", other.pk: f"window:{window.pk}"},
            provider="demo",
        )
    assert error.value.code == "bad_shipping"


def test_a_past_window_is_no_longer_offered():
    vendor, variant, _window = _offered()
    past = pickup_window(point=_window.point, starts_in_hours=-3)
    with pytest.raises(MarketplaceError) as error:
        place_pickup_order(variant=variant, window=past)
    assert error.value.code == "bad_shipping"


def test_a_courier_parcel_beside_a_pickup_still_needs_the_address():
    vendor, variant, window = _offered()
    courier_variant = sellable_variant(vendor=VendorFactory())
    cart = guest_cart()
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
    services.cart_add_item(cart=cart, variant_id=courier_variant.pk, quantity=1)
    with pytest.raises(MarketplaceError) as error:
        services.checkout_start(
            cart=cart,
            address=services.ShippingAddress.from_data(CONTACT, address_required=False),
            shipping={
                vendor.pk: f"window:{window.pk}",
                courier_variant.product.vendor_id: "flat",
            },
            provider="demo",
        )
    assert error.value.code == "missing_address_line"
    assert not Order.objects.exists()
    order = services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(ADDRESS),
        shipping={
            vendor.pk: f"window:{window.pk}",
            courier_variant.product.vendor_id: "flat",
        },
        provider="demo",
    )
    picked, shipped = sorted(
        order.suborders.all(), key=lambda s: s.pickup_window_id is None
    )
    assert picked.shipping_cost == 0 and picked.pickup_code
    assert shipped.shipping_cost > 0 and shipped.pickup_code is None
    assert order.shipping_total == shipped.shipping_cost


def test_a_second_submit_of_the_same_pickup_cart_gets_the_same_order():
    vendor, variant, window = _offered()
    cart = guest_cart()
    first = place_pickup_order(variant=variant, window=window, cart=cart)
    again = services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(CONTACT, address_required=False),
        shipping={vendor.pk: f"window:{window.pk}"},
        provider="demo",
    )
    assert again.pk == first.pk and again.checkout_reused


def test_the_code_is_on_the_paid_order_page_and_in_the_email(client):
    vendor, variant, window = _offered()
    order = place_pickup_order(variant=variant, window=window)
    code = order.suborders.get().pickup_code
    session = client.session
    session["banua_orders"] = [order.number]
    session.save()
    url = reverse("marketplace:order_detail", args=[order.number])
    page = client.get(url).content.decode()
    assert window.point.name in page
    assert code not in page  # not before payment
    services.order_mark_paid(order_id=order.pk, note="test")
    page = client.get(url).content.decode()
    assert code in page and window.label in page
    mail = OutboundEmail.objects.get(template="marketplace/buyer_order_paid")
    assert code in mail.body and window.point.name in mail.body
    vendor_mail = OutboundEmail.objects.get(template="marketplace/vendor_new_order")
    assert code in vendor_mail.body


def test_handing_over_completes_the_suborder_and_the_order():
    vendor, variant, window = _offered()
    order = place_pickup_order(variant=variant, window=window)
    services.order_mark_paid(order_id=order.pk, note="test")
    sub = SubOrder.objects.get(order=order)
    with pytest.raises(MarketplaceError) as error:
        suborder_hand_over(suborder=sub, actor=vendor.owner, code="WRONG1")
    assert error.value.code == "wrong_pickup_code"
    done = suborder_hand_over(
        suborder=sub, actor=vendor.owner, code=sub.pickup_code.lower()
    )
    assert done.status == OrderStatus.DELIVERED
    assert Order.objects.get(pk=order.pk).status == OrderStatus.DELIVERED
    with pytest.raises(MarketplaceError):
        suborder_hand_over(suborder=done, actor=vendor.owner)


def test_a_shipped_suborder_cannot_be_handed_over_at_a_point():
    vendor = VendorFactory()
    variant = sellable_variant(vendor=vendor)
    from tests.marketplace.factories import place_order

    order = place_order(items=[(variant, 1)])
    services.order_mark_paid(order_id=order.pk, note="test")
    with pytest.raises(MarketplaceError) as error:
        suborder_hand_over(suborder=order.suborders.get(), actor=vendor.owner)
    assert error.value.code == "not_pickup_point"


def test_checkout_offers_only_the_soonest_windows():
    from marketplace.selectors_pickup import MAX_WINDOWS_OFFERED, pickup_windows_offered

    vendor, _variant, first = _offered()
    for day in range(1, MAX_WINDOWS_OFFERED + 3):
        pickup_window(point=first.point, starts_in_hours=24 * day + 30)
    offered = pickup_windows_offered(vendor_ids=[vendor.pk])[vendor.pk]
    assert len(offered) == MAX_WINDOWS_OFFERED
    assert offered[0] == first
    assert [w.starts_at for w in offered] == sorted(w.starts_at for w in offered)


def test_the_ready_email_of_a_point_pickup_names_the_point_and_code():
    vendor, variant, window = _offered()
    order = place_pickup_order(variant=variant, window=window)
    services.order_mark_paid(order_id=order.pk, note="test")
    sub = services.suborder_mark_ready_for_pickup(
        suborder=order.suborders.get(), actor=vendor.owner
    )
    mail = OutboundEmail.objects.get(template="marketplace/buyer_suborder_ready")
    assert sub.pickup_code in mail.body and window.point.name in mail.body
