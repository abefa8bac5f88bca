"""Search endpoints of the JSON API, mounted at /api/v1/search/.

Parameters are parsed by search.params so that every bad value gets a 422 naming the
parameter, in the same shape on every endpoint: {"detail": "...", "errors": {name:
message}}.
"""

from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status

from search import selectors, services
from search.params import SearchParamsError, clean_query, parse_product_params

router = Router(tags=["search"])


def _invalid(exc: SearchParamsError):
    return Status(
        422,
        {"detail": _("Some search parameters are not valid."), "errors": exc.errors},
    )


@router.get(
    "/products",
    response={200: dict, 422: dict},
    summary="Search products",
    description=(
        "Full-text product search with facets. Query parameters: q, category, vendor, "
        "region, technique, dye, motif, village, price_min, price_max, in_stock (true/false), "
        "sort (relevance, price_asc, price_desc, newest, rating, distance), page, "
        "near (destination page id) and km (distance from it, default 25)."
    ),
)
def products(request):
    try:
        params = parse_product_params(request.GET)
        result = selectors.product_search(params=params)
    except SearchParamsError as exc:
        return _invalid(exc)
    if params.q and params.page == 1:
        services.search_query_record(q=params.q, results=result.total)
    return Status(200, result.as_json())


@router.get(
    "/suggest",
    response={200: dict},
    summary="Autocomplete product names",
    description="Product names matching the first letters typed (from two letters).",
)
def suggest(request, q: str = ""):
    backend, suggestions = selectors.product_suggest(q=q)
    return Status(
        200,
        {
            "query": clean_query(q, limit=100),
            "backend": backend,
            "suggestions": [
                {"text": item.text, "slug": item.slug, "url": item.url}
                for item in suggestions
            ],
        },
    )
