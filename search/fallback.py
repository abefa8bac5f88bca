"""Product search on the database, used when Elasticsearch is not configured or not
answering.

Same parameters and the same result shape as search/products.py. On PostgreSQL it ranks
with
full-text search ("simple" configuration: PostgreSQL has no Indonesian stemmer) plus a
substring match so partial words still hit; elsewhere (SQLite) every word must appear in
a
searchable field, case-insensitively. No stemming, synonyms or typo tolerance here.
"""

import math
from functools import reduce
from operator import and_

from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape

from search.facets import build_facets, category_label
from search.params import PRICE_RANGES, ProductSearchParams
from search.results import ProductHit, ProductSearchResult, Suggestion

TEXT_FIELDS = (
    "name",
    "description",
    "motif_name",
    "village",
    "tags__name",
    "category__name",
    "category__name_en",
    "vendor__name",
)


def _visible():
    from marketplace import selectors

    return selectors.product_list_visible()


def _words(q: str) -> list[str]:
    return [word for word in q.split() if word][:10]


def _text_filter(q: str) -> Q:
    per_word = [
        reduce(
            lambda a, b: a | b,
            (Q(**{f"{field}__icontains": word}) for field in TEXT_FIELDS),
        )
        for word in _words(q)
    ]
    return reduce(and_, per_word) if per_word else Q()


def _matching_ids(q: str):
    """Ids of visible products matching ``q`` (a subquery), without duplicate rows."""
    from marketplace.models import Product

    return Product.objects.visible().filter(_text_filter(q)).values("pk")


FACETABLE = {"category", "vendor", "region", "technique", "dye", "price"}


def _filtered(queryset, params: ProductSearchParams, *, skip: str = ""):
    """Apply the user's filters; ``skip="all-facets"`` leaves out the facetable ones."""
    skipped = FACETABLE if skip == "all-facets" else {skip}
    if params.category and "category" not in skipped:
        queryset = queryset.filter(
            Q(category__slug=params.category)
            | Q(category__parent__slug=params.category)
        )
    if params.vendor and "vendor" not in skipped:
        queryset = queryset.filter(vendor__slug=params.vendor)
    if params.region and "region" not in skipped:
        queryset = queryset.filter(vendor__region=params.region)
    if params.technique and "technique" not in skipped:
        queryset = queryset.filter(technique=params.technique)
    if params.dye and "dye" not in skipped:
        queryset = queryset.filter(dye=params.dye)
    if params.motif:
        queryset = queryset.filter(motif_name__iexact=params.motif)
    if params.village:
        queryset = queryset.filter(
            Q(village__icontains=params.village)
            | Q(vendor__craft_village__icontains=params.village)
        )
    if "price" not in skipped:
        if params.price_min is not None:
            queryset = queryset.filter(price_from__gte=params.price_min)
        if params.price_max is not None:
            queryset = queryset.filter(price_from__lte=params.price_max)
    if params.in_stock is True:
        queryset = queryset.filter(stock_total__gt=0)
    elif params.in_stock is False:
        queryset = queryset.filter(Q(stock_total=0) | Q(stock_total__isnull=True))
    if params.near_point is not None:
        # A bounding box: close enough to "within km" for a fallback, and index
        # friendly.
        lat, lon = params.near_point
        dlat = params.km / 111.0
        dlon = params.km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
        queryset = queryset.filter(
            vendor__latitude__range=(lat - dlat, lat + dlat),
            vendor__longitude__range=(lon - dlon, lon + dlon),
        )
    return queryset


def _base(params: ProductSearchParams):
    queryset = _visible()
    if params.q:
        queryset = queryset.filter(pk__in=_matching_ids(params.q))
    return queryset


def _ranked(queryset, params: ProductSearchParams):
    if params.sort == "price_asc":
        return queryset.order_by(F("price_from").asc(nulls_last=True), "-id")
    if params.sort == "price_desc":
        return queryset.order_by(F("price_from").desc(nulls_last=True), "-id")
    if params.q and params.sort == "relevance" and connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("name", weight="A", config="simple")
            + SearchVector("motif_name", weight="B", config="simple")
            + SearchVector("description", weight="C", config="simple")
        )
        query = SearchQuery(params.q, search_type="websearch", config="simple")
        return queryset.annotate(rank=SearchRank(vector, query)).order_by(
            "-rank", F("published_at").desc(nulls_last=True), "-id"
        )
    if params.q and params.sort == "relevance":
        # SQLite: names that contain the words first, then the newest.
        name_hit = reduce(and_, (Q(name__icontains=word) for word in _words(params.q)))
        from django.db.models import BooleanField, ExpressionWrapper

        return queryset.annotate(
            name_hit=ExpressionWrapper(name_hit, output_field=BooleanField())
        ).order_by("-name_hit", F("published_at").desc(nulls_last=True), "-id")
    return queryset.order_by(F("published_at").desc(nulls_last=True), "-id")


