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
