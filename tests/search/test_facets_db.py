"""Facet counts of the database engine (SQL aggregates in search.fallback): each facet
counts every match under the other facets' filters (its own ignored), the price ranges
count each product once at its lowest active price, and on the same catalogue the
counts equal Elasticsearch's."""

import datetime as dt

import pytest
from django.utils import timezone

from search import indexing
from search.fallback import product_search_db
from search.params import PRICE_RANGES, ProductSearchParams
from search.products import product_search_es
from tests.marketplace.factories import bookable_session
from tests.search import factories as f

pytestmark = pytest.mark.django_db

FILTERS = ("kind", "category", "vendor", "region", "technique", "dye")
IN_A_WEEK = timezone.localdate() + dt.timedelta(days=7)


@pytest.fixture
def shop():
    cloth = f.category()
    food = f.category(slug="kuliner", name="Kuliner", name_en="Food")
    crafts = f.category(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    galuh = f.vendor(name="Sasirangan Galuh", slug="galuh")
    lok = f.vendor(name="Anyaman Lok Baintan", slug="lok-baintan", region="banjar")
    hulu = f.vendor(
        name="Dodol Kandangan", slug="dodol-kandangan", region="hulu-sungai-selatan"
    )
    rows = [
        ("Kain Sasirangan Biru", galuh, cloth, "tie-dye", "natural", [185_000]),
        ("Kain Sasirangan Merah", galuh, cloth, "tie-dye", "synthetic", [40_000]),
        ("Kain Tenun Pagatan", lok, cloth, "", "natural", [600_000, 90_000]),
        ("Tas Purun Anyaman", lok, crafts, "woven", "", [75_000]),
        ("Tikar Purun Kain", lok, crafts, "woven", "natural", [260_000]),
        ("Dodol Kandangan Kain", hulu, food, "cooked", "", [25_000]),
        ("Kue Bingka Kain", hulu, food, "cooked", "", [55_000]),
    ]
    for name, vendor, category, technique, dye, prices in rows:
        f.product(
            name,
            vendor=vendor,
            category=category,
            technique=technique,
            dye=dye,
            prices=prices,
            tags=["kain"],
        )
    sold_out = f.product(
        "Kain Habis", vendor=galuh, category=cloth, price=120_000, stock=0
    )
    # An inactive cheaper variant never sets the product's price range.
    inactive = sold_out.variants.create(
        sku="T-INACTIVE", price=5_000, stock=3, is_active=False
    )
    assert not inactive.is_active
    # Experiences: one with a session in a week, one whose only session is full.
    workshop = bookable_session(
        vendor=galuh, category=cloth, name="Workshop Kain Sasirangan"
    ).experience.product
    workshop.tags.add("kain")
    bookable_session(
        vendor=lok,
        category=crafts,
        name="Belajar Anyam Purun Kain",
        capacity=2,
        technique="woven",
    ).experience.sessions.update(booked=2)
    f.product("Kain Draf", vendor=galuh, category=cloth, status="draft")
    f.product("Kain Tersembunyi", vendor=galuh, category=cloth, is_hidden=True)


def _counts(result) -> dict[str, dict[str, int]]:
    return {
        name: {bucket.value: bucket.count for bucket in buckets}
        for name, buckets in result.facets.items()
    }


def _everything(params: ProductSearchParams, **changes):
    """Every hit of the search with ``changes`` (one page big enough)."""
    fields = {**params.__dict__, **changes, "per_page": 100, "page": 1}
    return product_search_db(ProductSearchParams(**fields)).hits


def _price_key(price: int) -> str:
    for key, low, high in PRICE_RANGES:
        if price >= low and (high is None or price < high):
            return key
    raise AssertionError(price)


def _expected(params: ProductSearchParams) -> dict[str, dict[str, int]]:
    """The counts worked out by hand from the hits: for each facet, the hits of the
    same search without that facet's filter."""
    expected: dict[str, dict[str, int]] = {}
    for name in FILTERS:
        counts: dict[str, int] = {}
        for hit in _everything(params, **{name: ""}):
            value = {
                "kind": hit.kind,
                "category": hit.category["slug"],
                "vendor": hit.vendor["slug"],
                "region": hit.region,
                "technique": hit.technique,
                "dye": hit.dye,
            }[name]
            if value:
                counts[value] = counts.get(value, 0) + 1
        expected[name] = counts
    prices: dict[str, int] = {}
    for hit in _everything(params, price_min=None, price_max=None):
        if hit.price is not None:
            key = _price_key(hit.price)
            prices[key] = prices.get(key, 0) + 1
    expected["price"] = prices
    return expected


CASES = [
    ProductSearchParams(q="kain"),
    ProductSearchParams(q=""),
    ProductSearchParams(q="kain", category="kain-sasirangan"),
    ProductSearchParams(q="kain", region="banjar", dye="natural"),
    ProductSearchParams(q="", vendor="lok-baintan", price_min=80_000),
    ProductSearchParams(q="kain", price_max=100_000, in_stock=True),
    ProductSearchParams(q="purun", technique="woven"),
    ProductSearchParams(q="kain", kind="experience"),
    ProductSearchParams(q="", kind="goods", vendor="galuh"),
    ProductSearchParams(q="kain", date_from=IN_A_WEEK, date_to=IN_A_WEEK),
]


def _case_id(params: ProductSearchParams) -> str:
    dates = {"date": str(params.date_from)} if params.date_from else {}
    return repr(params.filters() | dates | {"q": params.q})


@pytest.mark.parametrize("params", CASES, ids=_case_id)
def test_facet_counts_are_those_of_the_matches_under_the_other_filters(shop, params):
    assert _counts(product_search_db(params)) == _expected(params)


def test_price_ranges_count_the_lowest_active_price_once(shop):
    counts = _counts(product_search_db(ProductSearchParams(q="")))["price"]
    # Kain Tenun Pagatan (90k and 600k) counts once, in 50-100k; Kain Habis at 120k
    # (its inactive 5k variant ignored); drafts and hidden products not at all.
    assert counts == {
        "0-50000": 2,
        "50000-100000": 3,
        "100000-250000": 2,
        "250000-500000": 1,
    }
    assert sum(counts.values()) == 8


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    "params",
    [
        ProductSearchParams(q=""),
        ProductSearchParams(q="", category="kain-sasirangan"),
        ProductSearchParams(q="", region="banjar", dye="natural"),
        ProductSearchParams(q="", price_min=50_000, price_max=300_000),
        ProductSearchParams(q="", in_stock=True, vendor="galuh"),
        ProductSearchParams(q="", kind="experience"),
        ProductSearchParams(q="", date_from=IN_A_WEEK),
        ProductSearchParams(q="", kind="goods", date_to=IN_A_WEEK),
    ],
    ids=_case_id,
)
def test_facet_counts_equal_elasticsearch_on_the_same_catalogue(es, shop, params):
    indexing.index_rebuild()
    database, elastic = product_search_db(params), product_search_es(params)
    assert database.total == elastic.total
    assert _counts(database) == _counts(elastic)
