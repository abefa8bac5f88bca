"""Other-language URLs come from ``core.translation_urls``: robots.txt, the language
switcher, the translation notice and the e-mails ask it instead of writing ``/en/``."""

import pytest
from django.test import override_settings
from django.utils import translation

from core.translation_urls import (
    absolute_reverse_in_language,
    path_in_language,
    reverse_in_every_language,
    reverse_in_language,
)


def test_a_view_in_each_language():
    assert reverse_in_language("marketplace:cart", language="en") == "/en/keranjang/"
    assert reverse_in_every_language("marketplace:cart") == [
        "/keranjang/",
        "/en/keranjang/",
    ]


@override_settings(WAGTAILADMIN_BASE_URL="https://banua.example")
def test_an_absolute_url_for_an_email():
    url = absolute_reverse_in_language(
        "marketplace:product_detail", language="en", kwargs={"slug": "kain"}
    )
    assert url == "https://banua.example/en/produk/kain/"


@pytest.mark.parametrize("active", ["id", "en"])
def test_a_path_is_translated_whichever_language_is_active(active):
    """Resolved in Indonesian, /en/ would be a page slugged "en" and stay /en/."""
    with translation.override(active):
        assert path_in_language("/en/", language="id") == "/"
        assert path_in_language("/", language="en") == "/en/"
        assert path_in_language("/en/keranjang/?a=1", language="id") == (
            "/keranjang/?a=1"
        )


def test_robots_txt_disallows_checkout_in_every_language_but_not_the_cart(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /checkout/" in body
    assert "Disallow: /en/checkout/" in body
    assert "keranjang" not in body
