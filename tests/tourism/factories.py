"""Page trees for tests: one home page per language with the index pages under it."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from tourism.models import (
    DestinationIndexPage,
    DestinationPage,
    EventIndexPage,
    EventPage,
    HomePage,
)


@dataclass
class SiteTree:
    home: HomePage
    home_en: HomePage
    destinations: DestinationIndexPage
    events: EventIndexPage
    locale_id: Locale
    locale_en: Locale


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_site_tree() -> SiteTree:
    locale_id, _ = Locale.objects.get_or_create(language_code="id")
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        # A transactional (browser) test before this one flushed the tables, and with
        # them the rows migrations create: the root page and the root collection.
        ContentType.objects.clear_cache()
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale_id))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage(
        title="Beranda", slug="beranda", hero_title="Jelajahi Banua", locale=locale_id
    )
    root.add_child(instance=home)
    publish(home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    destinations = DestinationIndexPage(
        title="Destinasi", slug="destinasi", show_in_menus=True
    )
    home.add_child(instance=destinations)
    publish(destinations)
    events = EventIndexPage(title="Agenda", slug="agenda", show_in_menus=True)
    home.add_child(instance=events)
    publish(events)
    home_en = home.copy_for_translation(locale_en)
    home_en.title, home_en.hero_title = "Home", "Explore Banua"
    publish(home_en)
    return SiteTree(home, home_en, destinations, events, locale_id, locale_en)


def make_destination(
    parent, *, title="Pasar Terapung Lok Baintan", slug=None, **fields
):
    defaults = {
        "summary": "Pasar di atas sungai.",
        "category": "river",
        "region": "banjar",
        "latitude": Decimal("-3.293900"),
        "longitude": Decimal("114.668500"),
    }
    defaults.update(fields)
    page = DestinationPage(
        title=title, slug=slug or title.lower().replace(" ", "-"), **defaults
    )
    parent.add_child(instance=page)
    return publish(page)


def make_event(parent, *, title="Festival Sasirangan", start=None, hours=8, **fields):
    start = start or timezone.now() + dt.timedelta(days=10)
    page = EventPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Festival tahunan.",
        start_at=start,
        end_at=start + dt.timedelta(hours=hours),
        **fields,
    )
    parent.add_child(instance=page)
    return publish(page)


def make_story_index(home, *, title="Cerita", slug="cerita"):
    from tourism.models import StoryIndexPage

    index = StoryIndexPage(title=title, slug=slug, show_in_menus=True)
    home.add_child(instance=index)
    return publish(index)


def make_story(parent, *, title="Gebrak Pariwisata", **fields):
    from tourism.models import StoryPage

    defaults = {
        "summary": "Gerakan bersama memviralkan pariwisata.",
        "date": dt.date(2026, 6, 1),
        "body": [("paragraph", "<p>Ayo memviralkan Banua.</p>")],
    }
    defaults.update(fields)
    page = StoryPage(title=title, slug=title.lower().replace(" ", "-"), **defaults)
    parent.add_child(instance=page)
    return publish(page)


def itinerary_day(title, destinations, *, names=()):
    stops = [
        {"destination": page, "name": "", "time": "08.00", "note": ""}
        for page in destinations
    ]
    stops += [
        {"destination": None, "name": name, "time": "", "note": ""} for name in names
    ]
    return ("day", {"title": title, "description": "", "stops": stops})


def make_itinerary(parent, *, title="Tiga hari di Banua", days=None, **fields):
    from tourism.models import ItineraryPage

    page = ItineraryPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Tiga hari menjelajah Banua.",
        days=days or [itinerary_day("Hari 1", [], names=["Siring"])],
        **fields,
    )
    parent.add_child(instance=page)
    return publish(page)


def translate(page, locale, **fields):
    """The page's translation into locale (its parent must be translated already)."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)
