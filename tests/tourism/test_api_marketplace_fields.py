"""The content API exposes the marketplace on tourism pages (issue 11 point 4):
experiences meeting at a destination, stalls at an event; a listing costs the same
few queries whatever the number of pages."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.models import EventStall, ExperienceSession
from tests.marketplace.factories import bookable_session, pickup_point, pickup_window
from tests.tourism.factories import make_destination

SITE = "https://banua.example.id"


def _experience_at(destination, *, name, vendor=None, price=250_000, child=None):
    session = bookable_session(
        vendor=vendor, name=name, price=price, child_price=child, capacity=8
    )
    experience = session.experience
    experience.meeting_point = destination
    experience.save(update_fields=["meeting_point"])
    return session


def _listing(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content[:300]
    return {item["id"]: item for item in response.json()["items"]}


def test_destinations_list_the_experiences_meeting_there(client, full_site, settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    session = _experience_at(
        full_site.destination, name="Susur sungai", price=200_000, child=120_000
    )
    ExperienceSession.objects.filter(pk=session.pk).update(held=2, booked=1)
    full = ExperienceSession.objects.create(
        experience=session.experience,
        starts_at=timezone.now() + dt.timedelta(days=2),
        capacity=3,
        booked=3,
    )
    items = _listing(
        client, type="tourism.DestinationPage", fields="experiences", locale="id"
    )
    [experience] = items[full_site.destination.pk]["experiences"]
    assert experience["name"] == "Susur sungai"
    assert experience["price_from"] == 120_000
    assert experience["url"] == f"{SITE}/produk/{session.experience.product.slug}/"
    # Only sessions with seats left, with how many.
    assert [s["id"] for s in experience["next_sessions"]] == [session.pk]
    assert experience["next_sessions"][0]["seats_left"] == 5
    assert full.pk not in [s["id"] for s in experience["next_sessions"]]

    # The English page of the same place lists it too, with an English URL.
    detail = client.get(f"/api/v2/pages/{full_site.destination_en.pk}/").json()
    [english] = detail["experiences"]
    assert english["url"] == f"{SITE}/en/produk/{session.experience.product.slug}/"


def test_events_list_their_stalls_with_pickup_windows(client, full_site, settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    vendor = full_site.vendor
    point = pickup_point(vendors=[vendor], event=full_site.event, name="Gerbang B")
    window = pickup_window(point=point, starts_in_hours=48)
    EventStall.objects.filter(event=full_site.event).delete()
    EventStall.objects.create(
        event=full_site.event, vendor=vendor, label="B12", pickup_point=point
    )
    detail = client.get(f"/api/v2/pages/{full_site.event_en.pk}/").json()
    [stall] = detail["stalls"]
    assert stall["label"] == "B12"
    assert stall["vendor"] == vendor.name
    assert stall["url"] == f"{SITE}/en/toko/{vendor.slug}/"
    assert stall["pickup_point"] == "Gerbang B"
    assert [w["starts_at"][:16] for w in stall["pickup_windows"]] == [
        timezone.localtime(window.starts_at).isoformat()[:16]
    ]


def _queries(client, **params) -> int:
    _listing(client, **params)  # warm: Wagtail caches the site's root paths
    with CaptureQueriesContext(connection) as queries:
        _listing(client, **params)
    return len(queries)


def test_a_listing_with_these_fields_costs_no_query_per_page(client, full_site):
    params = {"type": "tourism.DestinationPage", "limit": 20}
    _experience_at(full_site.destination, name="Susur sungai")
    fields = {"fields": "experiences"}
    base_few = _queries(client, **params)
    with_few = _queries(client, **params, **fields)
    for n in range(4):
        place = make_destination(full_site.tree.destinations, title=f"Tempat {n}")
        _experience_at(place, name=f"Tur {n}")
    base_many = _queries(client, **params)
    with_many = _queries(client, **params, **fields)
    assert len(_listing(client, **params, **fields)) >= 5
    assert with_many - base_many == with_few - base_few <= 5


def test_an_event_listing_with_stalls_costs_no_query_per_page(client, full_site):
    params = {"type": "tourism.EventPage", "limit": 20}
    fields = {"fields": "stalls"}
    base = _queries(client, **params)
    with_stalls = _queries(client, **params, **fields)
    assert with_stalls - base <= 4
