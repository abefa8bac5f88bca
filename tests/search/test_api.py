"""The JSON API at /api/v1/search/: parameters, errors (422, never 500) and the result
shape,
answered from the database (quick start) and from Elasticsearch."""

import pytest

from search import indexing
from tests.search import factories as f

pytestmark = pytest.mark.django_db

RESULT_KEYS = {
    "query",
    "backend",
    "total",
    "page",
    "pages",
    "per_page",
    "sort",
    "did_you_mean",
    "related",
    "results",
    "facets",
}
HIT_KEYS = {
    "id",
    "name",
    "slug",
    "kind",
    "url",
    "price",
    "in_stock",
    "vendor",
    "category",
    "region",
    "technique",
    "dye",
    "village",
    "rating",
    "score",
    "highlight",
    "distance_km",
}


@pytest.fixture
def products():
    galuh = f.vendor(name="Sasirangan Galuh", slug="galuh")
    return [
        f.product("Kain Sasirangan Merah", vendor=galuh, tags=["kain"], price=185_000),
        f.product(
            "Tas Jinjing Sasirangan",
            vendor=galuh,
            tags=["tas"],
            price=135_000,
            category=f.category(
                slug="aksesori", name="Aksesori", name_en="Accessories"
            ),
        ),
        f.product(
            "Dodol Kandangan",
            price=30_000,
            stock=0,
            category=f.category(slug="kuliner", name="Kuliner"),
            vendor=f.vendor(name="Dodol Amang"),
        ),
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("price_min=abc", "price_min"),
        ("price_min=-5", "price_min"),
        ("price_min=500&price_max=100", "price_max"),
        ("sort=cheapest", "sort"),
        ("sort=distance", "sort"),
        ("in_stock=maybe", "in_stock"),
        ("page=0", "page"),
        ("page=9999", "page"),
        ("category=%3Cscript%3E", "category"),
        ("near=x", "near"),
        ("km=100000&near=1", "km"),
        ("q=" + "a" * 201, "q"),
    ],
)
def test_bad_parameters_get_a_422_naming_the_parameter(client, no_es, query, field):
    response = client.get(f"/api/v1/search/products?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and body["message"]
    assert field in body["fields"]


def test_an_unknown_destination_is_a_404_naming_near(client, no_es):
    response = client.get("/api/v1/search/products?near=12345")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "near" in response.json()["fields"]


def test_database_answer_has_the_full_shape(client, no_es, products):
    response = client.get("/api/v1/search/products?q=sasirangan&sort=price_asc")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == RESULT_KEYS
    assert body["backend"] == "database"
    assert [hit["name"] for hit in body["results"]] == [
        "Tas Jinjing Sasirangan",
        "Kain Sasirangan Merah",
    ]
    assert set(body["results"][0]) == HIT_KEYS
    assert body["results"][0]["url"] == "/produk/" + products[1].slug + "/"
    assert "<mark>Sasirangan</mark>" in body["results"][0]["highlight"]["name"]
    assert {b["value"]: b["count"] for b in body["facets"]["vendor"]} == {"galuh": 2}
    assert set(body["facets"]) == {
        "kind",
        "category",
        "vendor",
        "region",
        "technique",
        "dye",
        "price",
    }


def test_database_filters_and_facets(client, no_es, products):
    body = client.get("/api/v1/search/products?in_stock=true").json()
    assert body["total"] == 2
    body = client.get("/api/v1/search/products?price_min=0&price_max=49999").json()
    assert [hit["name"] for hit in body["results"]] == ["Dodol Kandangan"]
    price_facet = {b["value"]: b["count"] for b in body["facets"]["price"]}
    assert price_facet == {"0-50000": 1, "100000-250000": 2}


def test_suggest_from_two_letters_on_the_database(client, no_es, products):
    assert client.get("/api/v1/search/suggest?q=t").json()["suggestions"] == []
    body = client.get("/api/v1/search/suggest?q=ta").json()
    assert [item["text"] for item in body["suggestions"]] == ["Tas Jinjing Sasirangan"]
    assert body["suggestions"][0]["url"].startswith("/produk/")


@pytest.mark.elasticsearch
def test_elasticsearch_answer_has_the_same_shape(client, es, products):
    indexing.index_rebuild()
    body = client.get(
        "/api/v1/search/products?q=sasirangn&category=kain-sasirangan"
    ).json()
    assert set(body) == RESULT_KEYS
    assert body["backend"] == "elasticsearch"
    assert [hit["name"] for hit in body["results"]] == ["Kain Sasirangan Merah"]
    assert set(body["results"][0]) == HIT_KEYS
    assert {b["value"]: b["count"] for b in body["facets"]["category"]} == {
        "kain-sasirangan": 1,
        "aksesori": 1,
    }
    suggest = client.get("/api/v1/search/suggest?q=ta").json()
    assert suggest["backend"] == "elasticsearch"
    assert [item["text"] for item in suggest["suggestions"]] == [
        "Tas Jinjing Sasirangan"
    ]


@pytest.mark.elasticsearch
def test_english_urls_in_english(client, es, products):
    indexing.index_rebuild()
    body = client.get("/api/v1/search/products?q=tas", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["results"][0]["name"] == "Tas Jinjing Sasirangan"
