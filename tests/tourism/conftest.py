"""A bilingual site with one page of every type, and makers around the destination."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.images import make_image
from tests.marketplace.factories import (
    ProductFactory,
    ProductImageFactory,
    ProductVariantFactory,
)
from tests.tourism.factories import (
    build_site_tree,
    itinerary_day,
    make_destination,
    make_event,
    make_itinerary,
    make_story,
    make_story_index,
    translate,
)
from tests.vendors.factories import VendorFactory


@dataclass
class FullSite:
    tree: object
    destination: object
    destination_en: object
    event: object
    event_en: object
    stories: object
    story: object
    story_en: object
    itinerary: object
    itinerary_en: object
    vendor: object
    product: object

    def pages(self):
        tree = self.tree
        return {
            "home": (tree.home, tree.home_en),
            "destination_index": (
                tree.destinations,
                tree.destinations.get_translation(tree.locale_en),
            ),
            "destination": (self.destination, self.destination_en),
            "event_index": (tree.events, tree.events.get_translation(tree.locale_en)),
            "event": (self.event, self.event_en),
            "story_index": (self.stories, self.stories.get_translation(tree.locale_en)),
            "story": (self.story, self.story_en),
            "itinerary": (self.itinerary, self.itinerary_en),
        }


@pytest.fixture
def full_site(db):
    tree = build_site_tree()
    hero = make_image("Pasar terapung saat subuh", size=(64, 48))
    destination = make_destination(
        tree.destinations,
        title="Kampung Sasirangan",
        category="crafts",
        region="banjarmasin",
        latitude=Decimal("-3.321000"),
        longitude=Decimal("114.601400"),
        ticket_price=15000,
        address="Jl. Seberang Masjid, Banjarmasin",
        hero_image=hero,
        search_description="Kampung perajin kain sasirangan.",
    )
    destination_en = translate(
        destination,
        tree.locale_en,
        title="Sasirangan Village",
        summary="The village of sasirangan makers.",
        search_description="The village of sasirangan makers.",
    )
    start = timezone.make_aware(dt.datetime(2030, 12, 12, 8, 0))
    event = make_event(
        tree.events,
        title="Festival Sasirangan",
        start=start,
        hours=9,
        venue=destination,
        hero_image=hero,
    )
    event_en = translate(
        event,
        tree.locale_en,
        title="Sasirangan Festival",
        summary="A yearly festival.",
        venue=destination_en,
    )
    stories = make_story_index(tree.home)
    story = make_story(stories, hero_image=hero, author="Dinas Pariwisata")
    story_en = translate(
        story, tree.locale_en, title="Gebrak Tourism", summary="Go viral."
    )
    itinerary = make_itinerary(
        stories, days=[itinerary_day("Hari 1", [destination], names=["Siring"])]
    )
    itinerary_en = translate(itinerary, tree.locale_en, title="Three days in Banua")
    vendor = VendorFactory(
        name="Sasirangan Galuh",
        region="banjarmasin",
        latitude=Decimal("-3.320000"),
        longitude=Decimal("114.600000"),
        destination=destination,
    )
    product = ProductFactory(vendor=vendor, name="Kain Gigi Haruan", is_featured=True)
    ProductVariantFactory(product=product)
    ProductImageFactory(product=product)
    return FullSite(
        tree,
        destination,
        destination_en,
        event,
        event_en,
        stories,
        story,
        story_en,
        itinerary,
        itinerary_en,
        vendor,
        product,
    )
