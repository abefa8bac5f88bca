"""The search page's shared fragment (search.views.results): a warm search costs a
couple of queries, a change to a product or page shows at once, and nothing of one
visitor reaches another."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import generations
from search import indexing
from search.models import SearchQueryDay
from tests.search import factories as f
from tests.search.test_insight import beacon
from tests.tourism.factories import build_site_tree, make_destination, make_event
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/cari/?q=sasirangan"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test counts the fragments it stored, so it starts with none."""
    cache.clear()


def content(response) -> str:
    """The page's content block (the shared fragment), without the head and header."""
    html = response.content.decode()
    return html[html.index('<div class="wrap search-page">') : html.index("</main>")]


@pytest.fixture
def site():
    tree = build_site_tree()
    make_destination(
        tree.destinations,
        title="Pasar Terapung Lok Baintan",
        summary="Pasar sasirangan di sungai.",
    )
    red = f.product("Kain Sasirangan Merah", tags=["kain"])
    for number in range(6):
        f.product(f"Kain Sasirangan Tambahan {number}")
    return tree, red


def fragments() -> dict[str, str]:
    """The search page fragments now in the (local-memory) cache, by cache key."""
    found = {}
    for key in list(cache._cache):  # noqa: SLF001 - the test cache's own table
        name = key.split(":", 2)[-1]
        if name.startswith("banua:fragment:search_page:"):
            found[name] = cache.get(name)
    return found


def test_a_warm_search_costs_one_query(
    client, no_es, site, django_assert_max_num_queries
):
    """The site lookup of the header's links: the search, its facets, its cards and
    the page sections come from the fragment, and the browser reports the search to
    the counter."""
    cold = client.get(URL)
    assert "Kain Sasirangan Merah" in cold.content.decode()
    assert client.get(URL).content == cold.content  # stores the fragment
    with django_assert_max_num_queries(1):
        warm = client.get(URL)
    assert warm.content == cold.content


def test_a_search_made_once_stores_no_fragment(client, no_es, site):
    """Searches nobody repeats (a crawler, random words) leave only the small counter
    entry; the second time a search is made its page is stored."""
    for word in ("kain", "tas", "dodol", "sasirangan"):
        client.get(f"/cari/?q={word}")
    assert fragments() == {}
    client.get("/cari/?q=kain")
    assert len(fragments()) == 1


def test_the_lazy_context_names_everything_the_page_shows(no_es, site, rf):
    """A warm request gets only the names in RESULTS_CONTEXT (lazily), so a name added
    to the context must be added there too."""
    from search import views
    from search.params import ProductSearchParams

    request = rf.get(URL)
    built = views._results_context(request, ProductSearchParams(q="sasirangan"), {})
    assert set(built) - {"count", "degraded"} == set(views.RESULTS_CONTEXT)


def test_a_cold_search_keeps_its_query_budget(
    client, no_es, site, django_assert_max_num_queries
):
    client.get(URL)  # per-process caches (site root paths)
    generations.replace(generations.STOREFRONT)
    # The products' search, facets and cards, the page sections: the
    # "near a destination" list comes from the cache (pages did not change). The
    # goods/experiences facet is one SQL aggregate of its own.
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    assert response.context["products"].total == 7


def test_every_search_is_counted_warm_or_cold(client, no_es, site):
    for url in (URL, URL, URL, "/cari/?q=laptop", "/cari/?q=laptop"):
        client.post("/cari/hitung/", beacon(client.get(url)))
    assert beacon(client.get("/cari/?q=sasirangan&page=2")) is None  # not a new search
    rows = {row.query: row for row in SearchQueryDay.objects.all()}
    assert (rows["sasirangan"].searches, rows["sasirangan"].zero_results) == (3, 0)
    assert (rows["laptop"].searches, rows["laptop"].zero_results) == (2, 2)


def test_a_product_change_shows_at_once(
    client, no_es, site, django_capture_on_commit_callbacks
):
    _tree, red = site
    client.get(URL)
    assert "Kain Sasirangan Merah" in client.get(URL).content.decode()
    assert len(fragments()) == 1  # the page is served from the fragment from now on
    with django_capture_on_commit_callbacks(execute=True):
        red.name = "Kain Sasirangan Merah Marun"
        red.save()
    html = client.get(URL).content.decode()
    assert "Kain Sasirangan Merah Marun" in html
    with django_capture_on_commit_callbacks(execute=True):
        variant = red.variants.get()
        variant.stock = 0
        variant.save()
    html = client.get(URL).content.decode()
    card = html[html.index("Kain Sasirangan Merah Marun") :]
    assert 'class="out-of-stock"' in card[: card.index("</article>")]


