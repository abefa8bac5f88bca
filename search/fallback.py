"""Product search on the database, used when Elasticsearch is not configured or not
answering.

Same parameters, result shape and query understanding (search.understanding) as
search/products.py, on the database's full-text index (search.dbindex, search.fulltext:
PostgreSQL tsvector/tsquery with unaccent, SQLite FTS5): each content word of the query,
with its synonyms from the analyzer's own list, must match at the start of a word of
the product's document (most of them must match in a long query); a word that is in
no product is corrected to the nearest catalogue word (did you mean: pg_trgm on
PostgreSQL, the vocabulary on SQLite, search.spelling). Ranking adds the weight classes
(name > tags, category and motif > village and shop > description) and the same boosts
as Elasticsearch: a named category, a place, a price intent.
"""

import re
from dataclasses import dataclass
from functools import reduce

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils.html import escape

from marketplace import selectors
from marketplace.models import Product, ProductVariant
from search import filters, fulltext, spelling
from search.facets import build_facets
from search.params import PRICE_RANGES, ProductSearchParams, query_words
from search.results import ProductHit, ProductSearchResult, Suggestion
from search.understanding import synonyms_of, understand


def _visible():
    return selectors.product_list_visible()


def _words(q: str) -> list[str]:
    return query_words(q)


# (weight class, weight): what a matching word adds to the score, as the ES field
# boosts (name > tags, category and motif > village and shop > description).
CLASS_WEIGHTS = (("a", 8), ("b", 4), ("c", 2), ("d", 1))


def _unit_match(terms: tuple[str, ...]) -> Q:
    """The unit (or a synonym) anywhere in the product's document."""
    return fulltext.matches(terms)


def _unit_score(terms: tuple[str, ...]):
    parts = [
        Case(When(fulltext.matches(terms, cls), then=Value(weight)), default=Value(0))
        for cls, weight in CLASS_WEIGHTS
    ]
    return reduce(lambda a, b: a + b, parts)


def _in_category(content: str) -> Q:
    """All the content words in the category's name, in order, from a word start
    (the category named: "busana sasirangan"). Only scored on matched rows."""
    pattern = r"(^|[^a-z0-9])" + re.escape(content)
    return Q(category__name__iregex=pattern) | Q(category__name_en__iregex=pattern)


def _place_named(place) -> Q:
    """The place named in the product's village, shop or description."""
    return fulltext.matches((place.name,), "cd")


def _place_region(place) -> Q:
    return Q(vendor__region=place.region) if place.region else Q(pk__in=[])


PRICE_STEPS = {
    "low": [
        ("price_from__lte", 30_000, 3),
        ("price_from__lte", 60_000, 2),
        ("price_from__lte", 100_000, 1),
    ],
    "high": [
        ("price_from__gte", 500_000, 3),
        ("price_from__gte", 250_000, 2),
        ("price_from__gte", 100_000, 1),
    ],
}


@dataclass
class DbQuery:
    """A query as the database runs it: which rows match, how they score."""

    match: Q
    score: object
    corrected: str | None = None
    # The count of matched units, annotated as ``_matched`` only when ``match`` needs
    # it (a long query where most units suffice); None when the index alone decides.
    matched: object = None
    price: str = ""  # the price intent: equal scores rank cheaper ("low") or dearer


def _one(expression):
    return Case(When(expression, then=Value(1)), default=Value(0))


def build_db_query(q: str) -> DbQuery | None:
    """The match condition and score for ``q``; None when nothing can match (only
    generic words, or no words at all)."""
    intent = understand(q)
    if intent.matches_nothing or not intent.words:
        return None
    corrected_units, changed = [], False
    for unit in intent.content:
        fixed = spelling.correct(unit)
        changed = changed or fixed != unit
        corrected_units.append(fixed)
    unit_terms = [
        tuple(dict.fromkeys(synonyms_of(unit) + synonyms_of(fixed)))
        for unit, fixed in zip(intent.content, corrected_units, strict=True)
    ]
    if unit_terms:
        matched = reduce(lambda a, b: a + b, (_one(_unit_match(t)) for t in unit_terms))
        # The index narrows the rows first (every unit, or any unit of a long query,
        # in the GIN/FTS5 index); the count of matched units then applies the rule.
        if intent.required == len(unit_terms):
            # Every unit required: the index's AND is the whole rule, and no row
            # needs its units counted.
            match = reduce(lambda a, b: a & b, (_unit_match(t) for t in unit_terms))
            matched = None
        else:
            found = _unit_match(tuple(term for t in unit_terms for term in t))
            match = found & Q(_matched__gte=intent.required)
        score = reduce(lambda a, b: a + b, (_unit_score(t) for t in unit_terms))
        content = " ".join(corrected_units)
        score = score + Case(
            When(_in_category(content), then=Value(8)), default=Value(0)
        )
        score = score + Case(
            When(fulltext.matches((content,), "a"), then=Value(6)), default=Value(0)
        )
    else:
        # Only places: what is made there by name; the wider region only ranks.
        match = reduce(lambda a, b: a | b, (_place_named(p) for p in intent.places))
        matched = None
        score = Value(0)
    for place in intent.places:
        score = score + Case(When(_place_named(place), then=Value(4)), default=Value(0))
        score = score + Case(
            When(_place_region(place), then=Value(1)), default=Value(0)
        )
    for lookup, amount, boost in PRICE_STEPS.get(intent.price, []):
        score = score + Case(
            When(Q(**{lookup: amount}), then=Value(boost)), default=Value(0)
        )
    corrected = None
    if changed:
        words = list(intent.words)
        for unit, fixed in zip(intent.content, corrected_units, strict=True):
            if unit != fixed and unit in words:
                words[words.index(unit)] = fixed
        corrected = " ".join(words)
    return DbQuery(
        match=match,
        score=score,
        corrected=corrected,
        price=intent.price,
        matched=matched,
    )


