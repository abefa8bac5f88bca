"""Reads of vendors and of what a vendor manages.

"What the public may see" and "what this vendor may see" are each written once here, per
resource, and reused by the shop page, the dashboard, the API and the admin.
"""

import datetime as dt

from django.db.models import Count, F, IntegerField, Min, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.choices import Region
from marketplace import selectors as marketplace_selectors
from marketplace.models import Product, ProductImage, ProductStatus, ProductVariant
from vendors.models import BankAccount, Vendor, VendorCategory

# --- public ---------------------------------------------------------------------------


def vendor_list_public():
    return Vendor.objects.active().select_related("logo")


def vendor_list_directory(*, region: str = "", category: str = ""):
    """Active shops for the /toko/ directory, filtered by region and category (an
    unknown value filters nothing rather than erroring), with their products on show
    counted."""
    vendors = vendor_list_public().annotate(
        product_count=Count(
            "products",
            filter=Q(products__in=Product.objects.visible()),
            distinct=True,
        )
    )
    if region in Region.values:
        vendors = vendors.filter(region=region)
    if category in VendorCategory.values:
        vendors = vendors.filter(category=category)
    return vendors.order_by("name", "pk")


def vendor_list_for_sitemap():
    """Every active shop, just what a sitemap entry needs."""
    return Vendor.objects.active().order_by("pk").only("slug", "updated_at")


def vendor_get_public(*, slug: str):
    return (
        vendor_list_public()
        .select_related("banner", "destination")
        .filter(slug=slug)
        .first()
    )


def product_list_public_for_vendor(*, vendor: Vendor):
    return marketplace_selectors.product_list_visible().filter(vendor=vendor)


def vendor_rating_summary(*, vendor: Vendor) -> marketplace_selectors.RatingSummary:
    """Reviews belong to the marketplace, which computes the shop's figures."""
    return marketplace_selectors.vendor_rating_summary(vendor=vendor)


# --- what this vendor may see ---------------------------------------------------------


def vendor_get_for_user(*, user) -> Vendor | None:
    """The shop the signed-in user owns (any status), or None."""
    if user is None or not user.is_authenticated:
        return None
    vendor = (
        Vendor.objects.select_related("logo", "banner", "destination")
        .filter(owner=user)
        .first()
    )
    if vendor is not None:
        # Fills the reverse cache both ways, so ``user.vendor`` in templates costs no
        # query.
        user.vendor = vendor
    return vendor


def _low_stock_threshold(vendor: Vendor):
    """The variant's own threshold, else the shop's (as the low-stock e-mail uses)."""
    return Coalesce(
        F("variants__low_stock_threshold"),
        Value(vendor.low_stock_threshold),
        output_field=IntegerField(),
    )


def product_list_for_vendor(*, vendor: Vendor):
    """Every product of this vendor, drafts, hidden and archived too, with its stock."""
    return (
        Product.objects.filter(vendor=vendor)
        .select_related("category")
        .annotate(
            # On-hand and held by unpaid orders; "low" is judged on what is sellable.
            stock_total=Sum("variants__stock", filter=Q(variants__is_active=True)),
            held_total=Sum("variants__held", filter=Q(variants__is_active=True)),
            price_from=Min("variants__price", filter=Q(variants__is_active=True)),
            low_stock_count=Count(
                "variants",
                filter=Q(
                    variants__is_active=True,
                    variants__stock__lte=F("variants__held")
                    + _low_stock_threshold(vendor),
                ),
            ),
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.select_related("image"))
        )
        .order_by("status", "-updated_at", "-id")
    )


def product_get_for_vendor(*, vendor: Vendor, product_id: int) -> Product | None:
    return (
        Product.objects.filter(vendor=vendor, pk=product_id)
        .select_related("category", "vendor")
        .prefetch_related(
            "tags",
            Prefetch("images", queryset=ProductImage.objects.select_related("image")),
        )
        .first()
    )


def variant_list_for_vendor(*, vendor: Vendor):
    """The vendor's variants (not of archived products), for the bulk stock form."""
    return (
        ProductVariant.objects.filter(product__vendor=vendor)
        .exclude(product__status=ProductStatus.ARCHIVED)
        .select_related("product")
        .order_by("product__name", "sort_order", "id")
    )


def product_list_needing_attention(*, vendor: Vendor):
    """The vendor's products that the office hid or that run low, in one query."""
    return (
        Product.objects.filter(vendor=vendor)
        .exclude(status=ProductStatus.ARCHIVED)
        .annotate(
            low_stock_count=Count(
                "variants",
                filter=Q(
                    variants__is_active=True,
                    variants__stock__lte=F("variants__held")
                    + _low_stock_threshold(vendor),
                ),
            )
        )
        .filter(Q(is_hidden=True) | Q(low_stock_count__gt=0))
        .only("id", "name", "is_hidden", "hidden_reason")
        .order_by("-is_hidden", "name")
    )


def bank_account_for_vendor(*, vendor: Vendor) -> BankAccount | None:
    return BankAccount.objects.filter(vendor=vendor).first()


# --- sales and orders (the marketplace owns them; these ask it) -----------------------


def vendor_sales_series(*, vendor: Vendor, days: int = 30) -> list[tuple[dt.date, int]]:
    """(day, rupiah) for each of the last ``days`` days, zero-filled."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=days - 1)
    totals = {
        day: int(amount or 0)
        for day, amount in marketplace_selectors.vendor_sales_by_day(
            vendor=vendor, days=days
        )
    }
    return [
        (start + dt.timedelta(days=n), totals.get(start + dt.timedelta(days=n), 0))
        for n in range(days)
    ]
