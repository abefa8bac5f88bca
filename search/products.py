"""Product search on Elasticsearch: the only place that builds product queries.

Relevance: an Indonesian-analysed match (with synonyms) across fields boosted name >
tags > category and provenance > the other words (``details``), an English sub-field
match, a match on the unstemmed words (fuzzy, for typos, only when the words as typed
find nothing: search_response), and a phrase bonus on the name. User filters go in a
post_filter so every facet counts as if its own filter were not set (the usual "refine"
behaviour), while the query itself and the always-applied rule (visible) shape every
count.
"""

from django.conf import settings
from elasticsearch.dsl import A, Q, Search

from search import engine, filters, indexing
from search.facets import build_facets
from search.params import PRICE_RANGES, ProductSearchParams, query_words
from search.results import ProductHit, ProductSearchResult, Suggestion
from search.understanding import Place, QueryIntent, understand

# The low-weight fields (village, shop, provenance, description, motif meaning) are
# read through the ``details`` field they are copied into (search/documents.py).
ID_FIELDS = [
    "name^8",
    "tags^4",
    "category_name^3",
    "motif_name^3",
    "provenance^1",
    "details^2",
]
EN_FIELDS = [
    "name.en^6",
    "tags.en^3",
    "category_name_en^2",
    "provenance.en^1",
    "details.en^0.8",
]
# Few fields on purpose: fuzzy expansion is the costliest part of the query.
FUZZY_FIELDS = [
    "name.exact^4",
    "tags.exact^2",
    "motif_name.exact^1.5",
]
FACET_SIZE = 20


def _unstemmed_match(text: str, *, fuzzy: bool, boost: float = 1.0) -> Q:
    """The words of ``text`` unstemmed in the name, tags and motif: a bonus for the
    word as written; with ``fuzzy``, also one or two typos away (after the first
    letter), which is what finds a misspelt word."""
    typos = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 10}
    return Q(
        "multi_match",
        query=text,
        fields=FUZZY_FIELDS,
        type="most_fields",
        boost=boost,
        **(typos if fuzzy else {}),
    )


def _unit_query(unit: str, *, fuzzy: bool = True) -> Q:
    """One thing the shopper named, in any field, language or spelling (typos
    forgiven only with ``fuzzy``)."""
    should = [
        Q("multi_match", query=unit, fields=ID_FIELDS, type="most_fields"),
        Q("multi_match", query=unit, fields=EN_FIELDS, type="most_fields", boost=0.6),
        _unstemmed_match(unit, fuzzy=fuzzy, boost=0.5),
    ]
    return Q("bool", should=should, minimum_should_match=1)


def _place_query(place: Place, *, boost: float = 1.0) -> Q:
    """Made in that place: the village, the shop's name or region, the description."""
    should = [
        Q("match", village={"query": place.name, "operator": "and", "boost": 3}),
        Q("match", vendor_name={"query": place.name, "operator": "and", "boost": 2}),
        Q("match", description={"query": place.name, "operator": "and"}),
    ]
    if place.region:
        should.append(Q("term", region={"value": place.region, "boost": 2}))
    return Q("bool", should=should, minimum_should_match=1, boost=boost)


# Price intent: cheaper (or dearer) products earn a little more, in steps.
PRICE_STEPS = {
    "low": [({"lte": 30_000}, 3), ({"lte": 60_000}, 2), ({"lte": 100_000}, 1)],
    "high": [({"gte": 500_000}, 3), ({"gte": 250_000}, 2), ({"gte": 100_000}, 1)],
}


def _boosts(q: str, intent: QueryIntent) -> list[Q]:
    boosts = [Q("match_phrase", **{"name.exact": {"query": q, "slop": 2, "boost": 6}})]
    if intent.content:
        # A query that names a category ("busana sasirangan", "food") ranks that
        # category's products first.
        boosts.append(
            Q(
                "multi_match",
                query=intent.content_text,
                fields=["category_name", "category_name_en"],
                operator="and",
                boost=4,
            )
        )
    boosts += [_place_query(place, boost=1.5) for place in intent.places]
    if intent.generic:
        words = " ".join(intent.generic)
        boosts.append(
            Q(
                "multi_match",
                query=words,
                fields=ID_FIELDS,
                type="most_fields",
                boost=0.3,
            )
        )
    for bounds, boost in PRICE_STEPS.get(intent.price, []):
        boosts.append(Q("range", price={**bounds, "boost": boost}))
    return boosts


