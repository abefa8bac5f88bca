"""The office's "Stalls and pick-up" admin: stalls, points, windows checked against
their event's dates."""

import datetime as dt

import pytest
from django.utils import timezone

from marketplace.models import EventStall, PickupWindow
from tests.marketplace.factories import pickup_point
from tests.tourism.factories import build_site_tree, make_event
from tests.vendors.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def test_the_office_places_a_vendor_at_an_event(office):
    event = make_event(build_site_tree().events)
    vendor = VendorFactory()
    point = pickup_point(event=event, name="Baris lapak A")
    response = office.post(
        "/admin/marketplace/event-stalls/new/",
        {
            "event": event.pk,
            "vendor": vendor.pk,
            "label": "A3",
            "pickup_point": point.pk,
        },
    )
    assert response.status_code == 302
    stall = EventStall.objects.get()
    assert (stall.vendor, stall.label, stall.pickup_point) == (vendor, "A3", point)
    listing = office.get("/admin/marketplace/event-stalls/").content.decode()
    assert "A3" in listing


def test_a_window_outside_the_event_is_refused_in_the_admin(office):
    event = make_event(build_site_tree().events, hours=6)
    point = pickup_point(event=event)
    url = "/admin/marketplace/pickup-windows/new/"
    outside = office.post(
        url,
        {
            "point": point.pk,
            "starts_at": _local(event.end_at - dt.timedelta(hours=1)),
            "ends_at": _local(event.end_at + dt.timedelta(hours=1)),
        },
    )
    assert outside.status_code == 200
    errors = outside.context["form"].non_field_errors()
    assert errors and event.title in errors[0]
    assert not PickupWindow.objects.exists()
    inside = office.post(
        url,
        {
            "point": point.pk,
            "starts_at": _local(event.start_at + dt.timedelta(hours=1)),
            "ends_at": _local(event.start_at + dt.timedelta(hours=2)),
        },
    )
    assert inside.status_code == 302
    assert PickupWindow.objects.count() == 1
