"""No query breaks anything: hostile queries on the site search, both APIs and the
suggest endpoint, on the database (SQLite or PostgreSQL) and on Elasticsearch."""

import pytest

from search import indexing
from tests.search import factories as f
from tests.tourism.factories import build_site_tree, make_destination

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    'kain "sasirangan',
    "kain\x00sasirangan",
    "\x00",
    "x" * 10_000,
    "kain " * 2_000,
    "🧵 kain 🎉",
    "sasirangan*",
    "kain AND OR NOT",
    'name:"kain" OR (tas',
    "NEAR(kain tas)",
    "kain -tas +dodol ~2 ^3",
    "\\",
    "'; DROP TABLE x; --",
    "{}[]()<>/\\|&!",
    "%_%",
    "a" * 300,
]


@pytest.fixture
def site():
    tree = build_site_tree()
    make_destination(tree.destinations, title="Pasar Terapung", summary="Pasar.")
    f.product("Kain Sasirangan Merah", tags=["kain"])
    f.product("Tas Purun", tags=["tas"])
    return tree


def _check_all(client):
    for url in (
        "/cari/",
        "/api/v1/search/products",
        "/api/v1/search/suggest",
        "/api/v2/pages/",
    ):
        key = "search" if url.startswith("/api/v2") else "q"
        for query in HOSTILE:
            response = client.get(url, {key: query})
            assert response.status_code < 500, (url, query[:40], response.status_code)
        # Bytes no browser would send: invalid UTF-8 and an encoded lone surrogate.
        for raw in ("%FF%FE", "%ED%A0%80", "%00%22", "%E2%80%8E%22"):
            response = client.get(f"{url}?{key}={raw}")
            assert response.status_code < 500, (url, raw, response.status_code)


def test_hostile_queries_on_the_database(client, no_es, site):
    _check_all(client)


@pytest.mark.elasticsearch
def test_hostile_queries_on_elasticsearch(client, es, site):
    indexing.index_rebuild()
    _check_all(client)


def test_hostile_queries_with_elasticsearch_down(client, dead_es, site):
    _check_all(client)
