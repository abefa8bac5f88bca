"""Reads for pick-up points, windows and event stalls.

Tourism pages (the event, the destination) reach these through their own selectors;
the vendor's pick-up list is scoped here once, like ``suborder_list_for_vendor``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from core.choices import VendorStatus
from marketplace.limits import id_or_none
from marketplace.models import (
    EventStall,
    OrderStatus,
    PickupPoint,
    PickupWindow,
    Product,
    SubOrder,
    VendorPickupPoint,
)

# The soonest windows a vendor offers at checkout: a phone screen of choices, not a
# fortnight of dawns.
MAX_WINDOWS_OFFERED = 8

# Sub-orders a vendor must hand over or has handed over (never unpaid ones).
UNPAID = (OrderStatus.PENDING, OrderStatus.CANCELLED)


def pickup_windows_offered(
    *, vendor_ids, now: datetime | None = None
) -> dict[int, list[PickupWindow]]:
    """Windows still to come at active points each vendor offers, by vendor id.

    A vendor offers a point it is linked to, and the point of each of its stalls.
    One query when no vendor offers a point, two otherwise.
    """
    vendor_ids = list(vendor_ids)
    if not vendor_ids:
        return {}
    now = now or timezone.now()
    points: dict[int, set[int]] = {}
    links = (
        VendorPickupPoint.objects.filter(vendor_id__in=vendor_ids)
        .values_list("vendor_id", "point_id")
        .order_by()
    )
    stalls = (
        EventStall.objects.filter(vendor_id__in=vendor_ids, pickup_point__isnull=False)
        .values_list("vendor_id", "pickup_point_id")
        .order_by()
    )
    # One query for both ways of offering a point (a cart page counts its queries).
    for vendor_id, point_id in links.union(stalls):
        points.setdefault(point_id, set()).add(vendor_id)
    offered: dict[int, list[PickupWindow]] = {}
    if not points:
        return offered
    windows = (
        PickupWindow.objects.filter(
            point_id__in=points, point__is_active=True, starts_at__gt=now
        )
        .select_related("point")
        .order_by("starts_at", "id")
    )
    for window in windows:
        for vendor_id in points[window.point_id]:
            bucket = offered.setdefault(vendor_id, [])
            if len(bucket) < MAX_WINDOWS_OFFERED:
                bucket.append(window)
    return offered


@dataclass
class PickupGroup:
    window: PickupWindow
    suborders: list[SubOrder] = field(default_factory=list)

    @property
    def to_hand_over(self) -> int:
        return sum(
            1
            for suborder in self.suborders
            if suborder.status
            in (OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.READY_FOR_PICKUP)
        )


def pickup_list_for_vendor(
    *, vendor, event_id=None, window_id=None, include_done: bool = False
) -> list[PickupGroup]:
    """This vendor's paid pick-up sub-orders, by window (soonest first).

    Only the vendor's own sub-orders, ever: the filter on ``vendor`` is the first
    one, and every narrowing (an event, a window) is applied on top of it.
    """
    queryset = (
        SubOrder.objects.filter(vendor=vendor, pickup_window__isnull=False)
        .exclude(status__in=UNPAID)
        .select_related("order", "pickup_window__point__event")
        .prefetch_related("lines")
        .order_by("pickup_window__starts_at", "pickup_window_id", "order__full_name")
    )
    if not include_done:
        queryset = queryset.exclude(
            status__in=[OrderStatus.DELIVERED, OrderStatus.REFUNDED]
        )
    event_pk = id_or_none(event_id)
    if event_id not in (None, "") and event_pk is not None:
        queryset = queryset.filter(
            Q(pickup_window__point__event_id=event_pk)
            | Q(pickup_window__point__stalls__event_id=event_pk)
        ).distinct()
    window_pk = id_or_none(window_id)
    if window_id not in (None, "") and window_pk is not None:
        queryset = queryset.filter(pickup_window_id=window_pk)
    groups: dict[int, PickupGroup] = {}
    for suborder in queryset:
        group = groups.setdefault(
            suborder.pickup_window_id, PickupGroup(window=suborder.pickup_window)
        )
        group.suborders.append(suborder)
    return list(groups.values())


def pickup_suborder_get_for_vendor(*, vendor, suborder_id):
    pk = id_or_none(suborder_id)
    if pk is None:
        return None
    return (
        SubOrder.objects.filter(vendor=vendor, pickup_window__isnull=False, pk=pk)
        .exclude(status__in=UNPAID)
        .select_related("order", "pickup_window__point")
        .first()
    )


def pickup_events_for_vendor(*, vendor) -> list[dict]:
    """The events this vendor has a stall at or a point of, for the list's filter."""
    rows = EventStall.objects.filter(vendor=vendor).values_list(
        "event_id", "event__title"
    )
    points = PickupPoint.objects.filter(
        Q(vendor_links__vendor=vendor) | Q(stalls__vendor=vendor), event__isnull=False
    ).values_list("event_id", "event__title")
    seen = {}
    for event_id, title in [*rows, *points]:
        seen.setdefault(event_id, title)
    return [{"id": pk, "title": title} for pk, title in seen.items()]


