"""Reads of the catalogue. Every list of products the storefront shows starts here."""

from django.db.models import Min, Prefetch, Q, Sum

from marketplace.models import Product, ProductImage


def product_list_visible():
    """Visible products with what a product card needs, in a constant number of queries."""
    return (
        Product.objects.visible()
        .select_related("vendor", "category")
        .annotate(price_from=Min("variants__price", filter=Q(variants__is_active=True)))
        .annotate(stock_total=Sum("variants__stock", filter=Q(variants__is_active=True)))
        .prefetch_related(
            Prefetch(
                "images",
                queryset=ProductImage.objects.select_related("image").order_by("sort_order", "id"),
            )
        )
    )


def product_list_featured(*, limit: int = 8):
    return list(product_list_visible().filter(is_featured=True)[:limit])


def product_list_for_destination(*, destination, limit: int = 8):
    """Products whose vendor belongs to the destination (any translation) or its region."""
    return list(
        product_list_visible()
        .filter(
            Q(vendor__destination__translation_key=destination.translation_key)
            | Q(vendor__region=destination.region)
        )
        .order_by("-is_featured", "-published_at")[:limit]
    )


def product_get_visible(*, slug: str):
    """One visible product with its active variants and photos, or None."""
    from marketplace.models import ProductVariant

    return (
        product_list_visible()
        .prefetch_related(Prefetch("variants", queryset=ProductVariant.objects.filter(is_active=True)))
        .select_related("vendor__destination")
        .filter(slug=slug)
        .first()
    )