def _filtered(queryset, params: ProductSearchParams, *, skip: str = ""):
    """Apply the user's filters (declared in search.filters) but the one named
    ``skip`` (a facet ignores its own filter); ``skip="all-facets"`` leaves out every
    facetable one. One ``filter()`` per filter, as each was written before."""
    skipped = filters.FACETABLE if skip == "all-facets" else {skip}
    for name, condition in filters.orm_conditions(params).items():
        if name not in skipped:
            queryset = queryset.filter(condition)
    return queryset


def _variant_totals():
    """``price_from`` and ``stock_total`` (as marketplace.selectors computes them) as
    correlated subqueries rather than a GROUP BY over the variants: the candidate
    rows can then be filtered, counted per facet and ranked with a LIMIT without
    aggregating the variants of every match; PostgreSQL evaluates the subqueries only
    where a filter or an order reads them, or for the page's rows."""
    active = ProductVariant.objects.filter(product=OuterRef("pk"), is_active=True)
    per_product = active.order_by().values("product")
    return {
        "price_from": Subquery(
            per_product.annotate(low=Min("price")).values("low")[:1]
        ),
        "stock_total": Subquery(
            per_product.annotate(
                sellable=Sum(F("stock") - F("held"), output_field=IntegerField())
            ).values("sellable")[:1]
        ),
    }


def _matching(params: ProductSearchParams, query: DbQuery | None = None):
    """The visible products that match the query: the rows the page, its total and its
    facets are computed from (unscored, no joins)."""
    queryset = Product.objects.visible().annotate(**_variant_totals())
    if params.q:
        if query is None:
            return queryset.none()
        if query.matched is not None:
            queryset = queryset.annotate(_matched=query.matched)
        queryset = queryset.filter(query.match)
    return queryset


def _base(params: ProductSearchParams, query: DbQuery | None = None):
    """The matching rows with their score (ranked in SQL, see _ranked)."""
    queryset = _matching(params, query)
    if params.q and query is not None:
        queryset = queryset.annotate(_score=query.score)
    return queryset


PRICE_ORDER = {
    "low": F("price_from").asc(nulls_last=True),
    "high": F("price_from").desc(nulls_last=True),
}


def _ranked(queryset, params: ProductSearchParams, query: DbQuery | None = None):
    if params.sort == "price_asc":
        return queryset.order_by(F("price_from").asc(nulls_last=True), "-id")
    if params.sort == "price_desc":
        return queryset.order_by(F("price_from").desc(nulls_last=True), "-id")
    if (
        params.q
        and params.sort == "relevance"
        and "_score" in queryset.query.annotations
    ):
        # "perhiasan murah": among equally good matches, the cheaper first (the
        # score's price steps alone cannot tell two rings above 100k apart).
        price = PRICE_ORDER.get(query.price) if query else None
        return queryset.order_by(
            "-_score",
            *([price] if price is not None else []),
            F("published_at").desc(nulls_last=True),
            "-id",
        )
    return queryset.order_by(F("published_at").desc(nulls_last=True), "-id")


def _highlight(text: str, q: str) -> str:
    """Escaped text with the query words wrapped in <mark>, like Elasticsearch's."""
    words = [re.escape(escape(word)) for word in _words(q)]
    safe = escape(text)
    if not words:
        return safe
    return re.sub(f"({'|'.join(words)})", r"<mark>\1</mark>", safe, flags=re.IGNORECASE)