@dataclass
class StallCard:
    stall: EventStall
    products: list[Product]
    next_window: PickupWindow | None


def stall_list_for_event(
    *,
    event,
    products=None,
    products_per_stall: int = 3,
    now: datetime | None = None,
) -> list[StallCard]:
    """The event's stalls of shops that may sell, each with a few products and the
    stall's next pick-up window (None when there is none to pre-order for).

    ``products``: the visible-products queryset to pick from (the storefront passes
    its card queryset, with prices and images joined in).
    """
    if products is None:
        products = Product.objects.visible()
    now = now or timezone.now()
    stalls = list(
        # Every translation of the event lists the stalls the office placed on any.
        EventStall.objects.filter(
            event__translation_key=event.translation_key,
            vendor__status=VendorStatus.APPROVED,
        )
        .select_related("vendor", "pickup_point")
        .order_by("label", "id")
    )
    if not stalls:
        return []
    vendor_ids = [stall.vendor_id for stall in stalls]
    # Ids first (a narrow query), then the cards of only those few: a shop with
    # hundreds of products costs no more than one with three.
    picked: dict[int, list[int]] = {}
    for product_id, vendor_id in (
        Product.objects.visible()
        .filter(vendor_id__in=vendor_ids)
        .order_by("-is_featured", "-published_at", "-id")
        .values_list("id", "vendor_id")
    ):
        bucket = picked.setdefault(vendor_id, [])
        if len(bucket) < products_per_stall:
            bucket.append(product_id)
    cards = {
        product.pk: product
        for product in products.filter(
            pk__in=[pk for ids in picked.values() for pk in ids]
        )
    }
    by_vendor = {
        vendor_id: [cards[pk] for pk in ids if pk in cards]
        for vendor_id, ids in picked.items()
    }
    next_windows: dict[int, PickupWindow] = {}
    for window in PickupWindow.objects.filter(
        point_id__in={s.pickup_point_id for s in stalls if s.pickup_point_id},
        point__is_active=True,
        starts_at__gt=now,
    ).order_by("starts_at", "id"):
        next_windows.setdefault(window.point_id, window)
    return [
        StallCard(
            stall=stall,
            products=by_vendor.get(stall.vendor_id, []),
            next_window=next_windows.get(stall.pickup_point_id),
        )
        for stall in stalls
    ]


@dataclass
class PointCard:
    point: PickupPoint
    windows: list[PickupWindow]
    vendor_names: list[str]


def pickup_points_for_destination(
    *, destination, windows: int = 4, now: datetime | None = None
) -> list[PointCard]:
    """Active pick-up points at a destination with their next windows."""
    now = now or timezone.now()
    points = list(
        PickupPoint.objects.filter(
            destination__translation_key=destination.translation_key, is_active=True
        ).order_by("name", "id")
    )
    if not points:
        return []
    upcoming: dict[int, list[PickupWindow]] = {}
    for window in PickupWindow.objects.filter(
        point__in=points, starts_at__gt=now
    ).order_by("starts_at", "id"):
        bucket = upcoming.setdefault(window.point_id, [])
        if len(bucket) < windows:
            bucket.append(window)
    names: dict[int, list[str]] = {}
    for point_id, name in VendorPickupPoint.objects.filter(
        point__in=points
    ).values_list("point_id", "vendor__name"):
        names.setdefault(point_id, []).append(name)
    return [
        PointCard(
            point=point,
            windows=upcoming.get(point.pk, []),
            vendor_names=sorted(names.get(point.pk, [])),
        )
        for point in points
    ]


@dataclass
class StallWithWindows:
    stall: EventStall
    windows: list[PickupWindow]


def stalls_by_event(
    *, translation_keys, windows: int = 3, now: datetime | None = None
) -> dict:
    """For many event pages at once (the content API's listing): each event's
    translation key with its stalls of shops that may sell and the next pick-up
    windows of each stall's point. Two queries whatever the number of events."""
    now = now or timezone.now()
    stalls = list(
        EventStall.objects.filter(
            event__translation_key__in=list(translation_keys),
            vendor__status=VendorStatus.APPROVED,
        )
        .select_related("vendor", "pickup_point", "event")
        .order_by("label", "id")
    )
    upcoming: dict[int, list[PickupWindow]] = {}
    point_ids = {stall.pickup_point_id for stall in stalls if stall.pickup_point_id}
    if point_ids:
        for window in PickupWindow.objects.filter(
            point_id__in=point_ids, point__is_active=True, starts_at__gt=now
        ).order_by("starts_at", "id"):
            bucket = upcoming.setdefault(window.point_id, [])
            if len(bucket) < windows:
                bucket.append(window)
    by_event: dict = {}
    for stall in stalls:
        by_event.setdefault(stall.event.translation_key, []).append(
            StallWithWindows(
                stall=stall, windows=upcoming.get(stall.pickup_point_id, [])
            )
        )
    return by_event
