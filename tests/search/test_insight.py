"""Search insight: queries, zero-result queries and result clicks counted per day
without user identity, shown to the office in the Wagtail admin."""

import re
import threading

import pytest
from django.contrib.auth.models import Permission
from django.db import connection

from search import services
from search.models import SearchQueryDay
from tests.search import factories as f
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db


def beacon(response) -> dict | None:
    """What the page's script sends to the counter (search/js/clicks.js)."""
    found = re.search(
        r'data-search-counted="([^"]*)" data-search-total="(\d+)"',
        response.content.decode(),
    )
    return None if found is None else {"q": found[1], "total": found[2]}


def test_the_counter_refuses_a_bad_total(client):
    for total in ("", "x", "-1"):
        response = client.post("/cari/hitung/", {"q": "kain", "total": total})
        assert response.status_code == 400
    assert not SearchQueryDay.objects.exists()


def test_searches_zero_results_and_clicks_are_counted(client, no_es):
    f.product("Kain Sasirangan Merah", tags=["kain"])
    # The page may come from the HTTP cache: the browser reports the search it shows.
    for query in ("Kain", "laptop"):
        client.post("/cari/hitung/", beacon(client.get("/cari/", {"q": query})))
    client.get("/api/v1/search/products", {"q": "kain "})
    # Paging is not a new search: its page sends nothing.
    assert beacon(client.get("/cari/", {"q": "kain", "page": "2"})) is None
    assert client.post("/cari/klik/", {"q": "KAIN"}).status_code == 204
    rows = {row.query: row for row in SearchQueryDay.objects.all()}
    assert set(rows) == {"kain", "laptop"}
    assert (rows["kain"].searches, rows["kain"].zero_results, rows["kain"].clicks) == (
        2,
        0,
        1,
    )
    assert (rows["laptop"].searches, rows["laptop"].zero_results) == (1, 1)
    # Nothing that identifies a visitor is stored.
    assert {field.name for field in SearchQueryDay._meta.fields} == {
        "id",
        "day",
        "query",
        "searches",
        "zero_results",
        "clicks",
    }


def test_the_office_sees_the_report_in_the_admin(client, no_es):
    services.search_query_record(q="kain", results=3)
    services.search_query_record(q="kain", results=3)
    services.search_query_record(q="pizza", results=0)
    user = UserFactory()
    client.force_login(user)
    assert client.get("/admin/search/insight/").status_code in (302, 403)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_searchqueryday"),
    )
    html = client.get("/admin/search/insight/").content.decode()
    top = html[html.index('id="search-top-queries"') : html.index('id="search-zero')]
    assert top.index("kain") < top.index("pizza")
    zero = html[html.index('id="search-zero-queries"') :]
    assert "pizza" in zero and "kain" not in zero


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_new_query_counted_at_once_by_many_visitors():
    threads_count = 6
    barrier = threading.Barrier(threads_count)

    def search():
        try:
            barrier.wait()
            services.search_query_record(q="dodol", results=1)
        finally:
            connection.close()

    threads = [threading.Thread(target=search) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    row = SearchQueryDay.objects.get(query="dodol")
    assert row.searches == threads_count
