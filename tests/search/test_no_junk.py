"""No junk: a query for something the shop does not sell returns no results, says so,
and shows related products apart; place and category words rank, they do not match
alone. On the database (SQLite or PostgreSQL) and on Elasticsearch."""

import pytest

from search import indexing, selectors
from search.params import ProductSearchParams
from tests.search import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    food = f.category(slug="kuliner", name="Kuliner", name_en="Food")
    crafts = f.category(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    kandangan = f.vendor(name="Dodol Amang", region="hulu-sungai-selatan")
    lok_baintan = f.vendor(
        name="Purun Acil", region="banjar", craft_village="Lok Baintan"
    )
    return {
        "dodol": f.product(
            "Dodol Kandangan Original",
            description="Dodol ketan asli, harga murah.",
            price=30_000,
            category=food,
            vendor=kandangan,
        ),
        "kue": f.product(
            "Kue Bingka", price=60_000, category=food, vendor=f.vendor(name="Wadai")
        ),
        "tas": f.product(
            "Tas Purun Anyaman", tags=["tas"], category=crafts, vendor=lok_baintan
        ),
        "kain": f.product("Kain Sasirangan Merah", tags=["kain"]),
    }


def search(q):
    return selectors.product_search(params=ProductSearchParams(q=q))


def _absent_queries_return_nothing_with_related_apart():
    result = search("laptop murah asli")
    assert result.total == 0 and result.hits == []
    assert result.related == []  # nothing shares a content word
    result = search("dodol laptop")
    assert result.total == 0
    assert [hit.name for hit in result.related] == ["Dodol Kandangan Original"]
    # Generic words alone never fill a page.
    assert search("murah").total == 0
    assert search("asli original").total == 0


def _places_and_categories_rank_and_filter():
    assert [hit.name for hit in search("lok baintan").hits] == ["Tas Purun Anyaman"]
    ranked = [hit.name for hit in search("food").hits]
    assert set(ranked) == {"Dodol Kandangan Original", "Kue Bingka"}
    cheap = [hit.name for hit in search("kuliner murah").hits]
    assert cheap[0] == "Dodol Kandangan Original"


def test_database_no_junk(no_es, catalogue):
    _absent_queries_return_nothing_with_related_apart()
    _places_and_categories_rank_and_filter()


@pytest.mark.elasticsearch
def test_elasticsearch_no_junk(es, catalogue):
    indexing.index_rebuild()
    _absent_queries_return_nothing_with_related_apart()
    _places_and_categories_rank_and_filter()


def test_database_answers_typos_and_says_did_you_mean(no_es, catalogue):
    result = search("dodol kandangn")
    assert [hit.name for hit in result.hits] == ["Dodol Kandangan Original"]
    assert result.did_you_mean == "dodol kandangan"
    result = search("sasirangn")
    assert [hit.name for hit in result.hits] == ["Kain Sasirangan Merah"]


def test_database_uses_the_analyzer_synonyms(no_es, catalogue):
    assert [hit.name for hit in search("bag").hits] == ["Tas Purun Anyaman"]
    assert [hit.name for hit in search("cloth").hits] == ["Kain Sasirangan Merah"]


def test_the_page_says_nothing_matches_and_labels_related_products(
    client, no_es, catalogue
):
    html = client.get("/en/cari/", {"q": "dodol laptop"}).content.decode()
    assert "Nothing in the shop matches" in html
    related = html[html.index('id="search-related-title"') :]
    assert "Dodol Kandangan Original" in related
    assert "Not what you searched for, but related" in html
    body = client.get("/api/v1/search/products", {"q": "dodol laptop"}).json()
    assert body["total"] == 0 and body["results"] == []
    assert [item["name"] for item in body["related"]] == ["Dodol Kandangan Original"]
