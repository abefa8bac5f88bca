"""Reads for tourism pages. Page templates get everything through these, in few queries."""

from django.utils import timezone

from marketplace import selectors as marketplace_selectors
from vendors import selectors as vendor_selectors


def destination_list(*, index):
    from tourism.models import DestinationPage

    return (
        DestinationPage.objects.live()
        .public()
        .child_of(index)
        .select_related("hero_image")
        .order_by("title")
    )


def event_list_upcoming(*, index=None, locale=None, limit=None):
    from tourism.models import EventPage

    events = EventPage.objects.live().public().filter(end_at__gte=timezone.now())
    if index is not None:
        events = events.child_of(index)
    elif locale is not None:
        events = events.filter(locale=locale)
    events = events.select_related("hero_image", "venue").order_by("start_at")
    return events[:limit] if limit else events


def home_page_sections(*, home):
    from tourism.models import DestinationPage

    destinations = (
        DestinationPage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("hero_image")
        .order_by("title")[:6]
    )
    return {
        "featured_destinations": destinations,
        "upcoming_events": event_list_upcoming(locale=home.locale, limit=3),
        "featured_products": marketplace_selectors.product_list_featured(limit=8),
    }


def destination_neighbourhood(*, destination):
    """The makers and products around a destination: the bridge to the marketplace."""
    vendors = vendor_selectors.vendor_list_for_destination(destination=destination, limit=6)
    products = marketplace_selectors.product_list_for_destination(destination=destination, limit=8)
    return {"nearby_vendors": vendors, "nearby_products": products}
