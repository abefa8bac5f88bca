"""Demo data for selling tied to events and places (issue 11, point 5): the
Sasirangan festival's stalls with daily pick-up windows, and the Lok Baintan floating
market's jetty with dawn windows. Idempotent: only what is missing is created (a later
run adds the dawn windows of the days that have come into range)."""

import datetime as dt

from django.utils import timezone

from marketplace import services
from marketplace.models import EventStall, PickupPoint, PickupWindow, VendorPickupPoint
from tourism.models import DestinationPage, EventPage
from vendors.models import Vendor

FESTIVAL = "festival-sasirangan"
FESTIVAL_POINT = "Bazar Festival Sasirangan (siring Kampung Sasirangan)"
STALLS = [
    # vendor slug, stall label
    ("sasirangan-galuh-banjar", "A1"),
    ("sasirangan-kampung-melayu", "A2"),
    ("wadai-hj-aluh", "B1"),
    ("dodol-kandangan-amang-udin", "B2"),
]
# Two hand-over windows a festival day, as hours after the day's opening (08:00).
FESTIVAL_WINDOWS = [(2, 4), (7, 9)]

MARKET = "pasar-terapung-lok-baintan"
MARKET_POINT = "Dermaga Pasar Terapung Lok Baintan"
MARKET_VENDORS = ["wadai-hj-aluh", "anyaman-purun-lok-baintan"]
MARKET_DAYS = 14
# The market trades from first light; boats leave by half past seven.
DAWN = (dt.time(5, 30), dt.time(7, 30))


def _point(name: str, **fields) -> PickupPoint:
    point, _created = PickupPoint.objects.get_or_create(name=name, defaults=fields)
    return point


def _window(seeder, point, starts_at, ends_at) -> None:
    if PickupWindow.objects.filter(point=point, starts_at=starts_at).exists():
        return
    services.pickup_window_create(point=point, starts_at=starts_at, ends_at=ends_at)
    seeder.report.count("pick-up windows", True)


def seed_stalls(seeder) -> None:
    vendors = {vendor.slug: vendor for vendor in Vendor.objects.all()}
    festival = EventPage.objects.filter(
        slug=FESTIVAL, locale__language_code="id"
    ).first()
    if festival is not None:
        point = _point(
            FESTIVAL_POINT,
            event=festival,
            destination=festival.venue,
            address="Jl. Sungai Jingah, Banjarmasin Utara",
            meeting_note="Tunjukkan kode pengambilan di meja lapak toko Anda.",
        )
        for slug, label in STALLS:
            vendor = vendors.get(slug)
            if vendor is None:
                continue
            _stall, created = EventStall.objects.get_or_create(
                event=festival,
                vendor=vendor,
                defaults={"label": label, "pickup_point": point},
            )
            seeder.report.count("event stalls", created)
        days = (festival.end_at - festival.start_at).days + 1
        for day in range(days):
            opening = festival.start_at + dt.timedelta(days=day)
            for start, end in FESTIVAL_WINDOWS:
                ends_at = min(opening + dt.timedelta(hours=end), festival.end_at)
                _window(seeder, point, opening + dt.timedelta(hours=start), ends_at)

    market = DestinationPage.objects.filter(
        slug=MARKET, locale__language_code="id"
    ).first()
    if market is not None:
        point = _point(
            MARKET_POINT,
            destination=market,
            address="Desa Lok Baintan, Sungai Tabuk, Kabupaten Banjar",
            meeting_note=(
                "Di dermaga desa; acil penjual menyerahkan pesanan dari jukungnya."
            ),
        )
        for slug in MARKET_VENDORS:
            if slug in vendors:
                _link, created = VendorPickupPoint.objects.get_or_create(
                    vendor=vendors[slug], point=point
                )
                seeder.report.count("vendor pick-up points", created)
        today = timezone.localdate()
        for offset in range(1, MARKET_DAYS + 1):
            day = today + dt.timedelta(days=offset)
            starts_at, ends_at = (
                timezone.make_aware(dt.datetime.combine(day, moment)) for moment in DAWN
            )
            _window(seeder, point, starts_at, ends_at)