FACET_SIZE = 20


def _facet_counts(
    matching, params: ProductSearchParams
) -> dict[str, list[tuple[str, int, str]]]:
    """Counts per facet, each ignoring its own filter (as Elasticsearch's filtered
    aggregations do), as SQL aggregates over every match: one GROUP BY per facet and one
    conditional count for the price ranges; only the 20 biggest values per facet
    reach Python."""
    raw: dict[str, list[tuple[str, int, str]]] = {}
    for name, facet in filters.TERM_FACETS.items():
        fields = facet.orm_fields
        key = fields[0]
        rows = (
            _filtered(matching, params, skip=name)
            .exclude(**{key: ""})
            .exclude(**{f"{key}__isnull": True})
            .order_by()
            .values(*fields)
            .annotate(_count=Count("pk"))
            .order_by("-_count", key)[:FACET_SIZE]
        )
        raw[name] = [
            (
                row[key],
                row["_count"],
                facet.bucket_label(row[key], [row[field] for field in fields[1:]])
                if facet.label
                else "",
            )
            for row in rows
        ]
    # The price ranges from the variants side: each matching product's lowest
    # active price once (one GROUP BY), then the ranges counted over those rows. A
    # correlated price subquery per range would cost PostgreSQL a plan big enough to
    # be JIT-compiled on every search (seconds).
    ids = _filtered(matching, params, skip="price").order_by().values("pk")
    lowest = (
        ProductVariant.objects.filter(product__in=ids, is_active=True)
        .order_by()
        .values("product")
        .annotate(low=Min("price"))
    )
    counts = lowest.aggregate(
        **{
            key: Count(
                "product",
                filter=Q(low__gte=low) & (Q(low__lt=high) if high is not None else Q()),
            )
            for key, low, high in PRICE_RANGES
        }
    )
    raw["price"] = [
        (key, counts[key], "") for key, _low, _high in PRICE_RANGES if counts[key]
    ]
    return raw


def _page(queryset, params: ProductSearchParams) -> list:
    """The page's products, ranked and cut in SQL (only the page's ids leave the
    database), then loaded with what a card needs in the ranked order."""
    ids = list(
        queryset.values_list("pk", flat=True)[
            params.offset : params.offset + params.per_page
        ]
    )
    products = (
        _visible().filter(pk__in=ids).prefetch_related("images__image__renditions")
    )
    by_id = {product.pk: product for product in products}
    return [by_id[pk] for pk in ids if pk in by_id]


def product_search_db(params: ProductSearchParams) -> ProductSearchResult:
    query = build_db_query(params.q) if params.q else None
    matching = _matching(params, query)
    queryset = _ranked(_filtered(_base(params, query), params), params, query)
    rows = _page(queryset, params)
    if params.page == 1 and len(rows) < params.per_page:
        total = len(rows)  # everything fits on the first page: no COUNT needed
    else:
        total = _filtered(matching, params).order_by().count()  # unscored
    hits = [_to_hit(product, params) for product in rows]
    return ProductSearchResult(
        query=params.q,
        backend="database",
        total=total,
        page=params.page,
        per_page=params.per_page,
        sort="relevance" if params.sort in ("rating", "distance") else params.sort,
        hits=hits,
        facets=build_facets(_facet_counts(matching, params), params),
        did_you_mean=query.corrected if query else None,
        related=related_db(params) if params.q and total == 0 else [],
    )


def _to_hit(product, params: ProductSearchParams) -> ProductHit:
    highlight = {"name": _highlight(product.name, params.q)} if params.q else {}
    return ProductHit(
        id=product.pk,
        name=product.name,
        slug=product.slug,
        kind=product.kind,
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


RELATED_LIMIT = 4


def related_db(params: ProductSearchParams) -> list[ProductHit]:
    """A few products sharing a word with a query that matched nothing, shown apart."""
    intent = understand(params.q)
    if not intent.content:
        return []  # generic words alone relate to everything, so to nothing
    match = reduce(
        lambda a, b: a | b, (_unit_match(synonyms_of(unit)) for unit in intent.content)
    )
    rows = (
        _visible()
        .filter(match)
        .order_by(F("published_at").desc(nulls_last=True), "-id")
    )
    return [_to_hit(product, params) for product in rows[:RELATED_LIMIT]]


def product_suggest_db(q: str, *, limit: int = 8) -> list[Suggestion]:
    """Names with the typed words at word starts, in order (the index's name class)."""
    rows = (
        Product.objects.visible()
        .filter(fulltext.matches((q,), "a"))
        .order_by("name")
        .values_list("name", "slug")[:limit]
    )
    return [Suggestion(text=name, slug=slug) for name, slug in rows]
