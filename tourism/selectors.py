"""Reads for tourism pages: templates get everything through these, in few queries."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from core.geo import bounding_box, distance_km
from marketplace import selectors as marketplace_selectors
from marketplace import selectors_experiences as marketplace_experiences
from marketplace import selectors_pickup
from tourism import page_cache
from tourism.models import DestinationPage, EventPage, ItineraryPage, StoryPage
from vendors import selectors as vendor_selectors
from vendors.models import Vendor, VendorStatus

NEARBY_RADIUS_KM = 25


def public(pages):
    """PageQuerySet.public() from the cached restricted paths: no query when none."""
    return page_cache.exclude_restricted(pages)


def _with_hero(pages):
    """Hero images joined in; their renditions come from Wagtail's rendition cache."""
    return pages.select_related("hero_image")


# --- destinations ---------------------------------------------------------------------
def destination_list(*, index, category: str | None = None, region: str | None = None):
    pages = public(DestinationPage.objects.live().child_of(index))
    if category:
        pages = pages.filter(category=category)
    if region:
        pages = pages.filter(region=region)
    return _with_hero(pages).order_by("title")


def vendor_list_near_destination(
    *, destination, radius_km: float = NEARBY_RADIUS_KM, limit: int = 6
) -> list:
    """Active vendors tied to the destination, in its region, or within radius_km of it.

    One query: the bounding box narrows candidates in SQL and the exact distance is
    computed here. Each vendor gets `distance_km` (None without coordinates); vendors
    of the destination itself come first, then the nearest.
    """
    condition = Q(destination__translation_key=destination.translation_key) | Q(
        region=destination.region
    )
    if destination.has_coordinates:
        min_lat, max_lat, min_lng, max_lng = bounding_box(
            destination.latitude, destination.longitude, radius_km
        )
        condition |= Q(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        )
    candidates = list(
        vendor_selectors.vendor_list_public()
        .filter(condition)
        .select_related("destination")
        .order_by("name")[:200]
    )
    nearby = []
    for vendor in candidates:
        vendor.distance_km = None
        if destination.has_coordinates and vendor.latitude is not None:
            vendor.distance_km = round(
                distance_km(
                    destination.latitude,
                    destination.longitude,
                    vendor.latitude,
                    vendor.longitude,
                ),
                1,
            )
        linked = (
            vendor.destination is not None
            and vendor.destination.translation_key == destination.translation_key
        )
        vendor.is_at_destination = linked
        within = vendor.distance_km is not None and vendor.distance_km <= radius_km
        if linked or within or vendor.region == destination.region:
            nearby.append(vendor)
    nearby.sort(
        key=lambda v: (
            not v.is_at_destination,
            v.distance_km is None,
            v.distance_km or 0,
            v.name,
        )
    )
    return nearby[:limit]


def destination_neighbourhood(*, destination, radius_km: float = NEARBY_RADIUS_KM):
    """The makers and products around a destination: the bridge to the marketplace."""
    vendors = vendor_list_near_destination(destination=destination, radius_km=radius_km)
    products = []
    if vendors:
        products = list(
            marketplace_selectors.product_list_visible()
            .filter(vendor_id__in=[vendor.pk for vendor in vendors])
            .order_by("-is_featured", "-published_at")[:8]
        )
    return {
        "nearby_vendors": vendors,
        "nearby_products": products,
        "nearby_radius_km": radius_km,
    }


# --- events ---------------------------------------------------------------------------
def experience_list_at_destination(*, destination, limit: int = 6):
    """Experiences that meet at this place (its page in any language), each with its
    next sessions and the seats left."""
    ids = DestinationPage.objects.filter(
        translation_key=destination.translation_key
    ).values_list("pk", flat=True)
    return marketplace_experiences.experience_list_for_destination(
        destination_ids=ids, limit=limit
    )


