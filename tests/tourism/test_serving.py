"""Wagtail pages served by tourism.views.serve: the routing cached, the answers Wagtail's.

A warm request finds the request's Site, the root page in its language and the routed
page in the page cache (no query at all on a destination or home page, against 3 / 4
with Wagtail's own `serve`), and every change to the tree is served at once: publish,
unpublish, slug change, move, a new draft, a site's new root, a new view restriction.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from tests.tourism.conftest import full_site  # noqa: F401 - the bilingual site fixture
from tests.tourism.factories import make_destination, publish
from tourism.models import DestinationIndexPage, DestinationPage


def warm_queries(client, url, **headers):
    client.get(url, **headers)  # warm: renditions, content types, page caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize("language", [0, 1], ids=["id", "en"])
@pytest.mark.parametrize("kind", ["home", "destination"])
def test_warm_home_and_destination_make_no_query(client, full_site, kind, language):  # noqa: F811
    """No Site, Locale, root page or routed page query once warm (Wagtail's serve
    made 3 on these pages in Indonesian, 4 in English)."""
    page = full_site.pages()[kind][language]
    assert warm_queries(client, page.url) == []


def test_english_pages_under_en(client, full_site):  # noqa: F811
    home = client.get("/en/")
    assert home.status_code == 200
    assert b"Explore Banua" in home.content
    destination = client.get(full_site.destination_en.url)
    assert full_site.destination_en.url.startswith("/en/")
    assert destination.status_code == 200
    assert b"Sasirangan Village" in destination.content
    assert b"Jelajahi Banua" in client.get("/").content


def test_published_change_is_served_at_once(client, full_site):  # noqa: F811
    destination = full_site.destination
    assert b"Kampung Sasirangan" in client.get(destination.url).content
    destination.title = "Kampung Sasirangan Baru"
    publish(destination)
    assert b"Kampung Sasirangan Baru" in client.get(destination.url).content


def test_draft_is_not_served(client, full_site):  # noqa: F811
    """A draft of a live page leaves the live version served; a new page never
    published is a 404."""
    destination = full_site.destination
    url = destination.url
    client.get(url)
    destination.title = "Judul Draf"
    destination.save_revision()
    response = client.get(url)
    assert response.status_code == 200
    assert b"Judul Draf" not in response.content
    draft = DestinationPage(
        title="Belum Terbit",
        slug="belum-terbit",
        summary="Draf.",
        category="river",
        region="banjar",
        live=False,
    )
    full_site.tree.destinations.add_child(instance=draft)
    draft.save_revision()
    assert client.get("/destinasi/belum-terbit/").status_code == 404


def test_unpublished_destination_is_not_found_at_once(client, full_site):  # noqa: F811
    url = full_site.destination.url
    assert client.get(url).status_code == 200
    full_site.destination.unpublish()
    assert client.get(url).status_code == 404


def test_slug_change_is_served_at_once(client, full_site):  # noqa: F811
    destination = full_site.destination
    old_url = destination.url
    assert client.get(old_url).status_code == 200
    destination.slug = "kampung-kain"
    publish(destination)
    assert client.get(old_url).status_code == 404
    assert client.get("/destinasi/kampung-kain/").status_code == 200


def test_move_is_served_at_once(client, full_site):  # noqa: F811
    destination = full_site.destination
    old_url = destination.url
    assert client.get(old_url).status_code == 200
    other = DestinationIndexPage(title="Wisata", slug="wisata")
    full_site.tree.home.add_child(instance=other)
    publish(other)
    destination.move(other, pos="last-child")
    # Not the cached old route: Wagtail's redirect to the new URL, created on the move.
    old = client.get(old_url)
    assert old.status_code == 301
    assert old["Location"] == "/wisata/kampung-sasirangan/"
    moved = client.get("/wisata/kampung-sasirangan/")
    assert moved.status_code == 200
    assert b"Kampung Sasirangan" in moved.content


def test_private_destination_asks_for_login(client, full_site):  # noqa: F811
    url = full_site.destination.url
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=full_site.destination.pk),
        restriction_type=PageViewRestriction.LOGIN,
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert "private" in response["Cache-Control"]


def test_new_site_root_is_served_at_once(client, full_site):  # noqa: F811
    assert b"Jelajahi Banua" in client.get("/").content
    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(pk=full_site.tree.destinations.pk)
    site.save()
    index = client.get("/")
    assert index.status_code == 200
    assert b"Jelajahi Banua" not in index.content
    assert b"Kampung Sasirangan" in index.content


def test_each_host_routes_from_its_own_site(client, full_site):  # noqa: F811
    """The root page is cached per host: a second site's host gets its own root."""
    Site.objects.create(
        hostname="pasar.example",
        port=80,
        root_page=Page.objects.get(pk=full_site.tree.destinations.pk),
    )
    assert b"Jelajahi Banua" in client.get("/").content
    other = client.get("/", HTTP_HOST="pasar.example")
    assert other.status_code == 200
    assert b"Jelajahi Banua" not in other.content
    assert b"Kampung Sasirangan" in other.content
    assert client.get(
        "/kampung-sasirangan/", HTTP_HOST="pasar.example"
    ).status_code == (200)
    assert b"Jelajahi Banua" in client.get("/").content


def test_missing_page_slash_and_redirects(client, full_site):  # noqa: F811
    """Django's trailing-slash redirect, Wagtail's redirects and the 404 page stay."""
    url = full_site.destination.url
    no_slash = client.get(url.rstrip("/"))
    assert no_slash.status_code == 301
    assert no_slash["Location"] == url
    assert client.get("/destinasi/tidak-ada/").status_code == 404
    Redirect.objects.create(
        old_path="/destinasi/lama", redirect_page=full_site.destination
    )
    moved = client.get("/destinasi/lama/")
    assert moved.status_code == 301
    assert moved["Location"].endswith(url)


def test_anonymous_page_stays_shareable(client, full_site):  # noqa: F811
    response = client.get(full_site.destination.url)
    assert "s-maxage" in response["Cache-Control"]


def test_new_destination_is_routed_at_once(client, full_site):  # noqa: F811
    assert client.get("/destinasi/danau-seran/").status_code == 404
    make_destination(full_site.tree.destinations, title="Danau Seran")
    assert client.get("/destinasi/danau-seran/").status_code == 200