def text_query(q: str, *, fuzzy: bool = True) -> Q:
    """Scoring part of the query; matches everything when ``q`` is empty.

    What matches is decided by the query's content words only (most of them must
    match); places, generic shopping words, a named category and a price intent only
    add to the score. See search.understanding. Without ``fuzzy``, a word matches
    as written (stemmed, in Indonesian or English, or a synonym), not with a typo.
    """
    if not q:
        return Q("match_all")
    intent = understand(q)
    if intent.content:
        required = Q(
            "bool",
            should=[_unit_query(unit, fuzzy=fuzzy) for unit in intent.content],
            minimum_should_match=intent.required,
        )
    elif intent.places:
        required = Q(
            "bool",
            should=[_place_query(place) for place in intent.places],
            minimum_should_match=1,
        )
    else:
        return Q("match_none")
    return Q("bool", must=[required], should=_boosts(q, intent))


def related_query(q: str) -> Q:
    """Any content word of the query, typos forgiven: the "related products" shown
    apart when nothing matches, never as results."""
    words = understand(q).content_text
    if not words:
        return Q("match_none")  # generic words alone relate to everything
    return Q(
        "bool",
        should=[
            Q("multi_match", query=words, fields=ID_FIELDS, type="most_fields"),
            Q("multi_match", query=words, fields=EN_FIELDS, type="most_fields"),
            _unstemmed_match(words, fuzzy=True),
        ],
        minimum_should_match=1,
    )


def _filter_clauses(params: ProductSearchParams) -> dict[str, Q]:
    """The user's filters by name (declared in search.filters); the facet of that name
    ignores its own clause."""
    return filters.es_clauses(params)


# The aggregation holding every facet whose own filter is not set (see _facet_aggs).
SHARED_FACETS = "shared"


def _facet_agg(name: str) -> A:
    if name == "price":
        return A(
            "range",
            field="price",
            keyed=False,
            ranges=[
                {"key": key, "from": low, **({"to": high} if high else {})}
                for key, low, high in PRICE_RANGES
            ],
        )
    # No bucket for the empty value (a product without a technique or dye): the
    # database engine has none either, and "" is no filter a shopper can pick.
    return A(
        "terms",
        field=filters.TERM_FACETS[name].es_field,
        size=FACET_SIZE,
        exclude=[""],
    )


def _facet_aggs(search: Search, clauses: dict[str, Q]) -> Search:
    """Each facet counts what every filter but its own lets through.

    A facet whose filter is not set sees every filter, so all of those share one
    filter aggregation (none at all when no filter is set); only a facet whose own
    filter is set gets one of its own. One filter aggregation per facet (six, each
    running over every match) was about a third of an uncached search at 100k
    products; grouped, the facets cost half as much, with the same counts (README,
    "Search speed").
    """
    shared = []
    for name in (*filters.TERM_FACETS, "price"):
        if name not in clauses:
            shared.append(name)
            continue
        others = [clause for key, clause in clauses.items() if key != name]
        own = A("filter", Q("bool", filter=others))
        own.bucket("values", _facet_agg(name))
        search.aggs.bucket(name, own)
    if clauses and shared:
        group = A("filter", Q("bool", filter=list(clauses.values())))
        for name in shared:
            group.bucket(name, _facet_agg(name))
        search.aggs.bucket(SHARED_FACETS, group)
    else:
        for name in shared:
            search.aggs.bucket(name, _facet_agg(name))
    return search


def _facet_buckets(aggs: dict, name: str) -> list[dict]:
    """A facet's buckets wherever _facet_aggs put it."""
    agg = aggs.get(name) or aggs.get(SHARED_FACETS, {}).get(name) or {}
    return agg.get("values", agg).get("buckets", [])


def _sorted(search: Search, params: ProductSearchParams) -> Search:
    newest = {"published_at": {"order": "desc", "missing": "_last"}}
    if params.sort == "price_asc":
        return search.sort({"price": {"order": "asc", "missing": "_last"}}, "_score")
    if params.sort == "price_desc":
        return search.sort({"price": {"order": "desc", "missing": "_last"}}, "_score")
    if params.sort == "newest":
        return search.sort(newest, "_score")
    if params.sort == "rating":
        return search.sort(
            {"rating": {"order": "desc"}}, {"rating_count": {"order": "desc"}}, "_score"
        )
    if params.sort == "distance" and params.near_point is not None:
        lat, lon = params.near_point
        return search.sort(
            {"_geo_distance": {"location": {"lat": lat, "lon": lon}, "unit": "km"}}
        )
    return search.sort("_score", newest, {"id": "desc"})


def _request_cache() -> bool:
    """Whether searches ask for the shard request cache (``ELASTICSEARCH_REQUEST_CACHE``,
    default on; the search benchmark turns it off to measure what it buys)."""
    return bool(getattr(settings, "ELASTICSEARCH_REQUEST_CACHE", True))


