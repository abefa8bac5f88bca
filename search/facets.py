"""Facet labels: counts come from the backend, names from the database (two small queries),
so a facet reads "Kain Sasirangan (12)" in the visitor's language."""

from django.utils.translation import gettext_lazy as _

from search.params import PRICE_RANGES, ProductSearchParams
from search.results import FacetBucket

FACETS = ("category", "vendor", "region", "technique", "dye", "price")


def _price_label(key: str) -> str:
    low, _sep, high = key.partition("-")
    if not high:
        return str(_("From Rp %(low)s") % {"low": f"{int(low):,}".replace(",", ".")})
    if int(low) == 0:
        return str(
            _("Under Rp %(high)s") % {"high": f"{int(high):,}".replace(",", ".")}
        )
    return f"Rp {int(low):,} – {int(high):,}".replace(",", ".")


def price_range_selected(key: str, params: ProductSearchParams) -> bool:
    for range_key, low, high in PRICE_RANGES:
        if range_key == key:
            return params.price_min == (low or None) and params.price_max == (
                high - 1 if high else None
            )
    return False


def build_facets(
    raw: dict[str, list[tuple[str, int]]], params: ProductSearchParams
) -> dict[str, list[FacetBucket]]:
    """``raw`` maps facet name to (value, count) pairs, biggest first."""
    from marketplace.models import Category, Dye, Technique
    from tourism.choices import Region
    from vendors.models import Vendor

    category_slugs = [value for value, _count in raw.get("category", [])]
    vendor_slugs = [value for value, _count in raw.get("vendor", [])]
    categories = {
        category.slug: category.display_name
        for category in Category.objects.filter(slug__in=category_slugs)
    }
    vendors = dict(
        Vendor.objects.filter(slug__in=vendor_slugs).values_list("slug", "name")
    )
    labels = {
        "category": categories,
        "vendor": vendors,
        "region": dict(Region.choices),
        "technique": {key: str(label) for key, label in Technique.choices},
        "dye": {key: str(label) for key, label in Dye.choices},
    }
    facets: dict[str, list[FacetBucket]] = {}
    selected = params.filters()
    for name in FACETS:
        buckets = []
        for value, count in raw.get(name, []):
            if name == "price":
                buckets.append(
                    FacetBucket(
                        value=value,
                        label=_price_label(value),
                        count=count,
                        selected=price_range_selected(value, params),
                    )
                )
                continue
            buckets.append(
                FacetBucket(
                    value=value,
                    label=str(labels[name].get(value, value)),
                    count=count,
                    selected=selected.get(name) == value,
                )
            )
        facets[name] = buckets
    return facets
