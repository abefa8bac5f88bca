"""Facet buckets with labels in the visitor's language.

Counts and category/vendor names both come from the backend that answered (Elasticsearch
keeps the names in the document, the database fallback reads them in the same query), so
facets cost no extra queries. Which facets exist, and where their labels come from, is
declared once in ``search.filters``.
"""

from django.utils.translation import gettext_lazy as _

from marketplace.money import format_rupiah
from search.filters import FACET_TITLES, PRICE_RANGES, TERM_FACETS, category_label
from search.params import ProductSearchParams
from search.results import FacetBucket

__all__ = ["FACETS", "build_facets", "category_label", "price_range_selected"]

FACETS = tuple(FACET_TITLES)


def _price_label(key: str) -> str:
    low, _sep, high = key.partition("-")
    if not high:
        return str(_("From %(low)s") % {"low": format_rupiah(int(low))})
    if int(low) == 0:
        return str(_("Under %(high)s") % {"high": format_rupiah(int(high))})
    return f"{format_rupiah(int(low))} – {format_rupiah(int(high))}"


def price_range_selected(key: str, params: ProductSearchParams) -> bool:
    for range_key, low, high in PRICE_RANGES:
        if range_key == key:
            return params.price_min == (low or None) and params.price_max == (
                high - 1 if high else None
            )
    return False


def build_facets(
    raw: dict[str, list[tuple[str, int, str]]], params: ProductSearchParams
) -> dict[str, list[FacetBucket]]:
    """``raw`` maps facet name to (value, count, label) triples, biggest first; an empty
    label is filled from the facet's vocabulary (regions, techniques, dyes, kinds)."""

    facets: dict[str, list[FacetBucket]] = {}
    selected = params.filters()
    for name in FACETS:
        buckets = []
        for value, count, label in raw.get(name, []):
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
            if not label:
                label = TERM_FACETS[name].bucket_label(value, [])
            buckets.append(
                FacetBucket(
                    value=value,
                    label=str(label),
                    count=count,
                    selected=selected.get(name) == value,
                )
            )
        facets[name] = buckets
    return facets