def event_list_upcoming(*, index=None, locale=None, limit=None):
    events = public(EventPage.objects.live().filter(end_at__gte=timezone.now()))
    if index is not None:
        events = events.child_of(index)
    elif locale is not None:
        events = events.filter(locale=locale)
    events = _with_hero(events.select_related("venue")).order_by("start_at")
    return events[:limit] if limit else events


def event_stalls(*, event) -> list:
    """The event's stalls with a few product cards each and their next pick-up
    window (issue 11, point 4)."""
    return selectors_pickup.stall_list_for_event(
        event=event, products=marketplace_selectors.product_list_visible()
    )


def destination_pickup_points(*, destination) -> list:
    """Pick-up points at the destination (a floating market's jetty) with their next
    windows."""
    return selectors_pickup.pickup_points_for_destination(destination=destination)


def event_list_past(*, index, limit: int = 60):
    """The archive: events that have ended, the most recent first, bounded."""
    events = public(EventPage.objects.live().filter(end_at__lt=timezone.now()))
    events = events.child_of(index)
    return _with_hero(events.select_related("venue")).order_by("-start_at")[:limit]


def _shift_year(value: dt.date, years: int) -> dt.date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February in a year that has none
        return value.replace(year=value.year + years, day=28)


@dataclass
class EventOccurrence:
    """An event on the local (WITA) days it covers; yearly events repeat their dates."""

    event: EventPage
    first_day: dt.date
    last_day: dt.date


def _occurrences(events, *, start: dt.date, end: dt.date) -> list[EventOccurrence]:
    """The occurrences of `events` that overlap the local days [start, end]."""
    tz = timezone.get_default_timezone()  # WITA, the site's time zone
    found = []
    for event in events:
        first = event.start_at.astimezone(tz).date()
        last = event.end_at.astimezone(tz).date()
        shifts = [0]
        if event.is_yearly:
            # The yearly repeats that may touch this range (an event may cross New Year).
            shifts = range(
                max(0, start.year - first.year - 1), end.year - first.year + 1
            )
        for years in shifts:
            day_one, day_last = _shift_year(first, years), _shift_year(last, years)
            if day_one <= end and day_last >= start:
                found.append(EventOccurrence(event, day_one, day_last))
    found.sort(key=lambda occurrence: (occurrence.first_day, occurrence.event.start_at))
    return found


def _events_for_range(*, index, start: dt.date, end: dt.date):
    """Live events under `index` that may touch the local days [start, end].

    One query: one-off events that overlap the range, and yearly events that began
    before its end (their repeats are worked out in Python, there are few).
    """
    tz = timezone.get_default_timezone()  # WITA, the site's time zone
    range_start = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    range_end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    events = public(EventPage.objects.live().child_of(index)).filter(
        Q(start_at__lt=range_end, end_at__gte=range_start)
        | Q(is_yearly=True, start_at__lt=range_end)
    )
    return events.select_related("venue").order_by("start_at")


def event_list_on_date(*, index, day: dt.date) -> list[EventOccurrence]:
    """Events held on one local day (the date filter of the event index)."""
    return _occurrences(
        _events_for_range(index=index, start=day, end=day), start=day, end=day
    )


@dataclass
class CalendarDay:
    date: dt.date | None  # None pads the first and last weeks
    occurrences: list[EventOccurrence] = field(default_factory=list)
    is_today: bool = False


@dataclass
class EventMonth:
    """A month grid (weeks from Monday) and the month's events, for the calendar view."""

    first: dt.date
    weeks: list[list[CalendarDay]]
    occurrences: list[EventOccurrence]
    previous: dt.date
    next: dt.date


def event_month(*, index, year: int, month: int) -> EventMonth:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    occurrences = _occurrences(
        _events_for_range(index=index, start=first, end=last), start=first, end=last
    )
    today = timezone.localdate()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.month != month:
                row.append(CalendarDay(None))
                continue
            row.append(
                CalendarDay(
                    day,
                    [o for o in occurrences if o.first_day <= day <= o.last_day],
                    day == today,
                )
            )
        weeks.append(row)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    return EventMonth(first, weeks, occurrences, previous, following)


