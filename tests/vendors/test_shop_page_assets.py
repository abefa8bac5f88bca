"""What kept the shop page under Lighthouse 100 on a phone, checked in its HTML: a
render-blocking stylesheet of its own (the dashboard's, for five rules) and a logo
with no picture big enough for a phone's pixel density."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.images import make_image
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db

BASE_STYLESHEETS = {"banua/css/site.css", "search/css/autocomplete.css"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _widths(srcset: str) -> list[int]:
    return [int(width) for width in re.findall(r"\s(\d+)w", srcset)]


@pytest.fixture
def shop_html(client):
    vendor = VendorFactory(
        logo=make_image("logo", size=(192, 192)),
        banner=make_image("banner", size=(1200, 400)),
    )
    response = client.get(reverse("vendors:shop_detail", kwargs={"slug": vendor.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_shop_page_loads_only_the_sites_stylesheets(shop_html):
    stylesheets = {
        re.sub(r"^/static/|\.[0-9a-f]{12}(?=\.css$)", "", attrs["href"])
        for tag, attrs in _tags(shop_html)
        if tag == "link" and attrs.get("rel") == "stylesheet"
    }
    assert stylesheets == BASE_STYLESHEETS


def test_logo_and_banner_offer_pictures_sized_for_a_phone(shop_html):
    images = {
        attrs.get("class"): attrs for tag, attrs in _tags(shop_html) if tag == "img"
    }
    logo, banner = images["shop__logo"], images["shop__banner"]
    # Shown at 96 CSS pixels: a phone at 2x needs a 192 px picture.
    assert logo["sizes"] == "96px"
    assert max(_widths(logo["srcset"])) >= 192
    # Full width: a small picture for a phone, the large one for a desktop.
    assert banner["sizes"] == "100vw"
    assert min(_widths(banner["srcset"])) <= 480
    assert max(_widths(banner["srcset"])) >= 1200
    assert banner["fetchpriority"] == "high" and "loading" not in banner
    sources = [attrs for tag, attrs in _tags(shop_html) if tag == "source"]
    assert {source["type"] for source in sources} == {"image/avif"}
