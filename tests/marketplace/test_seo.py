"""Sharing and search engines: canonical, Open Graph, Twitter, JSON-LD, sitemap with
hreflang alternates, the manifest; every absolute URL at the configured address."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.marketplace.factories import ProductImageFactory, sellable_variant
from tests.vendors.factories import VendorFactory
from tests.vendors.orders import make_review

pytestmark = pytest.mark.django_db
SITE = "https://banua.example"


@pytest.fixture(autouse=True)
def _site_address(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE


def _head(html: str) -> str:
    return html.split("</head>")[0]


def _json_ld(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]


def _meta(html: str, name: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{name}" content="([^"]*)"', html)
    return match.group(1) if match else ""


def test_product_page_has_canonical_share_cards_and_product_json_ld(client):
    vendor = VendorFactory()
    variant = sellable_variant(vendor=vendor, price=185000, stock=2)
    product = variant.product
    ProductImageFactory(product=product)
    make_review(vendor=vendor, rating=4)
    from marketplace.models import Review

    Review.objects.update(product=product)
    path = reverse("marketplace:product_detail", kwargs={"slug": product.slug})
    # Asked on another host (a proxy, a developer's machine): the URLs stay the site's.
    html = client.get(path, HTTP_HOST="localhost:8000").content.decode()
    head = _head(html)
    assert f'<link rel="canonical" href="{SITE}{path}">' in head
    assert _meta(head, "og:url") == SITE + path
    assert _meta(head, "og:image").startswith(SITE + "/")
    assert _meta(head, "og:image").endswith(".jpg")
    assert _meta(head, "twitter:card") == "summary_large_image"
    assert "localhost" not in head
    (data,) = [item for item in _json_ld(html) if item["@type"] == "Product"]
    assert data["url"] == SITE + path
    assert data["image"][0].startswith(SITE + "/")
    (offer,) = data["offers"]
    assert (offer["price"], offer["priceCurrency"]) == ("185000", "IDR")
    assert offer["availability"] == "https://schema.org/InStock"
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.0,
        "reviewCount": 1,
    }


def test_shop_page_has_store_json_ld_and_share_cards(client):
    vendor = VendorFactory(name="Sasirangan Galuh", address="Jl. Sungai Jingah 12")
    sellable_variant(vendor=vendor)
    make_review(vendor=vendor, rating=5)
    path = reverse("vendors:shop_detail", kwargs={"slug": vendor.slug})
    html = client.get(path, HTTP_HOST="localhost:8000").content.decode()
    head = _head(html)
    assert f'<link rel="canonical" href="{SITE}{path}">' in head
    assert _meta(head, "og:title") == "Sasirangan Galuh"
    assert "localhost" not in head
    (store,) = [item for item in _json_ld(html) if item["@type"] == "Store"]
    assert store["url"] == SITE + path
    assert store["address"]["streetAddress"] == "Jl. Sungai Jingah 12"
    assert store["address"]["addressCountry"] == "ID"
    assert store["aggregateRating"]["reviewCount"] >= 1


def test_sitemap_lists_products_and_shops_with_hreflang_alternates(client):
    variant = sellable_variant()
    vendor = variant.product.vendor
    xml = client.get("/sitemap.xml", HTTP_HOST="localhost:8000").content.decode()
    product_path = f"/produk/{variant.product.slug}/"
    shop_path = f"/toko/{vendor.slug}/"
    for path in (product_path, shop_path):
        assert f"<loc>{SITE}{path}</loc>" in xml
        assert f"<loc>{SITE}/en{path}</loc>" in xml
        assert f'hreflang="en" href="{SITE}/en{path}"' in xml
        assert f'hreflang="id" href="{SITE}{path}"' in xml
        assert f'hreflang="x-default" href="{SITE}{path}"' in xml
    assert "localhost" not in xml


def test_hidden_products_and_pending_shops_stay_out_of_the_sitemap(client):
    variant = sellable_variant()
    variant.product.is_hidden = True
    variant.product.save()
    pending = VendorFactory(status="pending")
    xml = client.get("/sitemap.xml").content.decode()
    assert variant.product.slug not in xml
    assert f"/toko/{pending.slug}/" not in xml


def test_favicon_and_web_app_manifest_are_local_files(client):
    html = client.get(reverse("marketplace:catalogue")).content.decode()
    head = _head(html)
    manifest_href = re.search(r'<link rel="manifest" href="([^"]+)"', head).group(1)
    assert manifest_href.startswith("/static/")
    assert re.search(r'<link rel="icon" href="/static/[^"]+\.svg"', head)
    static = Path(django_settings.BASE_DIR) / "banua" / "static" / "banua"
    manifest = json.loads((static / "manifest.webmanifest").read_text())
    assert manifest["short_name"] == "Banua"
    for icon in manifest["icons"]:
        assert (static / icon["src"]).is_file()