def event_list_at_venue(*, venue, limit: int = 4):
    return list(
        public(EventPage.objects.live())
        .filter(venue=venue, end_at__gte=timezone.now())
        .order_by("start_at")[:limit]
    )


# --- stories and itineraries ----------------------------------------------------------
def story_list(*, index=None, locale=None, limit=None):
    stories = public(StoryPage.objects.live())
    if index is not None:
        stories = stories.child_of(index)
    elif locale is not None:
        stories = stories.filter(locale=locale)
    stories = _with_hero(stories).order_by("-date", "-first_published_at")
    return stories[:limit] if limit else stories


def itinerary_list(*, index):
    return _with_hero(public(ItineraryPage.objects.live().child_of(index))).order_by(
        "title"
    )


@dataclass
class ItineraryStop:
    destination: object | None
    name: str
    time: str
    note: str


@dataclass
class ItineraryDay:
    number: int
    title: str
    description: str
    stops: list[ItineraryStop] = field(default_factory=list)


# "Hari 1: ", "Day 2 - ", "Day 3." typed by an editor: the template numbers the days itself.
_DAY_PREFIX = re.compile(
    r"^\s*(?:hari|day)\s*\d+\s*(?:[:.\-\u2013\u2014]\s*|$)", re.IGNORECASE
)


def day_title_without_number(title: str) -> str:
    """The day's title without a leading "Hari N:"/"Day N:", which the heading already shows.

    Editors (and the first demo seed) wrote the number into the title, so the page read
    "Hari 1: Hari 1: ...". Stripping on read fixes pages already saved that way.
    """
    return _DAY_PREFIX.sub("", title, count=1)


def itinerary_days(*, itinerary) -> list[ItineraryDay]:
    """The days of an itinerary with each stop's destination in the page's language.

    Translated itineraries may still point at the Indonesian destinations (copied
    references); each is swapped for its translation when one is live, in one query.
    """

    raw_days = [block.value for block in itinerary.days if block.block_type == "day"]
    ids = {
        stop["destination"].pk
        for day in raw_days
        for stop in day["stops"]
        if stop["destination"] is not None
    }
    chosen = {}
    if ids:
        pages = DestinationPage.objects.live().filter(
            Q(pk__in=ids)
            | Q(
                translation_key__in=DestinationPage.objects.filter(pk__in=ids).values(
                    "translation_key"
                ),
                locale_id=itinerary.locale_id,
            )
        )
        by_key, by_pk = {}, {}
        for page in pages:
            by_pk[page.pk] = page
            if page.locale_id == itinerary.locale_id:
                by_key[page.translation_key] = page
        for pk, page in by_pk.items():
            chosen[pk] = by_key.get(page.translation_key, page)
    days = []
    for number, value in enumerate(raw_days, start=1):
        day = ItineraryDay(
            number,
            day_title_without_number(value["title"]),
            value.get("description") or "",
        )
        for stop in value["stops"]:
            destination = (
                chosen.get(stop["destination"].pk) if stop["destination"] else None
            )
            day.stops.append(
                ItineraryStop(
                    destination=destination,
                    name=destination.title if destination else stop["name"],
                    time=stop.get("time") or "",
                    note=stop.get("note") or "",
                )
            )
        days.append(day)
    return days


# --- home, pins -----------------------------------------------------------------------
def _exclude_restricted(pages, restricted_paths):
    """Like .public(), with the restricted paths fetched once for several lists."""
    for path in restricted_paths:
        pages = pages.exclude(path__startswith=path)
    return pages


def home_page_sections(*, home):
    restricted = page_cache.restricted_paths()
    now = timezone.now()
    destinations = _exclude_restricted(
        DestinationPage.objects.live().descendant_of(home), restricted
    )
    events = _exclude_restricted(
        EventPage.objects.live().descendant_of(home).filter(end_at__gte=now),
        restricted,
    )
    stories = _exclude_restricted(
        StoryPage.objects.live().descendant_of(home), restricted
    )
    return {
        "featured_destinations": _with_hero(destinations).order_by("title")[:6],
        "upcoming_events": _with_hero(events.select_related("venue")).order_by(
            "start_at"
        )[:3],
        "featured_products": marketplace_selectors.product_list_featured(limit=8),
        "latest_stories": _with_hero(stories).order_by("-date", "-first_published_at")[
            :3
        ],
    }


