"""The buyer's "order received" and "cancel" buttons, and the vendor's order pages:
pick-up steps, shipping method shown, list tabs and search, own sub-orders only."""

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace import services
from marketplace.models import Order, OrderStatus, SubOrder
from marketplace.views._helpers import SESSION_ORDERS_KEY
from tests.marketplace.factories import place_order, sellable_variant
from tests.vendors.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _order(*, user=None, shipping_method="flat", paid=True, vendor=None):
    variant = sellable_variant(vendor=vendor or VendorFactory())
    order = place_order(
        items=[(variant, 1)], user=user, shipping_method=shipping_method
    )
    if paid:
        services.order_mark_paid(order_id=order.pk)
    return Order.objects.get(pk=order.pk)


def _as_guest(client, order):
    session = client.session
    session[SESSION_ORDERS_KEY] = [order.number]
    session.save()


def test_buyer_presses_order_received_on_a_shipped_parcel(client):
    buyer = UserFactory()
    order = _order(user=buyer)
    sub = order.suborders.get()
    services.suborder_mark_shipped(
        suborder=sub, courier="JNE", tracking_number="J1", actor=None
    )
    client.force_login(buyer)
    detail = reverse("marketplace:order_detail", args=[order.number])
    received = reverse("marketplace:order_received", args=[order.number, sub.pk])
    page = client.get(detail).content.decode()
    assert received in page and "Order received" in page
    assert client.get(received).status_code == 405  # POST only
    response = client.post(received)
    assert response.status_code == 302 and response["Location"] == detail
    assert SubOrder.objects.get(pk=sub.pk).status == OrderStatus.DELIVERED
    assert "Send review" in client.get(detail).content.decode()


def test_someone_else_cannot_confirm_or_cancel(client):
    order = _order(user=UserFactory())
    sub = order.suborders.get()
    services.suborder_mark_shipped(
        suborder=sub, courier="JNE", tracking_number="J1", actor=None
    )
    client.force_login(UserFactory())
    urls = [
        reverse("marketplace:order_received", args=[order.number, sub.pk]),
        reverse("marketplace:order_cancel", args=[order.number]),
    ]
    assert [client.post(url).status_code for url in urls] == [404, 404]
    assert SubOrder.objects.get(pk=sub.pk).status == OrderStatus.SHIPPED


def test_a_guest_cancels_an_unpaid_order_from_the_order_page(client):
    order = _order(paid=False)
    _as_guest(client, order)
    detail = reverse("marketplace:order_detail", args=[order.number])
    assert "Cancel order" in client.get(detail).content.decode()
    response = client.post(reverse("marketplace:order_cancel", args=[order.number]))
    assert response.status_code == 302
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED
    assert "Cancel order" not in client.get(detail).content.decode()


def test_a_paid_order_is_cancelled_with_a_refund_until_it_ships(client):
    buyer = UserFactory()
    order = _order(user=buyer)
    client.force_login(buyer)
    response = client.post(reverse("marketplace:order_cancel", args=[order.number]))
    assert response.status_code == 302
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
    # Once refunded, a second press is a message, not an error page.
    again = client.post(
        reverse("marketplace:order_cancel", args=[order.number]), follow=True
    )
    assert again.status_code == 200 and "no longer be cancelled" in (
        again.content.decode()
    )


def test_vendor_sees_the_shipping_choice_and_runs_the_pickup_steps(client):
    vendor = VendorFactory()
    order = _order(shipping_method="pickup", vendor=vendor)
    sub = order.suborders.get()
    client.force_login(vendor.owner)
    url = reverse("vendors:order_detail", kwargs={"suborder_id": sub.pk})
    page = client.get(url).content.decode()
    assert "Pick-up at the shop" in page and "Ready for pick-up" in page
    assert 'name="courier"' not in page and 'name="tracking_number"' not in page
    slip = client.get(reverse("vendors:packing_slip", kwargs={"suborder_id": sub.pk}))
    assert "Pick-up at the shop" in slip.content.decode()
    # A courier form posted anyway does not ship a pick-up order.
    client.post(url, {"courier": "JNE", "tracking_number": "X"})
    assert SubOrder.objects.get(pk=sub.pk).status == OrderStatus.PAID
    assert client.post(url, {"action": "ready_for_pickup"}).status_code == 302
    assert SubOrder.objects.get(pk=sub.pk).status == OrderStatus.READY_FOR_PICKUP
    assert "Collected" in client.get(url).content.decode()
    assert client.post(url, {"action": "collected"}).status_code == 302
    assert SubOrder.objects.get(pk=sub.pk).status == OrderStatus.DELIVERED


def test_vendor_shipping_page_shows_the_courier_choice(client):
    vendor = VendorFactory()
    sub = _order(vendor=vendor).suborders.get()
    client.force_login(vendor.owner)
    page = client.get(
        reverse("vendors:order_detail", kwargs={"suborder_id": sub.pk})
    ).content.decode()
    assert "Flat rate" in page and 'name="tracking_number"' in page


def test_vendor_order_list_filters_by_state_and_searches(client):
    vendor = VendorFactory()
    to_ship = _order(vendor=vendor)
    shipped = _order(vendor=vendor)
    services.suborder_mark_shipped(
        suborder=shipped.suborders.get(),
        courier="JNE",
        tracking_number="J2",
        actor=None,
    )
    Order.objects.filter(pk=shipped.pk).update(full_name="Budi Santoso")
    refunded = _order(vendor=vendor)
    services.order_refund(order=refunded, actor=None)
    other_vendor = _order()
    client.force_login(vendor.owner)
    url = reverse("vendors:order_list")

    def numbers(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {s.order.number for s in response.context["suborders"]}

    assert numbers() == {to_ship.number, shipped.number, refunded.number}
    assert numbers(state="to_ship") == {to_ship.number}
    assert numbers(state="shipped") == {shipped.number}
    assert numbers(state="done") == set()
    assert numbers(state="cancelled") == {refunded.number}
    assert numbers(q="budi") == {shipped.number}
    assert numbers(q=to_ship.number[-6:]) == {to_ship.number}
    assert numbers(q=other_vendor.number) == set()
    assert numbers(state="bogus", q="x" * 5000) == set()