def build_search(
    params: ProductSearchParams, *, client=None, fuzzy: bool = True
) -> Search:
    """The product search request; with ``fuzzy``, words also match with a typo
    (the scoring query and the highlight)."""
    clauses = _filter_clauses(params)
    search = Search(using=client, index=indexing.alias_name())
    search = search.query(
        Q(
            "bool",
            must=[text_query(params.q, fuzzy=fuzzy)],
            filter=[Q("term", visible=True)],
        )
    )
    if clauses:
        search = search.post_filter(Q("bool", filter=list(clauses.values())))
    search = _facet_aggs(search, clauses)
    search = _sorted(search, params)
    if params.q:
        # A highlight query of its own: highlighting the whole scoring query (fuzzy
        # expansions over four fields) costs seconds; this one costs milliseconds.
        should = [Q("multi_match", query=params.q, fields=["name", "description"])]
        if fuzzy:
            should.append(
                Q(
                    "multi_match",
                    query=params.q,
                    fields=["name.exact", "description.exact"],
                    fuzziness="AUTO",
                    prefix_length=1,
                    max_expansions=10,
                )
            )
        highlight_query = Q("bool", should=should)
        search = search.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            number_of_fragments=1,
            fragment_size=140,
            highlight_query=highlight_query.to_dict(),
            require_field_match=False,
        ).highlight("name", "description")
    search = search.extra(track_total_hits=True)
    # The shard request cache keeps the query phase (hits, total, facets) of a
    # search already asked since the last refresh that changed the shard: shoppers
    # repeat the same few queries, and a repeat then costs the fetch phase only.
    # Nothing here depends on the clock, so a cached answer is the answer.
    search = search.params(request_cache=_request_cache())
    return search[params.offset : params.offset + params.per_page]


def _hit(raw: dict, params: ProductSearchParams) -> ProductHit:
    source = raw["_source"]
    highlight = {}
    for field, fragments in (raw.get("highlight") or {}).items():
        key = field.split(".")[0]
        highlight.setdefault(key, fragments[0])
    distance = None
    if params.sort == "distance" and raw.get("sort"):
        distance = round(float(raw["sort"][0]), 1)
    return ProductHit(
        id=int(raw["_id"]),
        name=source["name"],
        slug=source.get("slug") or "",
        kind=source.get("kind") or "goods",
        price=source.get("price"),
        in_stock=bool(source.get("in_stock")),
        vendor={
            "slug": source.get("vendor", ""),
            "name": source.get("vendor_name", ""),
        },
        category={
            "slug": source.get("category", ""),
            "name": source.get("category_name", ""),
        },
        region=source.get("region", ""),
        technique=source.get("technique") or "",
        dye=source.get("dye") or "",
        village=source.get("village") or "",
        rating=float(source.get("rating") or 0.0),
        score=raw.get("_score"),
        highlight=highlight,
        distance_km=distance,
    )


def did_you_mean(q: str, *, client) -> str | None:
    """A corrected query from the term suggester on the unstemmed words, or None."""
    words = " ".join(query_words(q))
    if not words:
        return None
    search = Search(using=client, index=indexing.alias_name()).extra(size=0)
    search = search.suggest(
        "spelling",
        words,
        term={
            "field": "spelling",
            "suggest_mode": "always",
            "min_word_length": 3,
            # The fuzzy query already forgives typos after the first letter; here the
            # first letter may be wrong too, which is when nothing matched.
            "prefix_length": 0,
            "max_edits": 2,
        },
    )
    response = search.execute().to_dict()
    words, changed = [], False
    for entry in response.get("suggest", {}).get("spelling", []):
        options = entry.get("options") or []
        if options and options[0]["text"] != entry["text"]:
            words.append(options[0]["text"])
            changed = True
        else:
            words.append(entry["text"])
    return " ".join(words) if changed else None


def _facet_bucket(name: str, bucket: dict) -> tuple[str, int, str]:
    """(value, count, label); a facet labelled from its rows has keys
    "slug|name[|name_en]" (search.filters.Facet)."""
    key, count = bucket["key"], bucket["doc_count"]
    facet = filters.TERM_FACETS[name]
    if facet.label is None:
        return key, count, ""
    value, *parts = key.split("|", len(facet.orm_fields) - 1)
    return value, count, facet.bucket_label(value, parts)


# A search that finds fewer products than this with the words as typed (none) is asked
# again with typos forgiven (search_response).
FUZZY_BELOW = 1


