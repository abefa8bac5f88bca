"""With no ELASTICSEARCH_URL, or with the node unreachable, search answers from the
database
with a logged warning and never a 500."""

import logging

import pytest
from django.db import transaction

from search import engine, selectors
from search.params import ProductSearchParams
from tests.search import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def products():
    return [
        f.product("Kain Sasirangan Merah", tags=["kain"]),
        f.product(
            "Dodol Kandangan",
            price=30_000,
            category=f.category(slug="kuliner", name="Kuliner"),
            vendor=f.vendor(name="Dodol Amang"),
        ),
    ]


def test_quick_start_never_builds_a_client(
    no_es, products, django_capture_on_commit_callbacks
):
    assert engine.get_client() is None
    result = selectors.product_search(params=ProductSearchParams(q="kain"))
    assert result.backend == "database"
    assert [hit.name for hit in result.hits] == ["Kain Sasirangan Merah"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            f.product("Kain Baru")
    # Other apps may act after commit (the storefront's cache purges); search may not.
    search_callbacks = [
        callback
        for callback in callbacks
        if getattr(callback, "func", callback).__module__.startswith("search")
    ]
    assert search_callbacks == [], "no sync task is enqueued without Elasticsearch"


def test_unreachable_node_falls_back_with_a_warning(dead_es, products, caplog):
    caplog.set_level(logging.WARNING, logger="search.selectors")
    result = selectors.product_search(params=ProductSearchParams(q="dodol"))
    assert result.backend == "database"
    assert [hit.name for hit in result.hits] == ["Dodol Kandangan"]
    assert "answered from the database" in caplog.text
    backend, suggestions = selectors.product_suggest(q="do")
    assert backend == "database"
    assert [s.text for s in suggestions] == ["Dodol Kandangan"]


def test_api_and_page_answer_when_the_node_is_unreachable(client, dead_es, products):
    response = client.get("/api/v1/search/products?q=kain")
    assert response.status_code == 200
    assert response.json()["backend"] == "database"
    assert response.json()["total"] == 1
    page = client.get("/cari/?q=kain")
    assert page.status_code == 200
    assert "Kain Sasirangan Merah" in page.content.decode()


def test_saving_with_the_node_unreachable_does_not_break_the_save(
    dead_es, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product = f.product("Kain Tetap Tersimpan")
    assert callbacks
    product.refresh_from_db()
    assert product.name == "Kain Tetap Tersimpan"
    assert "Search sync failed" in caplog.text


@pytest.mark.postgres
def test_postgres_fallback_ranks_with_full_text_search(no_es):
    f.product("Dompet Kecil", description="Dompet kain sasirangan untuk koin.")
    f.product("Kain Sasirangan Biru", description="Kain dua meter.")
    f.product(
        "Tas Purun",
        description="Tas anyaman.",
        category=f.category(slug="kerajinan", name="Kerajinan"),
    )
    result = selectors.product_search(params=ProductSearchParams(q="kain sasirangan"))
    assert result.backend == "database"
    assert [hit.name for hit in result.hits][0] == "Kain Sasirangan Biru"
    assert "Tas Purun" not in [hit.name for hit in result.hits]
