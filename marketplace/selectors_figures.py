"""Reads for the tourism office's programme figures: stall sales per event, orders per
region, bookings per experience, destination and month.

Only sold sub-orders count: paid and onwards, never unpaid, cancelled or refunded.
Pages (events, destinations) are reached through foreign keys by name, so the
marketplace still imports nothing from tourism; the report in tourism puts titles
and labels on these rows.
"""

from __future__ import annotations

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

from marketplace.models import EventStall, OrderLine, OrderStatus, SubOrder

SOLD = (
    OrderStatus.PAID,
    OrderStatus.PROCESSING,
    OrderStatus.SHIPPED,
    OrderStatus.READY_FOR_PICKUP,
    OrderStatus.DELIVERED,
)


def stall_sales_by_event() -> list[dict]:
    """Per event: its stalls, and the orders and rupiah its stalls' vendors took for
    pick-up at their stall's point. One row per event that has stalls."""
    stalls = {
        row["event_id"]: row
        for row in EventStall.objects.values("event_id", "event__title")
        .annotate(stalls=Count("id"))
        .order_by()
    }
    sales = {
        row["event_id"]: row
        for row in SubOrder.objects.filter(
            status__in=SOLD,
            pickup_window__point__stalls__vendor=F("vendor"),
        )
        .values(event_id=F("pickup_window__point__stalls__event_id"))
        .annotate(orders=Count("id", distinct=True), sales=Sum("items_total"))
        .order_by()
    }
    rows = [
        {
            "event_id": event_id,
            "title": row["event__title"],
            "stalls": row["stalls"],
            "orders": sales.get(event_id, {}).get("orders", 0),
            "sales": sales.get(event_id, {}).get("sales") or 0,
        }
        for event_id, row in stalls.items()
    ]
    return sorted(rows, key=lambda row: (-row["sales"], row["title"]))


def orders_by_vendor_region() -> dict[str, dict]:
    """Sold sub-orders and their rupiah per region of the selling vendor."""
    return {
        row["region"]: {"orders": row["orders"], "sales": row["sales"] or 0}
        for row in SubOrder.objects.filter(status__in=SOLD)
        .values(region=F("vendor__region"))
        .annotate(orders=Count("id"), sales=Sum("items_total"))
        .order_by()
    }


def _booking_lines():
    return OrderLine.objects.filter(
        session__isnull=False, suborder__status__in=SOLD
    ).order_by()


def bookings_by_experience() -> list[dict]:
    """Bookings (paid order lines) and participants per experience."""
    return list(
        _booking_lines()
        .values(
            experience_id=F("session__experience_id"),
            name=F("session__experience__product__name"),
        )
        .annotate(bookings=Count("id"), participants=Sum("quantity"))
        .order_by("-participants", "name")
    )


def bookings_by_destination() -> list[dict]:
    """Bookings and participants per meeting-point destination (page id; None for
    experiences that meet elsewhere)."""
    return list(
        _booking_lines()
        .values(destination_id=F("session__experience__meeting_point_id"))
        .annotate(bookings=Count("id"), participants=Sum("quantity"))
        .order_by("-participants")
    )


def bookings_by_month() -> list[dict]:
    """Bookings and participants per month of the session (in the site's time
    zone), oldest first."""
    return list(
        _booking_lines()
        .annotate(month=TruncMonth("session__starts_at"))
        .values("month")
        .annotate(bookings=Count("id"), participants=Sum("quantity"))
        .order_by("month")
    )
