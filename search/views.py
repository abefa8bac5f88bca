"""The site-wide search page at /cari/ (/en/cari/): products with facets, then
destinations, events and stories in the visitor's language. Parsing and querying live in
search.params and search.selectors; this view shapes links for the template and serves
the page's content as a shared fragment (see ``results``). Every link on the page is built
from the parsed parameters (``_link_params``), never from ``request.GET``: the fragment is
shared by every request that parses to the same parameters."""

import functools
from dataclasses import fields
from datetime import date

from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import localdate
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import generations
from marketplace import selectors as marketplace_selectors
from marketplace.fragments import forbid_sharing, fragment_cache_key
from search import engine, selectors, services
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
# Parameters never written into the page's links: the page number (each link sets its
# own) and the page size (not a URL parameter).
LINK_EXCLUDED = ("page", "per_page")


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


def _link_params(params: ProductSearchParams) -> QueryDict:
    """The search as a query string of its parsed, non-default parameters, the base of
    every link on the page. Links built from the parameters rather than from the raw
    request make the page a function of the parameters alone (stray or empty
    parameters, their order and extra spaces in the query change nothing), which is
    what lets the results be shared as one fragment (see ``results``). Generic over
    the dataclass's fields so a new filter needs no change here."""
    query = QueryDict(mutable=True)
    for spec in fields(params):
        if not spec.compare or spec.name in LINK_EXCLUDED:
            continue
        value = getattr(params, spec.name)
        if value in (None, "") or value == spec.default:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, date):
            value = value.isoformat()
        if isinstance(value, list | tuple):
            query.setlist(spec.name, [str(item) for item in value])
        else:
            query[spec.name] = str(value)
    return query


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
    """The search page. Everything in its content block is the same for every visitor
    who sends the same parameters, so it is one shared fragment (marketplace.fragments,
    the template's ``search_page``) keyed by the parsed parameters, the language, the
    host, both generation tokens (a product, stock, shop or page change replaces them,
    so it shows at once) and the day (a shop's holiday notice on the cards).

    Beside the fragment sits a small entry with what the search-insight counter needs
    (the query and its number of products). The first search of its kind only writes
    that entry: a stream of searches that are each made once (a crawler, a flood of
    random words) never fills the cache with pages nobody asks for again. From the
    second on, the context below stays lazy: the fragment is stored, then served, and
    the search is not run at all. A page whose parameters did not parse, or whose
    products came from the database because Elasticsearch did not answer, is never
    stored."""
    try:
        params = parse_product_params(request.GET)
        errors: dict[str, str] = {}
    except SearchParamsError as exc:
        params = ProductSearchParams(
            q=clean_query(request.GET.get("q", ""), limit=MAX_QUERY_LENGTH)
        )
        errors = exc.errors
    key = "" if errors else _fragment_key(request, params)
    build = functools.cache(lambda: _results_context(request, params, errors))
    counted = cache.get(_count_cache_key(key)) if key else None
    if counted is None:
        context = dict(build())
        counted = context.pop("count")
        if key and not context["degraded"]:
            cache.set(_count_cache_key(key), counted, FRAGMENT_SECONDS)
        key = ""  # seen once: not worth a fragment yet
    else:
        context = {
            name: SimpleLazyObject(functools.partial(_item, build, name))
            for name in RESULTS_CONTEXT
        }
    context.update(
        search_query=params.q,
        search_count=counted,
        search_fragment=key,
        search_fragment_seconds=FRAGMENT_SECONDS,
    )
    response = render(request, "search/results.html", context)
    # Anonymous pages go to the shared HTTP cache (banua.edge_cache), except answers
    # that must not outlive the moment: bad parameters, or the database's answer
    # while Elasticsearch was down.
    built_now = build.cache_info().currsize > 0
    if errors or (built_now and build()["degraded"]):
        patch_cache_control(response, private=True)
    return response


#: Seconds a search page's results stay a shared fragment; a change to what they show
#: retires them sooner (generation tokens).
FRAGMENT_SECONDS = 300

RESULTS_CONTEXT = (
    "params",
    "errors",
    "outcome",
    "products",
    "cards",
    "related_cards",
    "destinations",
    "distances",
    "facet_groups",
    "sorts",
    "has_filters",
    "clear_filters_href",
    "previous_href",
    "next_href",
    "did_you_mean_href",
)


def _item(build, name):
    return build()[name]


def _fragment_key(request, params: ProductSearchParams) -> str:
    return "|".join(
        (
            _link_params(params).urlencode(),
            str(params.page),
            get_language(),
            request.get_host(),
            generations.fragment_key(),
            localdate().isoformat(),
        )
    )


def _count_cache_key(key: str) -> str:
    return fragment_cache_key("search_count", key)


def _results_context(
    request, params: ProductSearchParams, errors: dict[str, str]
) -> dict:
    """Everything the content block shows, plus ``count`` (what the search-insight
    counter records) and ``degraded`` (answered by the database in place of a
    configured Elasticsearch: shown, never stored, even when found only while the
    fragment renders)."""
    errors = dict(errors)
    try:
        outcome = selectors.site_search(params=params)
    except SearchParamsError as exc:  # the destination of ``near`` is not published
        errors.update(exc.errors)
        params = ProductSearchParams(q=params.q)
        outcome = selectors.site_search(params=params)
    products = outcome.products
    degraded = bool(
        products and products.backend != "elasticsearch" and engine.is_configured()
    )
    if degraded:
        forbid_sharing(request)
    links = _link_params(params)
    pages = products.pages if products else 1
    return {
        "params": params,
        "errors": errors,
        "outcome": outcome,
        "products": products,
        "cards": _product_cards(products.hits) if products else [],
        "related_cards": _product_cards(products.related) if products else [],
        "destinations": selectors.destination_choices(),
        "distances": DISTANCES,
        "facet_groups": _facet_groups(products, links) if products else [],
        "sorts": [
            (key, SORT_LABELS[key]) for key in SORTS if key != "distance" or params.near
        ],
        "has_filters": params.has_filters(),
        "clear_filters_href": _query_string(
            QueryDict(mutable=True), q=params.q or None
        ),
        "previous_href": _query_string(links, page=params.page - 1)
        if params.page > 1
        else None,
        "next_href": _query_string(links, page=params.page + 1)
        if params.page < pages
        else None,
        "did_you_mean_href": _query_string(
            QueryDict(mutable=True), q=products.did_you_mean
        )
        if products and products.did_you_mean
        else None,
        "count": {
            "q": params.q if params.q and params.page == 1 and products else "",
            "total": products.total if products else 0,
        },
        "degraded": degraded,
    }


@csrf_exempt  # a beacon from the results page; it only adds one to an aggregate count
@require_POST
def result_seen(request):
    """Count a search (sent with navigator.sendBeacon when its first page is shown).

    The page itself may come from the shared HTTP cache, which Django never sees, so
    the browser reports each search rather than the view: visitors without JavaScript
    and crawlers are not counted."""
    try:
        total = int(request.POST.get("total", ""))
    except ValueError:
        return HttpResponse(status=400)
    if total < 0:
        return HttpResponse(status=400)
    services.search_query_record(q=str(request.POST.get("q", ""))[:1000], results=total)
    return HttpResponse(status=204)


@csrf_exempt  # a beacon from the results page; it only adds one to an aggregate count
@require_POST
def result_click(request):
    """Count a click on a search result (sent with navigator.sendBeacon)."""
    services.search_click_record(q=str(request.POST.get("q", ""))[:1000])
    return HttpResponse(status=204)
