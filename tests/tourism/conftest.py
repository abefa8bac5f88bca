"""A bilingual site with one page of every type, and makers around the destination.

Building it (a dozen Wagtail pages with revisions and translations, a maker, a product
and images) was the slowest setup of the suite, so it is built once per test module
(``_full_site_shared`` in tests/conftest.py, inside a transaction rolled back after the
module) and every test gets fresh instances of it inside its own savepoint: what a test
writes is rolled back before the next one.
"""

import datetime as dt
import shutil
from dataclasses import dataclass, fields, replace
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import caches
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

    def fresh(self) -> "FullSite":
        """The same rows as new instances, so no test sees another test's in-memory edits."""

        def refetch(instance):
            return type(instance)._default_manager.get(pk=instance.pk)

        tree = replace(
            self.tree,
            **{f.name: refetch(getattr(self.tree, f.name)) for f in fields(self.tree)},
        )
        values = {f.name: refetch(getattr(self, f.name)) for f in fields(self)[1:]}
        return FullSite(tree=tree, **values)


@pytest.fixture
def full_site(db, _full_site_shared, _media_root):
    """The module's shared site, fresh for this test (writes are rolled back after it).

    Its image files are copied into this test's MEDIA_ROOT, and the caches are emptied:
    the page caches' generation token is not rolled back with the rows, so entries a
    previous test built from its own writes must not be reused.
    """
    site, media = _full_site_shared
    shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    for alias in settings.CACHES:
        caches[alias].clear()
    return site.fresh()


def build_full_site() -> FullSite:
    """Writes the whole site; callers own the transaction (see ``_full_site_shared``)."""
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