def _highlight(text: str, q: str) -> str:
    """Escaped text with the query words wrapped in <mark>, like Elasticsearch's."""
    import re

    words = [re.escape(escape(word)) for word in _words(q)]
    safe = escape(text)
    if not words:
        return safe
    return re.sub(f"({'|'.join(words)})", r"<mark>\1</mark>", safe, flags=re.IGNORECASE)


FACET_ROW_LIMIT = 5000


def _row_passes(row: dict, params: ProductSearchParams, skip: str) -> bool:
    """The same filters as _filtered(), applied to one value row (for facet counts)."""
    checks = {
        "category": params.category
        and params.category
        not in (row["category__slug"], row["category__parent__slug"]),
        "vendor": params.vendor and row["vendor__slug"] != params.vendor,
        "region": params.region and row["vendor__region"] != params.region,
        "technique": params.technique and row["technique"] != params.technique,
        "dye": params.dye and row["dye"] != params.dye,
        "price": (params.price_min is not None or params.price_max is not None)
        and (
            row["price_from"] is None
            or (params.price_min is not None and row["price_from"] < params.price_min)
            or (params.price_max is not None and row["price_from"] > params.price_max)
        ),
    }
    return not any(failed for name, failed in checks.items() if name != skip)


def _row_label(name: str, row: dict) -> str:
    if name == "category":
        return category_label(row["category__name"], row["category__name_en"])
    if name == "vendor":
        return row["vendor__name"]
    return ""


def _facet_counts(
    base, params: ProductSearchParams
) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet, each ignoring its own filter, from one query over the matches
    (capped: past FACET_ROW_LIMIT matches the counts describe the first ones only)."""
    fields = {
        "category": "category__slug",
        "vendor": "vendor__slug",
        "region": "vendor__region",
        "technique": "technique",
        "dye": "dye",
    }
    shared = _filtered(base, params, skip="all-facets")
    rows = list(
        shared.values(
            "pk",
            "category__slug",
            "category__name",
            "category__name_en",
            "vendor__name",
            "category__parent__slug",
            "vendor__slug",
            "vendor__region",
            "technique",
            "dye",
            "price_from",
        ).order_by()[:FACET_ROW_LIMIT]
    )
    raw: dict[str, list[tuple[str, int, str]]] = {}
    for name, field in fields.items():
        counts: dict[str, int] = {}
        labels: dict[str, str] = {}
        for row in rows:
            if row[field] and _row_passes(row, params, name):
                counts[row[field]] = counts.get(row[field], 0) + 1
                labels[row[field]] = _row_label(name, row)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:20]
        raw[name] = [(value, count, labels[value]) for value, count in ranked]
    raw["price"] = []
    for key, low, high in PRICE_RANGES:
        count = sum(
            1
            for row in rows
            if row["price_from"] is not None
            and row["price_from"] >= low
            and (high is None or row["price_from"] < high)
            and _row_passes(row, params, "price")
        )
        if count:
            raw["price"].append((key, count, ""))
    return raw


def product_search_db(params: ProductSearchParams) -> ProductSearchResult:
    base = _base(params)
    queryset = _ranked(_filtered(base, params), params)
    rows = list(
        queryset.prefetch_related("images__image__renditions")[
            params.offset : params.offset + params.per_page
        ]
    )
    if params.page == 1 and len(rows) < params.per_page:
        total = len(rows)  # everything fits on the first page: no COUNT needed
    else:
        total = queryset.count()
    hits = []
    for product in rows:
        highlight = {"name": _highlight(product.name, params.q)} if params.q else {}
        hits.append(
            ProductHit(
                id=product.pk,
                name=product.name,
                slug=product.slug,
                price=product.price_from,
                in_stock=bool(product.stock_total),
                vendor={"slug": product.vendor.slug, "name": product.vendor.name},
                category={"slug": product.category.slug, "name": product.category.name},
                region=product.vendor.region,
                technique=product.technique,
                dye=product.dye,
                village=product.village or product.vendor.craft_village,
                rating=0.0,
                highlight=highlight,
                product=product,
            )
        )
    return ProductSearchResult(
        query=params.q,
        backend="database",
        total=total,
        page=params.page,
        per_page=params.per_page,
        sort="relevance" if params.sort in ("rating", "distance") else params.sort,
        hits=hits,
        facets=build_facets(_facet_counts(base, params), params),
        did_you_mean=None,
    )


def product_suggest_db(q: str, *, limit: int = 8) -> list[Suggestion]:
    from marketplace.models import Product

    rows = (
        Product.objects.visible()
        .filter(Q(name__istartswith=q) | Q(name__icontains=f" {q}"))
        .order_by("name")
        .values_list("name", "slug")[:limit]
    )
    return [Suggestion(text=name, slug=slug) for name, slug in rows]
