"""The site-wide search page at /cari/ (/en/cari/): products with facets, then
destinations, events and stories in the visitor's language. Parsing and querying live in
search.params and search.selectors; this view only shapes links for the template."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace import selectors as marketplace_selectors
from search import selectors, services
from search.filters import FACET_TITLES
from search.params import (
    MAX_QUERY_LENGTH,
    PRICE_RANGES,
    SORTS,
    ProductSearchParams,
    SearchParamsError,
    clean_query,
    parse_product_params,
)

SORT_LABELS = {
    "relevance": _("Best match"),
    "price_asc": _("Price: low to high"),
    "price_desc": _("Price: high to low"),
    "newest": _("Newest"),
    "rating": _("Best rated"),
    "distance": _("Nearest"),
}
DISTANCES = (5, 10, 25, 50, 100)


def _query_string(current, **changes) -> str:
    """The current query string with some parameters changed (None removes one)."""
    query = current.copy()
    query.pop("page", None)
    for key in [key for key, value in query.items() if value == ""]:
        query.pop(key)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _facet_groups(result, current) -> list[dict]:
    groups = []
    price_bounds = {key: (low, high) for key, low, high in PRICE_RANGES}
    for name, buckets in result.facets.items():
        if not buckets:
            continue
        items = []
        for bucket in buckets:
            if name == "price":
                low, high = price_bounds[bucket.value]
                href = (
                    _query_string(current, price_min=None, price_max=None)
                    if bucket.selected
                    else _query_string(
                        current,
                        price_min=low or None,
                        price_max=(high - 1) if high else None,
                    )
                )
            else:
                href = _query_string(
                    current, **{name: None if bucket.selected else bucket.value}
                )
            items.append({"bucket": bucket, "href": href})
        groups.append({"name": name, "title": FACET_TITLES[name], "items": items})
    return groups


def _product_cards(hits) -> list:
    """Products for the cards, in the order search ranked them (three queries in all)."""
    if hits and all(hit.product is not None for hit in hits):
        for hit in hits:
            hit.product.search_hit = hit
        return [hit.product for hit in hits]
    ids = [hit.id for hit in hits]
    if not ids:
        return []
    products = (
        marketplace_selectors.product_list_visible()
        .filter(pk__in=ids)
        .prefetch_related("images__image__renditions")
    )
    by_id = {product.pk: product for product in products}
    cards = []
    for hit in hits:
        product = by_id.get(hit.id)
        if product is not None:  # the index may lag the database by a moment
            product.search_hit = hit
            cards.append(product)
    return cards


def results(request):
    errors: dict[str, str] = {}
    try:
        params = parse_product_params(request.GET)
        outcome = selectors.site_search(params=params)
    except SearchParamsError as exc:
        errors = exc.errors
        params = ProductSearchParams(
            q=clean_query(request.GET.get("q", ""), limit=MAX_QUERY_LENGTH)
        )
        outcome = selectors.site_search(params=params)
    products = outcome.products
    if params.q and params.page == 1 and products is not None:
        services.search_query_record(q=params.q, results=products.total)
    pages = products.pages if products else 1
    context = {
        "search_query": params.q,
        "params": params,
        "errors": errors,
        "outcome": outcome,
        "products": products,
        "cards": _product_cards(products.hits) if products else [],
        "related_cards": _product_cards(products.related) if products else [],
        "destinations": selectors.destination_choices(),
        "distances": DISTANCES,
        "facet_groups": _facet_groups(products, request.GET) if products else [],
        "sorts": [
            (key, SORT_LABELS[key]) for key in SORTS if key != "distance" or params.near
        ],
        "has_filters": params.has_filters(),
        "clear_filters_href": _query_string(
            request.GET.__class__(mutable=True), q=params.q or None
        ),
        "previous_href": _query_string(request.GET, page=params.page - 1)
        if params.page > 1
        else None,
        "next_href": _query_string(request.GET, page=params.page + 1)
        if params.page < pages
        else None,
        "did_you_mean_href": _query_string(
            request.GET.__class__(mutable=True), q=products.did_you_mean
        )
        if products and products.did_you_mean
        else None,
    }
    return render(request, "search/results.html", context)


@csrf_exempt  # a beacon from the results page; it only adds one to an aggregate count
@require_POST
def result_click(request):
    """Count a click on a search result (sent with navigator.sendBeacon)."""
    services.search_click_record(q=str(request.POST.get("q", ""))[:1000])
    return HttpResponse(status=204)
