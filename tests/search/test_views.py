"""The site-wide search page /cari/: products, destinations, events and stories in the
visitor's language, on the database and on Elasticsearch."""

import pytest
from django.core.management import call_command

from search import indexing
from tests.search import factories as f
from tests.tourism.factories import (
    build_site_tree,
    make_destination,
    make_event,
    make_story,
    make_story_index,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    tree = build_site_tree()
    market = make_destination(
        tree.destinations,
        title="Pasar Terapung Lok Baintan",
        summary="Pasar sasirangan di sungai.",
    )
    make_event(tree.events, title="Festival Sasirangan")
    stories = make_story_index(tree.home)
    make_story(
        stories, title="Kisah Perajin Sasirangan", summary="Cerita para perajin."
    )
    translate(
        tree.destinations, tree.locale_en, title="Destinations", slug="destinations"
    )
    translate(
        market,
        tree.locale_en,
        title="Lok Baintan Floating Market",
        slug="floating-market",
        summary="A sasirangan market on the river.",
    )
    f.product("Kain Sasirangan Merah", tags=["kain"])
    f.product("Tas Jinjing Sasirangan", tags=["tas"])
    return tree


def sections(html: str) -> dict[str, str]:
    """Text of each results section, by id."""
    parts = {}
    for key in ("hasil-produk", "hasil-destinasi", "hasil-acara", "hasil-cerita"):
        start = html.find(f'id="{key}"')
        if start == -1:
            continue
        end = html.find("</section>", start)
        parts[key] = html[start:end]
    return parts


def test_one_page_with_a_section_per_kind(client, no_es, site):
    response = client.get("/cari/?q=sasirangan")
    assert response.status_code == 200
    parts = sections(response.content.decode())
    assert "Kain Sasirangan Merah" in parts["hasil-produk"]
    assert "Tas Jinjing Sasirangan" in parts["hasil-produk"]
    assert "Pasar Terapung Lok Baintan" in parts["hasil-destinasi"]
    assert "Festival Sasirangan" in parts["hasil-acara"]
    assert "Kisah Perajin Sasirangan" in parts["hasil-cerita"]
    assert "Lok Baintan Floating Market" not in response.content.decode()


def test_english_visitors_get_english_pages(client, no_es, site):
    response = client.get("/en/cari/?q=market")
    assert response.status_code == 200
    parts = sections(response.content.decode())
    assert "Lok Baintan Floating Market" in parts["hasil-destinasi"]
    assert "Pasar Terapung Lok Baintan" not in parts["hasil-destinasi"]
    assert 'lang="en"' in response.content.decode()


def test_bad_filters_are_explained_not_a_500(client, no_es, site):
    response = client.get("/cari/?q=kain&price_min=murah&sort=acak")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "price_min" in html and "sort" in html
    assert "Kain Sasirangan Merah" in html


def test_facet_links_filter_the_products(client, no_es, site):
    f.product(
        "Dodol Kandangan",
        category=f.category(slug="kuliner", name="Kuliner"),
        vendor=f.vendor(name="Dodol Amang"),
    )
    html = client.get("/cari/?q=").content.decode()
    assert "?category=kuliner" in html
    html = client.get("/cari/?category=kuliner").content.decode()
    parts = sections(html)
    assert "Dodol Kandangan" in parts["hasil-produk"]
    assert "Kain Sasirangan Merah" not in parts["hasil-produk"]
    assert "hasil-destinasi" not in parts, "page sections only appear for a query"


def test_query_count_stays_small_and_constant(
    client, no_es, site, django_assert_max_num_queries
):
    for number in range(8):
        f.product(f"Kain Sasirangan Tambahan {number}")
    client.get("/cari/?q=sasirangan")  # warm per-process caches (site root paths)
    # 16, plus the "near a destination" list and the search-insight counter (one
    # UPDATE). Of the 16, the database engine's facets are seven SQL aggregates (one per
    # facet, goods/experiences included, none reading rows) and its page two (the
    # ranked ids, then their products).
    with django_assert_max_num_queries(18):
        response = client.get("/cari/?q=sasirangan")
    assert response.context["products"].total == 10


@pytest.mark.elasticsearch
def test_products_from_elasticsearch_and_pages_from_wagtails_backend(
    client, es, site, settings, django_assert_max_num_queries
):
    """With ELASTICSEARCH_URL set, Wagtail's elasticsearch8 backend on the same
    cluster."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [settings.ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{settings.ELASTICSEARCH_INDEX_PREFIX}_wagtail_",
            "TIMEOUT": 10,
        }
    }
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    indexing.index_rebuild()
    response = client.get("/cari/?q=sasirangn")
    assert response.context["products"].backend == "elasticsearch"
    parts = sections(response.content.decode())
    assert "Kain Sasirangan Merah" in parts["hasil-produk"]
    # As on the database: 10 plus the destinations list and the insight counter, which
    # on a query's first search of the day also inserts its row (in a savepoint).
    with django_assert_max_num_queries(14):
        response = client.get("/cari/?q=sasirangan")
    parts = sections(response.content.decode())
    assert "Pasar Terapung Lok Baintan" in parts["hasil-destinasi"]
    assert "Festival Sasirangan" in parts["hasil-acara"]
    assert "Kisah Perajin Sasirangan" in parts["hasil-cerita"]
    assert es.indices.exists(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}_wagtail_*")


@pytest.mark.elasticsearch
def test_did_you_mean_link_on_the_page(client, es, site):
    indexing.index_rebuild()
    html = client.get("/cari/?q=xasirangan").content.decode()
    assert 'href="?q=sasirangan"' in html
