"""The vendor's pick-up list (issue 11, point 5): per event and window, own pick-ups
only, and the "collected" button completing the order."""

import datetime as dt

import pytest
from django.urls import reverse

from marketplace import services
from marketplace.models import EventStall, OrderStatus, SubOrder
from tests.marketplace.factories import (
    pickup_point,
    pickup_window,
    place_pickup_order,
    sellable_variant,
)
from tests.tourism.factories import build_site_tree, make_event
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def _paid_pickup(vendor, window):
    order = place_pickup_order(variant=sellable_variant(vendor=vendor), window=window)
    services.order_mark_paid(order_id=order.pk, note="test")
    return order.suborders.get()


def test_a_vendor_sees_only_its_own_pickups_grouped_by_window(client):
    mine, theirs = VendorFactory(), VendorFactory()
    point = pickup_point(vendors=[mine, theirs])
    early, late = (
        pickup_window(point=point),
        pickup_window(point=point, starts_in_hours=48),
    )
    own_early = _paid_pickup(mine, early)
    own_late = _paid_pickup(mine, late)
    other = _paid_pickup(theirs, early)
    client.force_login(mine.owner)
    page = client.get(reverse("vendors:pickup_list")).content.decode()
    assert own_early.pickup_code in page and own_late.pickup_code in page
    assert other.pickup_code not in page
    assert page.index(own_early.pickup_code) < page.index(own_late.pickup_code)
    one = client.get(reverse("vendors:pickup_list"), {"window": late.pk})
    assert own_late.pickup_code in one.content.decode()
    assert own_early.pickup_code not in one.content.decode()


def test_the_list_narrows_to_one_event(client):
    tree = build_site_tree()
    festival = make_event(tree.events, title="Festival Pasar Terapung", hours=30)
    vendor = VendorFactory()
    stall_point = pickup_point(name="Lapak B12", event=festival)
    EventStall.objects.create(
        event=festival, vendor=vendor, label="B12", pickup_point=stall_point
    )
    market = pickup_point(vendors=[vendor])
    at_stall = _paid_pickup(
        vendor,
        services.pickup_window_create(
            point=stall_point,
            starts_at=festival.start_at + dt.timedelta(hours=1),
            ends_at=festival.start_at + dt.timedelta(hours=3),
        ),
    )
    at_market = _paid_pickup(vendor, pickup_window(point=market))
    client.force_login(vendor.owner)
    page = client.get(reverse("vendors:pickup_list"), {"event": festival.pk})
    html = page.content.decode()
    assert at_stall.pickup_code in html and at_market.pickup_code not in html
    assert "Festival Pasar Terapung" in html
    bad = client.get(reverse("vendors:pickup_list"), {"event": "x' or 1=1"})
    assert bad.status_code == 200


def test_collected_completes_the_order_and_another_vendor_gets_404(client):
    mine, theirs = VendorFactory(), VendorFactory()
    window = pickup_window(point=pickup_point(vendors=[mine]))
    sub = _paid_pickup(mine, window)
    url = reverse("vendors:pickup_hand_over", args=[sub.pk])
    client.force_login(theirs.owner)
    assert client.post(url).status_code == 404
    assert SubOrder.objects.get(pk=sub.pk).status == OrderStatus.PAID
    client.force_login(mine.owner)
    response = client.post(url, {"code": sub.pickup_code})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == OrderStatus.DELIVERED
    assert sub.order.status == OrderStatus.DELIVERED


def test_the_order_page_shows_point_window_and_code_not_an_empty_address(client):
    vendor = VendorFactory()
    window = pickup_window(point=pickup_point(vendors=[vendor]))
    sub = _paid_pickup(vendor, window)
    client.force_login(vendor.owner)
    html = client.get(reverse("vendors:order_detail", args=[sub.pk])).content.decode()
    assert sub.pickup_code in html and window.point.name in html
