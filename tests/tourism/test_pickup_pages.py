"""Tourism pages sell through stalls and pick-up points (issue 11, point 4): an event
page lists its stalls, a destination page its pick-up points and next windows."""

import datetime as dt

import pytest
from django.urls import reverse

from core.choices import VendorStatus
from marketplace.models import EventStall, PickupWindow
from tests.marketplace.factories import pickup_point, pickup_window, sellable_variant
from tests.tourism.factories import (
    build_site_tree,
    make_destination,
    make_event,
    translate,
)
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_an_event_page_lists_its_stalls_with_products_and_a_pre_order_link(client):
    tree = build_site_tree()
    event = make_event(tree.events, title="Festival Budaya Banjar", hours=48)
    point = pickup_point(event=event, name="Baris lapak utara")
    PickupWindow.objects.create(
        point=point,
        starts_at=event.start_at + dt.timedelta(hours=2),
        ends_at=event.start_at + dt.timedelta(hours=4),
    )
    seller = VendorFactory(name="Kain Sasirangan Ibu Siti")
    sellable_variant(vendor=seller, name="Selendang sasirangan")
    suspended = VendorFactory(name="Toko Ditangguhkan", status=VendorStatus.SUSPENDED)
    EventStall.objects.create(
        event=event, vendor=seller, label="U7", pickup_point=point
    )
    EventStall.objects.create(event=event, vendor=suspended, label="U8")
    html = client.get(event.url).content.decode()
    assert "Kain Sasirangan Ibu Siti" in html and "U7" in html
    assert "Selendang sasirangan" in html
    assert reverse("vendors:shop_detail", args=[seller.slug]) in html
    assert "Baris lapak utara" in html
    assert "Toko Ditangguhkan" not in html
    # The English translation of the event lists the same stalls.
    event_en = translate(event, tree.locale_en, title="Banjar Culture Festival")
    html_en = client.get(event_en.url).content.decode()
    assert "Kain Sasirangan Ibu Siti" in html_en


def test_an_event_without_stalls_shows_no_stall_section(client):
    event = make_event(build_site_tree().events)
    assert 'id="event-stalls"' not in client.get(event.url).content.decode()


def test_a_destination_page_lists_its_pick_up_point_and_next_windows(client):
    tree = build_site_tree()
    market = make_destination(tree.destinations)
    vendor = VendorFactory(name="Wadai Acil Lok Baintan")
    point = pickup_point(vendors=[vendor], destination=market)
    soon = pickup_window(point=point, starts_in_hours=20)
    past = pickup_window(point=point, starts_in_hours=-30)
    html = client.get(market.url).content.decode()
    assert point.name in html and point.meeting_note in html
    assert soon.label in html
    assert past.label not in html
    assert "Wadai Acil Lok Baintan" in html
    point.is_active = False
    point.save()
    assert point.name not in client.get(market.url).content.decode()


def test_a_stall_or_window_change_purges_its_event_and_destination_pages():
    from banua.frontend_cache import pickup_page_urls

    tree = build_site_tree()
    market = make_destination(tree.destinations)
    event = make_event(tree.events, title="Festival Jukung", venue=market)
    point = pickup_point(event=event, destination=market)
    window = pickup_window(point=point)
    stall = EventStall.objects.create(event=event, vendor=VendorFactory(), label="C1")
    assert pickup_page_urls(stall) == {event.get_full_url()}
    both = {event.get_full_url(), market.get_full_url()}
    assert pickup_page_urls(window) == both
    assert pickup_page_urls(point) == both