def page_pins(*, page) -> dict:
    """Products and makers an editor pinned on a page, in the editor's order.

    Ids come from the page's own StreamField data, so a page without pins costs no
    query; hidden products and inactive vendors are left out.
    """
    product_ids, vendor_ids = [], []
    for item in page.pins.raw_data:
        target = product_ids if item["type"] == "product" else vendor_ids
        if item.get("value"):
            target.append(int(item["value"]))
    products, vendors = [], []
    if product_ids:
        found = {
            product.pk: product
            for product in marketplace_selectors.product_list_visible().filter(
                pk__in=product_ids
            )
        }
        products = [found[pk] for pk in product_ids if pk in found]
    if vendor_ids:
        found = {
            vendor.pk: vendor
            for vendor in vendor_selectors.vendor_list_public().filter(
                pk__in=vendor_ids
            )
        }
        vendors = [found[pk] for pk in vendor_ids if pk in found]
    return {"pinned_products": products, "pinned_vendors": vendors}


def page_ancestors_and_alternates(*, page, request):
    """(breadcrumb ancestors below the root, {language: URL or None}) in one query."""
    step = Page.steplen
    ancestor_paths = [page.path[:end] for end in range(2 * step, len(page.path), step)]
    rows = list(
        Page.objects.filter(
            Q(path__in=ancestor_paths)
            | Q(translation_key=page.translation_key, live=True)
        )
        .select_related("locale")
        .order_by("path")
    )
    ancestors = [row for row in rows if row.path in ancestor_paths]
    translations = {
        row.locale.language_code: row
        for row in rows
        if row.translation_key == page.translation_key and row.live
    }
    if not any(row.pk == page.pk for row in rows):  # a preview of a draft
        translations.setdefault(page.locale.language_code, page)
    return ancestors, page_urls_by_language(translations=translations, request=request)


# --- translations ---------------------------------------------------------------------
def page_urls_by_language(*, translations: dict, request) -> dict[str, str | None]:
    """{language: URL} of a page's translations ({language: page}), for every site
    language; None where the page has no live translation. The one place a Wagtail
    page's other-language URLs are built: the switcher, the hreflang links and the
    breadcrumbs all read this (Django views use ``core.translation_urls``)."""
    return {
        code: translations[code].get_url(request) if code in translations else None
        for code, _name in settings.LANGUAGES
    }


def page_alternates(*, page, request) -> dict[str, str | None]:
    """URL of the page in each site language; None where no live translation exists."""
    translations = {
        translated.locale.language_code: translated
        for translated in page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
    }
    return page_urls_by_language(translations=translations, request=request)


# --- the office's dashboard -----------------------------------------------------------
@dataclass
class DashboardCounts:
    published_destinations: int
    upcoming_events: int
    vendors_pending: int
    orders_this_month: int


def month_start(now: dt.datetime | None = None) -> dt.datetime:
    """Midnight of the first day of this month in WITA (the office's month)."""
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def dashboard_counts(*, now: dt.datetime | None = None) -> DashboardCounts:
    """The numbers the tourism office watches; a page and its translation count once."""

    now = now or timezone.now()
    destinations = (
        DestinationPage.objects.live().values("translation_key").distinct().count()
    )
    events = (
        EventPage.objects.live()
        .filter(end_at__gte=now)
        .values("translation_key")
        .distinct()
        .count()
    )
    pending = Vendor.objects.filter(status=VendorStatus.PENDING).count()
    orders = marketplace_selectors.order_count_since(since=month_start(now))
    return DashboardCounts(destinations, events, pending, orders)
