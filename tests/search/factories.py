"""Catalogue rows for search tests, built on the vendors' and marketplace's
factories."""

import itertools
from decimal import Decimal

from marketplace.models import Category
from tests.marketplace.factories import ProductFactory, ProductVariantFactory
from tests.vendors.factories import VendorFactory

_sku = itertools.count(1)


def category(slug="kain-sasirangan", name="Kain Sasirangan", name_en=None, parent=None):
    if name_en is None:
        name_en = "Sasirangan cloth" if slug == "kain-sasirangan" else ""
    found, _created = Category.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": name_en, "parent": parent}
    )
    return found


def vendor(**fields):
    defaults = {
        "latitude": Decimal("-3.321200"),
        "longitude": Decimal("114.601700"),
        "region": "banjarmasin",
    }
    defaults.update(fields)
    return VendorFactory(**defaults)


def product(
    name, *, description="", tags=(), price=150_000, stock=5, prices=None, **fields
):
    """A published product with one variant per price (``prices`` or ``price``)."""
    fields.setdefault("category", category())
    fields.setdefault("vendor", vendor())
    item = ProductFactory(name=name, description=description, **fields)
    if tags:
        item.tags.set(list(tags))
    for number, amount in enumerate(prices or [price]):
        ProductVariantFactory(
            product=item,
            sku=f"T-{next(_sku):06d}",
            price=amount,
            stock=stock,
            sort_order=number,
        )
    return item


def demo_catalogue() -> int:
    """The demo shop's categories, vendors and products (banua/demo/catalogue.py)
    without images or pages: what the judged queries (search/judgements/) are graded
    on. Returns the number of products."""
    import datetime as dt

    from django.utils import timezone
    from django.utils.text import slugify

    from banua.demo import catalogue

    categories = {}
    for slug, name, name_en, parent_slug in catalogue.CATEGORIES:
        categories[slug] = category(
            slug=slug, name=name, name_en=name_en, parent=categories.get(parent_slug)
        )
    vendors = {
        item["slug"]: vendor(
            slug=item["slug"],
            name=item["name"],
            region=item["region"],
            craft_village=item["craft_village"],
            category=item["category"],
            latitude=Decimal(item["lat"]),
            longitude=Decimal(item["lng"]),
        )
        for item in catalogue.VENDORS
    }
    products = catalogue.build_products()
    for number, item in enumerate(products, start=1):
        vendor_row = vendors[item["vendor"]]
        product(
            item["name"],
            slug=slugify(item["name"]),
            description=item["description"],
            tags=item.get("tags", []),
            prices=[variant["price"] for variant in item["variants"]],
            category=categories[item["category"]],
            vendor=vendor_row,
            village=vendor_row.craft_village,
            technique=item.get("technique", ""),
            dye=item.get("dye", ""),
            motif_name=item.get("motif_name", ""),
            published_at=timezone.now() - dt.timedelta(days=number),
        )
    return len(products)
