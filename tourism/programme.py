"""The office's programme figures (issue 11, point 6): bookings and participants per
experience, destination and month; stall sales per event; vendors and orders per
region. Each as a table with a server-drawn SVG chart, and all of them as one CSV.

It sits in tourism because it names tourism pages (destinations, events) beside
marketplace rows; the counting itself is marketplace's (``selectors_figures``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import formats
from django.utils.translation import gettext as _

from core.choices import Region, VendorStatus
from marketplace import selectors_figures
from tourism.models import DestinationPage
from vendors.charts import SalesChart, bar_chart
from vendors.models import Vendor


@dataclass
class FigureTable:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Which column the chart draws, and the chart itself (None without rows).
    chart_column: int = 1
    chart: SalesChart | None = None
    note: str = ""


def _chart(table: FigureTable) -> FigureTable:
    if table.rows:
        table.chart = bar_chart(
            [(str(row[0]), int(row[table.chart_column] or 0)) for row in table.rows]
        )
    return table


def _experience_tables() -> list[FigureTable]:
    columns = [_("Bookings"), _("Participants")]
    by_experience = FigureTable(
        key="experiences",
        title=_("Bookings per experience"),
        columns=[_("Experience"), *columns],
        rows=[
            [row["name"], row["bookings"], row["participants"] or 0]
            for row in selectors_figures.bookings_by_experience()
        ],
        chart_column=2,
    )
    destination_rows = selectors_figures.bookings_by_destination()
    titles = dict(
        DestinationPage.objects.filter(
            pk__in=[
                r["destination_id"] for r in destination_rows if r["destination_id"]
            ]
        ).values_list("pk", "title")
    )
    by_destination = FigureTable(
        key="destinations",
        title=_("Bookings per destination"),
        columns=[_("Destination"), *columns],
        rows=[
            [
                titles.get(row["destination_id"], _("Elsewhere")),
                row["bookings"],
                row["participants"] or 0,
            ]
            for row in destination_rows
        ],
        chart_column=2,
    )
    by_month = FigureTable(
        key="months",
        title=_("Bookings per month"),
        columns=[_("Month"), *columns],
        rows=[
            [
                formats.date_format(row["month"], "YEAR_MONTH_FORMAT"),
                row["bookings"],
                row["participants"] or 0,
            ]
            for row in selectors_figures.bookings_by_month()
            if row["month"] is not None
        ],
        chart_column=2,
    )
    return [by_experience, by_destination, by_month]


def _stall_table() -> FigureTable:
    return FigureTable(
        key="stalls",
        title=_("Stall sales per event"),
        columns=[_("Event"), _("Stalls"), _("Orders"), _("Sales (Rp)")],
        rows=[
            [row["title"], row["stalls"], row["orders"], row["sales"]]
            for row in selectors_figures.stall_sales_by_event()
        ],
        chart_column=3,
    )


def _region_table() -> FigureTable:
    vendors = dict(
        Vendor.objects.filter(status=VendorStatus.APPROVED)
        .values_list("region")
        .annotate(count=Count("id"))
        .order_by()
    )
    orders = selectors_figures.orders_by_vendor_region()
    rows = [
        [
            label,
            vendors.get(value, 0),
            orders.get(value, {}).get("orders", 0),
            orders.get(value, {}).get("sales", 0),
        ]
        for value, label in Region.choices
        if vendors.get(value) or value in orders
    ]
    return FigureTable(
        key="regions",
        title=_("Vendors and orders per region"),
        columns=[_("Region"), _("Vendors"), _("Orders"), _("Sales (Rp)")],
        rows=rows,
        chart_column=2,
    )


def programme_figures() -> list[FigureTable]:
    """Every table of the report, each with its chart."""
    return [
        _chart(table)
        for table in [*_experience_tables(), _stall_table(), _region_table()]
    ]


def programme_figures_csv(tables: list[FigureTable]) -> str:
    """One CSV: a header row per table (its title, then its columns), then its rows.

    Numbers are written plainly (no thousands separator, whatever the language), so
    a spreadsheet reads them as numbers.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow([table.title])
        writer.writerow(table.columns)
        writer.writerows(table.rows)
        writer.writerow([])
    return out.getvalue()
