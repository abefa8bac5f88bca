"""Search endpoints of the JSON API, mounted at /api/v1/search/.

Every query parameter is declared in ``ProductSearchIn`` (types and bounds, so the
OpenAPI schema documents them and an out-of-range value is a 422 before any engine
runs); ``search.params.parse_product_params``, shared with the search page, then applies
the rules between parameters (price_min <= price_max, sort=distance needs near), also
answered 422. Errors are ``core.api.ErrorOut``.
"""

import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from core.api import ApiError, errors
from marketplace.limits import INT_MAX, InputSchema
from search import selectors, services
from search.params import (
    DEFAULT_KM,
    MAX_KM,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    PER_PAGE,
    SearchParamsError,
    clean_query,
    parse_product_params,
)

router = Router(tags=["search"])

# The search page's slug rule (search.params.SLUG_RE), empty meaning "any".
FilterSlug = Field("", max_length=100, pattern=r"^[-a-zA-Z0-9_]*$")
# Wagtail page ids are 32-bit integers.
PAGE_ID_MAX = 2**31 - 1


class ProductSearchIn(InputSchema):
    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Words to find")
    kind: Literal["goods", "experience"] | None = Field(
        None, description="Goods or experiences only"
    )
    category: str = FilterSlug
    vendor: str = FilterSlug
    region: str = FilterSlug
    technique: str = FilterSlug
    dye: str = FilterSlug
    motif: str = Field("", max_length=120)
    village: str = Field("", max_length=120)
    price_min: int | None = Field(None, ge=0, le=INT_MAX, description="Rupiah")
    price_max: int | None = Field(
        None, ge=0, le=INT_MAX, description="Rupiah, not below price_min"
    )
    in_stock: bool | None = None
    date_from: dt.date | None = Field(
        None,
        description="YYYY-MM-DD: experiences with an open session on or after this "
        "day (site time zone); a date means experiences only",
    )
    date_to: dt.date | None = Field(
        None, description="YYYY-MM-DD: ... on or before this day, not before date_from"
    )
    sort: Literal[
        "relevance", "price_asc", "price_desc", "newest", "rating", "distance"
    ] = Field("relevance", description="distance needs near")
    page: int = Field(1, ge=1, le=MAX_RESULT_WINDOW // PER_PAGE)
    near: int | None = Field(None, ge=1, le=PAGE_ID_MAX, description="Destination id")
    km: int = Field(DEFAULT_KM, ge=1, le=MAX_KM, description="Distance from near")

    def as_query(self) -> dict[str, str]:
        """The values as the search page's parser reads them (strings)."""
        data = {}
        for name, value in self.dict(exclude_none=True).items():
            data[name] = str(value).lower() if isinstance(value, bool) else str(value)
        return data


class NamedOut(Schema):
    slug: str
    name: str


class HitOut(Schema):
    id: int
    name: str
    slug: str
    kind: str = Field(description="goods or experience")
    price: int | None
    in_stock: bool
    vendor: NamedOut
    category: NamedOut
    region: str
    technique: str
    dye: str
    village: str
    rating: float
    score: float | None
    highlight: dict[str, str]
    distance_km: float | None
    url: str


class FacetBucketOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class ProductSearchOut(Schema):
    query: str
    backend: str = Field(description="elasticsearch or database")
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    did_you_mean: str | None
    related: list[HitOut] = Field(description="Only when nothing matched")
    results: list[HitOut]
    facets: dict[str, list[FacetBucketOut]]


class SuggestIn(InputSchema):
    q: str = Field("", max_length=100, description="First letters (two or more)")


class SuggestionOut(Schema):
    text: str
    slug: str
    url: str


class SuggestOut(Schema):
    query: str
    backend: str
    suggestions: list[SuggestionOut]


def _invalid(exc: SearchParamsError) -> ApiError:
    return ApiError(
        422,
        code="invalid",
        message=_("Some search parameters are not valid."),
        fields={name: [str(message)] for name, message in exc.errors.items()},
    )


@router.get(
    "/products",
    response={200: ProductSearchOut, **errors(404, 422)},
    summary="Search products",
    description="Full-text product search with facets (each facet ignores its own "
    "filter); related products only when nothing matched.",
)
def products(request, query: Query[ProductSearchIn]):
    try:
        params = parse_product_params(query.as_query())
    except SearchParamsError as exc:
        raise _invalid(exc) from exc
    try:
        result = selectors.product_search(params=params)
    except SearchParamsError as exc:
        # Well-formed but naming nothing (``near``: no such destination): a 404.
        raise ApiError(
            404,
            code="not_found",
            message=_("No published destination with a map location has this id."),
            fields={name: [str(message)] for name, message in exc.errors.items()},
        ) from exc
    if params.q and params.page == 1:
        services.search_query_record(q=params.q, results=result.total)
    return result.as_json()


@router.get(
    "/suggest",
    response={200: SuggestOut, **errors(422)},
    summary="Autocomplete product names",
    description="Product names matching the first letters typed (from two letters).",
)
def suggest(request, query: Query[SuggestIn]):
    backend, suggestions = selectors.product_suggest(q=query.q)
    return {
        "query": clean_query(query.q, limit=100),
        "backend": backend,
        "suggestions": [
            {"text": item.text, "slug": item.slug, "url": item.url}
            for item in suggestions
        ],
    }
