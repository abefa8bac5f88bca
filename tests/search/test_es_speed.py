"""What the speed work on the Elasticsearch requests must keep: the same facet counts
from fewer aggregations, facet ordinals built at refresh, and autocomplete that asks
the fuzzy match only when the exact one leaves the list short (real node)."""

import pytest

from search import indexing, products
from search.params import ProductSearchParams
from search.products import product_search_es, product_suggest_es
from tests.search import factories as f

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

FACET_FIELDS = ("category_facet", "vendor_facet", "region", "technique", "dye")


@pytest.fixture
def shop(es):
    cloth = f.category()
    crafts = f.category(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    galuh = f.vendor(name="Sasirangan Galuh", slug="galuh")
    lok = f.vendor(name="Anyaman Lok Baintan", slug="lok-baintan", region="banjar")
    f.product(
        "Kain Sasirangan Gigi Haruan",
        vendor=galuh,
        category=cloth,
        technique="tie-dye",
        dye="natural",
        price=185_000,
    )
    f.product(
        "Kain Tenun Pagatan",
        vendor=galuh,
        category=cloth,
        technique="woven",
        price=450_000,
    )
    f.product(
        "Tas Purun Anyaman",
        vendor=lok,
        category=crafts,
        technique="woven",
        dye="natural",
        price=65_000,
    )
    f.product("Dompet Purun Kecil", vendor=lok, category=crafts, price=30_000)
    f.product("Dodol Kandangan Durian", vendor=lok, category=crafts, price=45_000)
    indexing.index_rebuild()


def test_facet_keywords_build_their_global_ordinals_at_refresh(es):
    indexing.index_ensure()
    mapping = es.indices.get_mapping(index=indexing.alias_name())
    properties = next(iter(mapping.values()))["mappings"]["properties"]
    for field in FACET_FIELDS:
        assert properties[field].get("eager_global_ordinals") is True, field


def _counts(result) -> dict:
    return {
        name: {bucket.value: bucket.count for bucket in buckets}
        for name, buckets in result.facets.items()
    }


def test_facets_count_every_filter_but_their_own(shop):
    """Two filters set: each of their facets ignores its own, every other facet
    (counted in the shared aggregation) applies both."""
    params = ProductSearchParams(category="kerajinan", technique="woven")
    result = product_search_es(params)
    counts = _counts(result)
    assert result.total == 1
    assert counts["category"] == {"kain-sasirangan": 1, "kerajinan": 1}
    assert counts["technique"] == {"woven": 1}  # the crafts: one woven, two without
    assert counts["vendor"] == {"lok-baintan": 1}
    assert counts["region"] == {"banjar": 1}
    assert counts["dye"] == {"natural": 1}
    assert counts["price"] == {"50000-100000": 1}


def test_without_filters_facets_count_every_match(shop):
    counts = _counts(product_search_es(ProductSearchParams(q="")))
    assert counts["category"] == {"kain-sasirangan": 2, "kerajinan": 3}
    assert counts["technique"] == {"woven": 2, "tie-dye": 1}
    assert counts["price"] == {
        "0-50000": 2,
        "50000-100000": 1,
        "100000-250000": 1,
        "250000-500000": 1,
    }


@pytest.fixture
def suggest_requests(monkeypatch):
    """The ``fuzzy`` flag of every autocomplete request sent (the real requests)."""
    asked = []
    build = products.build_suggest

    def recording(q, **options):
        asked.append(options.get("fuzzy", False))
        return build(q, **options)

    monkeypatch.setattr(products, "build_suggest", recording)
    return asked


def test_a_prefix_with_enough_exact_matches_skips_the_fuzzy_match(
    shop, suggest_requests
):
    suggestions = product_suggest_es("dodo", limit=1)
    assert [s.text for s in suggestions] == ["Dodol Kandangan Durian"]
    assert suggest_requests == [False]


def test_a_typo_still_finds_the_name_through_the_fuzzy_match(shop, suggest_requests):
    suggestions = product_suggest_es("dodl")
    assert [s.text for s in suggestions] == ["Dodol Kandangan Durian"]
    assert suggest_requests == [False, True]


def test_exact_matches_rank_above_typo_matches(shop):
    """A short exact list is topped up by the fuzzy match, exact names first."""
    suggestions = product_suggest_es("tas")
    assert suggestions[0].text == "Tas Purun Anyaman"
