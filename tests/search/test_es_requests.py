"""What the Elasticsearch requests ask of the node (no node needed: the request
bodies and parameters are inspected)."""

import pytest

from search.params import ProductSearchParams
from search.products import build_search

pytestmark = pytest.mark.django_db  # query understanding reads the office's synonyms


def test_product_search_asks_for_the_request_cache():
    search = build_search(ProductSearchParams(q="kain sasirangan", region="banjar"))
    assert search._params.get("request_cache") is True


def test_the_request_cache_can_be_switched_off(settings):
    settings.ELASTICSEARCH_REQUEST_CACHE = False
    search = build_search(ProductSearchParams(q="kain"))
    assert search._params.get("request_cache") is False


def test_facets_leave_out_the_empty_value():
    body = build_search(ProductSearchParams(q="")).to_dict()
    for name in ("category", "vendor", "region", "technique", "dye"):
        assert body["aggs"][name]["terms"]["exclude"] == [""]
    filtered = build_search(ProductSearchParams(q="", region="banjar")).to_dict()
    assert filtered["aggs"]["region"]["aggs"]["values"]["terms"]["exclude"] == [""]
    assert filtered["aggs"]["shared"]["aggs"]["dye"]["terms"]["exclude"] == [""]


def test_without_filters_facets_need_no_filter_aggregation():
    body = build_search(ProductSearchParams(q="kain")).to_dict()
    facets = {"kind", "category", "vendor", "region", "technique", "dye", "price"}
    assert set(body["aggs"]) == facets
    assert all("filter" not in agg for agg in body["aggs"].values())


def test_only_a_facet_whose_filter_is_set_gets_a_filter_of_its_own():
    params = ProductSearchParams(q="kain", region="banjar", price_min=50_000)
    aggs = build_search(params).to_dict()["aggs"]
    assert set(aggs) == {"region", "price", "shared"}
    region_filter = aggs["region"]["filter"]["bool"]["filter"]
    assert region_filter == [{"range": {"price": {"gte": 50_000}}}]
    price_filter = aggs["price"]["filter"]["bool"]["filter"]
    assert price_filter == [{"term": {"region": "banjar"}}]
    shared = aggs["shared"]
    assert len(shared["filter"]["bool"]["filter"]) == 2
    assert set(shared["aggs"]) == {"kind", "category", "vendor", "technique", "dye"}
