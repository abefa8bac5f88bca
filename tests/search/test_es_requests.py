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
        assert body["aggs"][name]["aggs"]["values"]["terms"]["exclude"] == [""]
