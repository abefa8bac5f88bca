"""The content and head of the home and destination pages are shared fragments
(TourismPage.content_fragment_seconds, marketplace.fragments): reused while nothing
changes, rebuilt at once when a page or a product changes, never used for previews,
and never stored when they hold a visitor's CSRF token."""

from django.db import connection
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from marketplace.fragments import fragment_is_cached, render_shared
from tests.tourism.conftest import full_site  # noqa: F401 - the bilingual site fixture
from tests.tourism.factories import make_destination


def _tables(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_warm_home_and_destination_build_nothing(client, full_site):  # noqa: F811
    for page in (full_site.tree.home, full_site.destination):
        first = client.get(page.url).content
        sql = _tables(client, page.url)
        # Neither the lists of the content nor the products are queried again.
        assert "tourism_destinationpage" not in sql
        assert "marketplace_product" not in sql
        assert "tourism_eventpage" not in sql
        assert client.get(page.url).content == first


def test_new_destination_and_product_change_show_at_once(
    client,
    full_site,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    home = full_site.tree.home
    assert "Danau Seran" not in client.get(home.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_destination(full_site.tree.destinations, title="Danau Seran")
    assert "Danau Seran" in client.get(home.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        product = full_site.product
        product.name = "Kain Gigi Haruan Baru"
        product.save()
    assert "Kain Gigi Haruan Baru" in client.get(home.url).content.decode()


def test_preview_is_never_cached_nor_served_from_cache(client, full_site):  # noqa: F811
    destination = full_site.destination
    live = client.get(destination.url).content.decode()
    assert "Judul Draf Rahasia" not in live
    destination.title = "Judul Draf Rahasia"
    preview = destination.make_preview_request().content.decode()
    assert "Judul Draf Rahasia" in preview
    assert "Judul Draf Rahasia" not in client.get(destination.url).content.decode()


def test_query_strings_are_not_cached(client, full_site):  # noqa: F811
    url = full_site.destination.url
    client.get(url + "?utm_source=x")
    sql = _tables(client, url + "?utm_source=x")
    assert "marketplace_product" in sql or "tourism_eventpage" in sql


def test_a_fragment_holding_a_csrf_token_is_not_stored():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "x" * 32

    def render():
        return f"<input value='{get_token(request)}'>"

    html = render_shared(
        name="t", key="with-token", seconds=300, request=request, render=render
    )
    assert "input" in html
    assert not fragment_is_cached(name="t", key="with-token")

    fresh = RequestFactory().get("/")
    render_shared(
        name="t", key="plain", seconds=300, request=fresh, render=lambda: "<p>"
    )
    assert fragment_is_cached(name="t", key="plain")


def test_logged_in_visitors_neither_read_nor_write_fragments():
    from django.contrib.auth.models import AnonymousUser

    class Member:
        is_authenticated = True

    member = RequestFactory().get("/")
    member.user = Member()
    render_shared(name="u", key="k", seconds=300, request=member, render=lambda: "a")
    assert not fragment_is_cached(name="u", key="k")
    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()
    render_shared(name="u", key="k", seconds=300, request=anonymous, render=lambda: "b")
    assert (
        render_shared(
            name="u", key="k", seconds=300, request=member, render=lambda: "c"
        )
        == "c"
    )
