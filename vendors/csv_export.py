"""The vendor's orders and products as CSV (a spreadsheet opens them as they are).

The product file has the columns the import reads (``PRODUCT_COLUMNS``), so a vendor can
export, edit prices and stock in a spreadsheet, and import the file back.
"""

import csv
import io
from collections.abc import Iterable

from django.utils import timezone

from marketplace import selectors as marketplace_selectors
from vendors import selectors
from vendors.models import Vendor

# Read back by the import (vendors.services.catalogue_csv); the rest are for reading.
PRODUCT_COLUMNS = (
    "sku",
    "product_slug",
    "product_name",
    "category",
    "motif",
    "size",
    "colour",
    "price",
    "stock",
    "weight_grams",
    "is_active",
    "low_stock_threshold",
)
PRODUCT_EXTRA_COLUMNS = ("held", "sellable", "status")
ORDER_COLUMNS = (
    "order_number",
    "paid_at",
    "status",
    "buyer",
    "city",
    "province",
    "shipping_method",
    "courier",
    "tracking_number",
    "sku",
    "product",
    "variant",
    "quantity",
    "unit_price",
    "line_total",
    "items_total",
    "shipping_cost",
    "gross",
    "commission",
    "vendor_net",
)
# A cell a spreadsheet would run as a formula (CSV injection): written with a quote first.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _csv(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def products_csv(*, vendor: Vendor) -> str:
    """One row per variant of the vendor's products that are not archived."""
    variants = selectors.variant_list_for_vendor(vendor=vendor).select_related(
        "product__category"
    )
    return _csv(
        PRODUCT_COLUMNS + PRODUCT_EXTRA_COLUMNS,
        (
            (
                variant.sku,
                variant.product.slug,
                variant.product.name,
                variant.product.category.slug,
                variant.motif,
                variant.size,
                variant.colour,
                variant.price,
                variant.stock,
                variant.weight_grams,
                variant.is_active,
                variant.low_stock_threshold,
                variant.held,
                variant.sellable,
                variant.product.status,
            )
            for variant in variants
        ),
    )


def orders_csv(*, vendor: Vendor, limit: int = 5000) -> str:
    """One row per order line of the vendor's paid sub-orders, times in the site's zone."""
    suborders = marketplace_selectors.suborder_list_for_vendor(vendor=vendor)[:limit]
    rows = []
    for suborder in suborders:
        order = suborder.order
        paid_at = (
            timezone.localtime(order.paid_at).strftime("%Y-%m-%d %H:%M")
            if order.paid_at
            else ""
        )
        for line in suborder.lines.all():
            rows.append(
                (
                    order.number,
                    paid_at,
                    suborder.status,
                    order.full_name,
                    order.city,
                    order.province,
                    suborder.shipping_method,
                    suborder.courier,
                    suborder.tracking_number,
                    line.sku,
                    line.product_name,
                    line.variant_label,
                    line.quantity,
                    line.unit_price,
                    line.line_total,
                    suborder.items_total,
                    suborder.shipping_cost,
                    suborder.gross,
                    suborder.commission,
                    suborder.vendor_net,
                )
            )
    return _csv(ORDER_COLUMNS, rows)