def test_a_page_change_shows_at_once(
    client, no_es, site, django_capture_on_commit_callbacks
):
    """In the page sections and in the "near a destination" list, which is also
    cached on its own for searches that are not yet a fragment."""
    tree, _red = site
    client.get(URL)
    client.get("/cari/?q=kain")
    html = client.get(URL).content.decode()
    assert len(fragments()) == 1
    assert "Festival Sasirangan" not in html
    assert "Kampung Sasirangan" not in html
    with django_capture_on_commit_callbacks(execute=True):
        make_event(tree.events, title="Festival Sasirangan")
        make_destination(tree.destinations, title="Kampung Sasirangan")
    html = client.get(URL).content.decode()
    assert "Festival Sasirangan" in html
    assert html.count("Kampung Sasirangan") == 2  # its section and the near list
    assert "Kampung Sasirangan</option>" in client.get("/cari/?q=kain").content.decode()


def test_the_same_search_written_two_ways_shares_one_fragment(
    client, no_es, site, django_assert_max_num_queries
):
    """The fragment is keyed by the parsed parameters, and the page's links are built
    from them: stray, empty or reordered parameters neither split the cache nor
    reach the links."""
    first = client.get("/cari/?q=sasirangan&sort=relevance&category=&utm_source=mail")
    client.get("/cari/?sort=&q=sasirangan")
    with django_assert_max_num_queries(2):
        third = client.get("/cari/?utm_source=x&q=++sasirangan+")
    assert content(first) == content(third)
    assert "utm_source" not in content(first)
    assert len(fragments()) == 1


def test_different_filters_are_different_fragments(client, no_es, site):
    for _ in range(2):
        client.get(URL)
        filtered = client.get(URL + "&in_stock=true&sort=price_asc").content.decode()
    assert 'value="price_asc" selected' in filtered
    assert len(fragments()) == 2


def test_nothing_of_a_visitor_lands_in_the_shared_fragment(client, no_es, site):
    """A shopper with a session and a cart fills the fragment; what is stored holds
    neither their CSRF token nor their session, and the next visitor reads it."""
    _tree, red = site
    client.post("/keranjang/tambah/", {"variant": red.variants.get().pk, "quantity": 3})
    client.get("/keranjang/")  # a page with forms: the session gets a CSRF token
    client.get(URL)
    mine = client.get(URL).content.decode()
    assert "data-cart-count" in mine  # the header is theirs, outside the fragment
    stored = fragments()
    assert len(stored) == 1
    (html,) = stored.values()
    assert "Kain Sasirangan Merah" in html
    assert "csrfmiddlewaretoken" not in html
    token = client.cookies.get("csrftoken")
    if token is not None:
        assert token.value not in html
    assert client.session.session_key not in html
    stranger = Client().get(URL).content.decode()
    assert html in stranger
    assert "data-cart-count" not in stranger


def test_logged_in_visitors_neither_store_nor_read_the_fragment(client, no_es, site):
    client.force_login(UserFactory())
    client.get(URL)
    client.get(URL)
    assert fragments() == {}
    anonymous = Client()
    anonymous.get(URL)
    anonymous.get(URL)  # an anonymous visitor fills it
    assert len(fragments()) == 1
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) > 8  # searched afresh for the member


def test_a_page_whose_filters_did_not_parse_is_not_stored(client, no_es, site):
    for _ in range(2):
        html = client.get(URL + "&price_min=abc").content.decode()
    assert 'role="alert"' in html and "price_min" in html
    assert fragments() == {}


def test_an_unpublished_destination_is_explained_and_the_links_drop_it(
    client, no_es, site
):
    html = content(client.get(URL + "&near=999999&page=1"))
    assert 'role="alert"' in html
    assert "near=999999" not in html
    assert "Kain Sasirangan Merah" in html


def test_a_database_answer_for_a_dead_elasticsearch_is_not_stored(
    client, dead_es, site, settings
):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
    for _ in range(2):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["products"].backend == "database"
    assert fragments() == {}


@pytest.mark.elasticsearch
def test_elasticsearch_failing_between_two_searches_stores_nothing(
    client, es, site, settings
):
    """The second search of a kind renders its fragment from a lazy context; when
    that search turns out to be the database's answer for a dead node, the
    fragment is not stored either (marketplace.fragments.forbid_sharing)."""
    indexing.index_rebuild()
    first = client.get(URL)
    assert first.context["products"].backend == "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # the discard port: refused
    settings.ELASTICSEARCH_TIMEOUT = 2
    second = client.get(URL)
    assert second.status_code == 200
    assert second.context["products"].backend == "database"
    assert fragments() == {}
