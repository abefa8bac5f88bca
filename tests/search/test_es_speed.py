"""What the speed work on the Elasticsearch requests must keep: the same facet counts
from fewer aggregations, facet ordinals built at refresh, autocomplete that asks the
fuzzy match only when the exact one leaves the list short, a product search that asks
its fuzzy clauses only when the words as typed find nothing, and the low-weight
fields read through one copied field (real node)."""

import json

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


@pytest.fixture
def search_requests(monkeypatch):
    """The body of every product search request sent (the real requests)."""
    sent = []
    build = products.build_search

    def recording(params, **options):
        search = build(params, **options)
        sent.append(search.to_dict())
        return search

    monkeypatch.setattr(products, "build_search", recording)
    return sent


def _fuzzy(body: dict) -> bool:
    return "fuzziness" in json.dumps(body)


def test_words_found_as_typed_cost_one_request_without_fuzzy_clauses(
    shop, search_requests
):
    result = product_search_es(ProductSearchParams(q="purun"))
    assert {hit.name for hit in result.hits} == {
        "Tas Purun Anyaman",
        "Dompet Purun Kecil",
    }
    assert len(search_requests) == 1
    assert not _fuzzy(search_requests[0])  # neither the scoring nor the highlight
    assert all("<mark>Purun</mark>" in hit.highlight["name"] for hit in result.hits)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("sasirangn", "Kain Sasirangan Gigi Haruan"),
        ("kain sasirangn", "Kain Sasirangan Gigi Haruan"),  # one word right, one not
        ("dodl", "Dodol Kandangan Durian"),
    ],
)
def test_a_typo_is_answered_by_a_second_request_with_the_fuzzy_clauses(
    shop, search_requests, q, expected
):
    result = product_search_es(ProductSearchParams(q=q))
    assert [hit.name for hit in result.hits] == [expected]
    assert [_fuzzy(body) for body in search_requests] == [False, True]
    # The highlight of the second request marks the word the typo stood for.
    assert "</mark>" in result.hits[0].highlight["name"]
    assert result.did_you_mean is None


def test_a_typo_highlight_marks_the_matched_word(shop):
    hit = product_search_es(ProductSearchParams(q="sasirangn")).hits[0]
    assert "<mark>Sasirangan</mark>" in hit.highlight["name"]


def _multi_match_fields(body) -> set[str]:
    found = set()
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "multi_match":
                found.update(value["fields"])
            else:
                found |= _multi_match_fields(value)
    elif isinstance(body, list):
        for value in body:
            found |= _multi_match_fields(value)
    return found


def test_the_low_weight_fields_are_read_through_the_copied_details_field(
    shop, search_requests
):
    """ "galuh" is only in the shop's name: found through ``details`` (copy_to), which
    the scoring query reads instead of the shop, village, description and motif
    meaning fields one by one."""
    result = product_search_es(ProductSearchParams(q="galuh"))
    assert {hit.name for hit in result.hits} == {
        "Kain Sasirangan Gigi Haruan",
        "Kain Tenun Pagatan",
    }
    fields = _multi_match_fields(search_requests[0]["query"])
    assert {"details^2", "details.en^0.8"} <= fields
    for field in ("vendor_name", "village", "description", "motif_meaning"):
        assert not any(name.split("^")[0].startswith(field) for name in fields), field
