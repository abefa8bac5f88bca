"""The base template: language routing, the switcher, accessibility landmarks, local assets."""

import re

import pytest
from django.utils import translation

from tests.tourism.factories import build_site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_tree():
    return build_site_tree()


def test_indonesian_lives_at_the_root_and_english_under_en(client, site_tree):
    home_id = client.get("/")
    home_en = client.get("/en/")

    assert home_id.status_code == home_en.status_code == 200
    assert '<html lang="id">' in home_id.text
    assert "Jelajahi Banua" in home_id.text
    assert '<html lang="en">' in home_en.text
    assert "Explore Banua" in home_en.text


def test_indonesian_is_served_at_root_even_to_english_browsers(client, site_tree):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})

    assert response.status_code == 200
    assert '<html lang="id">' in response.text


def test_language_switcher_links_to_the_page_in_the_other_language(client, site_tree):
    html = client.get("/").text

    assert re.search(r'<a href="/en/"[^>]*hreflang="en"', html)
    assert 'aria-current="true" lang="id"' in html


def test_page_has_landmarks_skip_link_and_labelled_search(client, site_tree):
    html = client.get("/").text

    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'class="skip-link" href="#main"' in html
    assert '<label for="site-search-q"' in html
    assert (
        '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    )
    assert '<meta name="description"' in html


def test_no_remote_assets_are_loaded(client, site_tree):
    html = client.get("/").text

    # Alternate and canonical links name pages, not assets, so only loaded resources count.
    tags = re.findall(r"<(?:link|script|img|source)\b[^>]*>", html)
    assets = [
        tag for tag in tags if not re.search(r'rel="(?:alternate|canonical)"', tag)
    ]
    asset_urls = [
        url
        for tag in assets
        for url in re.findall(r'(?:src|href|srcset)="([^"]+)"', tag)
    ]
    assert asset_urls, "expected at least the stylesheet"
    assert not [url for url in asset_urls if url.startswith(("http:", "https:", "//"))]


def test_interface_strings_are_translated_into_indonesian():
    # Needs compiled catalogues: `make test` runs compilemessages first.
    with translation.override("id"):
        assert translation.gettext("Skip to content") == "Langsung ke konten"
    with translation.override("en"):
        assert translation.gettext("Skip to content") == "Skip to content"


def test_unknown_pages_get_a_friendly_404(client, site_tree):
    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert "<h1>Halaman tidak ditemukan</h1>" in response.text
    assert '<a href="/">' in response.text


# --- the header and footer as shared fragments -----------------------------------------
@pytest.fixture
def navigation_builds(monkeypatch):
    """How many times a request worked the site navigation out (the header and the
    footer are its only readers)."""
    from banua import context_processors

    calls = []
    original = context_processors._navigation

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(context_processors, "_navigation", counted)
    return calls


def test_an_anonymous_page_reuses_its_header_and_footer(
    client, site_tree, navigation_builds
):
    first = client.get("/destinasi/").text
    assert navigation_builds  # built once, then stored
    navigation_builds.clear()
    second = client.get("/destinasi/").text
    assert navigation_builds == []
    assert second == first
    # Each page keeps its own header: the log-in link comes back to it.
    assert "?next=/destinasi/" in second
    assert "?next=/agenda/" in client.get("/agenda/").text


def test_a_query_string_or_a_missing_page_renders_the_header_each_time(
    client, site_tree, navigation_builds
):
    for path in ("/destinasi/?page=2", "/destinasi/?page=2", "/nope/", "/nope/"):
        navigation_builds.clear()
        client.get(path)
        assert navigation_builds, path


def test_logged_in_visitors_and_carts_never_get_the_anonymous_header(
    client, site_tree, django_user_model
):
    from tests.marketplace.factories import sellable_variant

    anonymous = client.get("/destinasi/").text
    assert "/akun/masuk/" in anonymous
    variant = sellable_variant()
    client.post("/keranjang/tambah/", {"variant": variant.pk, "quantity": 2})
    with_cart = client.get("/destinasi/").text
    assert "data-cart-count>2<" in with_cart
    user = django_user_model.objects.create_user("rina", "rina@example.test", "pw")
    client.force_login(user)
    logged_in = client.get("/destinasi/").text
    assert "/akun/keluar/" in logged_in
    assert "?next=/destinasi/" not in logged_in