def search_response(params: ProductSearchParams, *, client) -> dict:
    """The raw response of a product search: first without the fuzzy clauses, and
    again with them only when that found fewer than FUZZY_BELOW products.

    The fuzzy match (its term expansions scored on three fields for every word) and
    the highlighter's fuzzy query were about a third of an uncached search's time on
    the node at 100k products (README, "Search speed"), yet they only change what a
    search finds when a word is misspelt, and a misspelt word finds little as typed.
    So a query whose words match as typed costs one request without them; a typo
    costs that (cheap, nearly empty) request and the fuzzy one.
    """
    response = build_search(params, client=client, fuzzy=False).execute().to_dict()
    if params.q and response["hits"]["total"]["value"] < FUZZY_BELOW:
        took = response["took"]
        response = build_search(params, client=client).execute().to_dict()
        response["took"] += took  # the node's time for the search: both requests
    return response


def product_search_es(params: ProductSearchParams) -> ProductSearchResult:
    """Raises the client's transport errors; the caller falls back to the database."""
    client = engine.get_client()
    return search_result(search_response(params, client=client), params, client=client)


def search_result(
    response: dict, params: ProductSearchParams, *, client
) -> ProductSearchResult:
    """The typed result of a product search's response (the benchmark times variants
    of the request through it)."""
    aggs = response.get("aggregations", {})
    raw_facets = {
        name: [_facet_bucket(name, bucket) for bucket in _facet_buckets(aggs, name)]
        for name in filters.TERM_FACETS
    }
    raw_facets["price"] = [
        (bucket["key"], bucket["doc_count"], "")
        for bucket in _facet_buckets(aggs, "price")
        if bucket["doc_count"]
    ]
    hits = [_hit(raw, params) for raw in response["hits"]["hits"]]
    total = response["hits"]["total"]["value"]
    suggestion, related = None, []
    if total == 0 and params.q:
        suggestion = did_you_mean(params.q, client=client)
        related = related_es(params, client=client)
    return ProductSearchResult(
        query=params.q,
        backend="elasticsearch",
        total=total,
        page=params.page,
        per_page=params.per_page,
        sort=params.sort,
        hits=hits,
        facets=build_facets(raw_facets, params),
        did_you_mean=suggestion,
        related=related,
    )


RELATED_LIMIT = 4


def related_es(params: ProductSearchParams, *, client) -> list[ProductHit]:
    """A few products sharing a word with a query that matched nothing."""
    search = Search(using=client, index=indexing.alias_name()).query(
        Q("bool", must=[related_query(params.q)], filter=[Q("term", visible=True)])
    )
    response = search[:RELATED_LIMIT].execute().to_dict()
    return [_hit(raw, params) for raw in response["hits"]["hits"]]


def build_suggest(q: str, *, limit: int = 8, fuzzy: bool = False) -> Search:
    """Names starting with what was typed; with ``fuzzy``, also names one or two typos
    away once 4 letters are typed, ranked below the exact ones."""
    should = [
        Q("match", **{"name.autocomplete": {"query": q, "operator": "and"}}),
        Q("match_phrase_prefix", **{"name.exact": {"query": q, "boost": 2}}),
    ]
    if fuzzy:
        should.append(
            Q(
                "match",
                **{
                    "name.autocomplete": {
                        "query": q,
                        "operator": "and",
                        "fuzziness": "AUTO:4,7",
                        "prefix_length": 1,
                        "boost": 0.3,
                    }
                },
            )
        )
    search = Search(using=engine.get_client(), index=indexing.alias_name()).query(
        Q(
            "bool",
            should=should,
            minimum_should_match=1,
            filter=[Q("term", visible=True)],
        )
    )
    # Autocomplete asks the same prefixes ("ka", "kai", ...) over and over: the
    # request cache answers a repeat without running the match again. Nobody
    # reads the total, so it is not counted.
    search = search.source(["name", "slug"]).params(request_cache=_request_cache())
    return search.extra(track_total_hits=False)[:limit]


def product_suggest_es(q: str, *, limit: int = 8) -> list[Suggestion]:
    """Names that start with what was typed (edge n-grams), with typos allowed once
    4 letters are typed.

    The fuzzy match over the edge n-grams is most of the cost of a suggestion
    (p50 5.5 against 2 ms on the node at 100k products), and it only ranks a typo's
    matches below what was typed exactly. So the exact match goes first, and the
    fuzzy one is asked only when that did not fill the list: a prefix with enough
    exact matches costs one cheap request, a typo costs the cheap one (empty or
    short) and the fuzzy one.
    """
    hits = build_suggest(q, limit=limit).execute().to_dict()["hits"]["hits"]
    if len(hits) < limit:
        search = build_suggest(q, limit=limit, fuzzy=True)
        hits = search.execute().to_dict()["hits"]["hits"]
    return [
        Suggestion(text=hit["_source"]["name"], slug=hit["_source"].get("slug", ""))
        for hit in hits
    ]
