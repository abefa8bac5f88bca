"""Query counts of every page type stay small and do not grow with the lists."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.marketplace.factories import (
    ProductFactory,
    ProductImageFactory,
    ProductVariantFactory,
)
from tests.tourism.factories import make_destination, make_event, make_story
from tests.vendors.factories import VendorFactory

# The house target: Wagtail's routing, view-restriction and navigation lookups come
# from tourism.page_cache (see tests/banua/test_query_budget.py); the Site and Locale
# are Wagtail's own lookups (no private API), which puts the destination page at 11
# when its cached "makers and products nearby" fragment is rebuilt. What also matters
# here is that no count grows with the number of pages or products.
BUDGET = {
    "home": 12,  # 10 in Indonesian, 11 in English
    "destination_index": 10,
    "destination": 12,
    "event_index": 10,
    "event": 10,
    "story_index": 10,
    "story": 10,
    "itinerary": 10,
}


def count(client, url):
    client.get(url)  # warm the rendition and site caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def grow(full_site):
    tree = full_site.tree
    for number in range(6):
        make_destination(
            tree.destinations, title=f"Destinasi {number}", region="banjarmasin"
        )
        make_event(
            tree.events,
            title=f"Acara {number}",
            start=timezone.now() + dt.timedelta(days=20 + number),
            venue=full_site.destination,
        )
        make_story(full_site.stories, title=f"Cerita {number}")
        vendor = VendorFactory(
            region="banjarmasin",
            latitude=Decimal("-3.3200"),
            longitude=Decimal("114.6000"),
        )
        product = ProductFactory(vendor=vendor, is_featured=True)
        ProductVariantFactory(product=product)
        ProductImageFactory(product=product)


@pytest.mark.parametrize("language", [0, 1])
def test_query_counts_are_bounded_and_constant(client, full_site, language):
    urls = {kind: pages[language].url for kind, pages in full_site.pages().items()}
    before = {kind: count(client, url) for kind, url in urls.items()}
    grow(full_site)
    after = {kind: count(client, url) for kind, url in urls.items()}
    print(before)  # noqa: T201 - shown with -s, the numbers behind BUDGET
    assert after == before
    for kind, queries in after.items():
        assert queries <= BUDGET[kind], kind
