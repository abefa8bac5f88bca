"""What shoppers see of the vendors app: the /toko/ directory, where log-in leads,
shop stories in English, and the footer's standard pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.models import ProductStatus
from tests.marketplace.factories import ProductFactory, sellable_variant
from tests.tourism.factories import build_site_tree, publish, translate
from tests.vendors.factories import UserFactory, VendorFactory
from vendors.models import VendorStatus

pytestmark = pytest.mark.django_db


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


# --- /toko/ ----------------------------------------------------------------------------
def test_the_directory_lists_active_shops_with_their_products(client):
    shown = sellable_variant().product.vendor
    ProductFactory(vendor=shown, status=ProductStatus.DRAFT)  # not counted
    VendorFactory(name="Toko Menunggu", status=VendorStatus.PENDING)
    response = client.get("/toko/")
    page = response.content.decode()
    assert response.status_code == 200
    assert shown.name in page and "Toko Menunggu" not in page
    assert reverse("vendors:shop_detail", args=[shown.slug]) in page
    assert response.context["vendors"][0].product_count == 1
    assert "public" in _cache_control(response)  # shareable for anonymous visitors


def test_the_directory_filters_by_region_and_category(client):
    VendorFactory(name="Sasirangan Kota", region="banjarmasin", category="sasirangan")
    VendorFactory(name="Intan Martapura", region="banjar", category="jewellery")
    VendorFactory(name="Kue Banjar", region="banjar", category="food")
    page = client.get("/toko/", {"wilayah": "banjar"}).content.decode()
    assert "Intan Martapura" in page and "Kue Banjar" in page
    assert "Sasirangan Kota" not in page
    page = client.get(
        "/toko/", {"wilayah": "banjar", "kategori": "jewellery"}
    ).content.decode()
    assert "Intan Martapura" in page and "Kue Banjar" not in page
    # Unknown filters and page numbers filter nothing and never fail.
    response = client.get(
        "/toko/", {"wilayah": "atlantis", "kategori": "x", "page": "zz"}
    )
    assert (
        response.status_code == 200 and "Sasirangan Kota" in response.content.decode()
    )


def test_the_directory_is_paginated_and_keeps_the_filters(client):
    for number in range(26):
        VendorFactory(name=f"Toko {number:02d}", region="tapin")
    first = client.get("/toko/", {"wilayah": "tapin"})
    assert len(first.context["vendors"]) == 24
    assert "wilayah=tapin&amp;page=2" in first.content.decode()
    second = client.get("/toko/", {"wilayah": "tapin", "page": 2})
    assert len(second.context["vendors"]) == 2


def test_the_directory_exists_in_english(client):
    VendorFactory(name="Toko Dua Bahasa")
    with translation.override("en"):
        url = reverse("vendors:shop_directory")
    assert url == "/en/toko/"
    response = client.get(url)
    assert (
        response.status_code == 200 and "Toko Dua Bahasa" in response.content.decode()
    )


# --- log-in ----------------------------------------------------------------------------
def _login(client, user, **extra):
    return client.post(
        reverse("vendors:login"),
        {"username": user.username, "password": "secret-pass-123", **extra},
    )


def test_a_shopper_who_logs_in_comes_back_where_they_were(client):
    product = sellable_variant().product
    url = reverse("marketplace:product_detail", args=[product.slug])
    page = client.get(url).content.decode()
    assert f"{reverse('vendors:login')}?next={url}" in page  # the header's link
    response = _login(client, UserFactory(), next=url)
    assert response.status_code == 302 and response["Location"] == url


def test_without_next_shoppers_go_to_their_account_and_sellers_to_the_dashboard(client):
    response = _login(client, UserFactory())
    assert response["Location"] == reverse("marketplace:account")
    client.logout()
    response = _login(client, VendorFactory().owner)
    assert response["Location"] == reverse("vendors:dashboard")


def test_log_in_never_sends_anyone_off_site(client):
    response = _login(client, UserFactory(), next="https://evil.example/")
    assert response["Location"] == reverse("marketplace:account")


# --- English shop story ----------------------------------------------------------------
def test_a_shop_story_in_english_or_marked_indonesian(client):
    vendor = VendorFactory(story="Usaha keluarga sejak 1980.")
    with translation.override("en"):
        url = reverse("vendors:shop_detail", args=[vendor.slug])
    page = client.get(url).content.decode()
    assert (
        '<div class="prose" lang="id"><p>Usaha keluarga sejak 1980.</p></div>' in page
    )
    assert 'class="lang-note"' in page
    vendor.story_en = "A family business since 1980."
    vendor.save()
    page = client.get(url).content.decode()
    assert "A family business since 1980." in page and 'class="lang-note"' not in page


# --- footer ----------------------------------------------------------------------------
def test_the_footer_links_the_standard_pages_of_the_visitors_language(client):
    from django.core.cache import cache

    from tourism.models import StandardPage

    cache.clear()
    tree = build_site_tree()
    terms = StandardPage(title="Syarat dan Ketentuan", slug="syarat", intro="Aturan.")
    tree.home.add_child(instance=terms)
    publish(terms)
    hidden = StandardPage(
        title="Catatan Internal", slug="catatan", show_in_footer=False
    )
    tree.home.add_child(instance=hidden)
    publish(hidden)
    translate(terms, tree.locale_en, title="Terms and Conditions", slug="terms")
    cache.clear()
    page = client.get("/toko/").content.decode()
    footer = page.split('<footer class="site-footer">', 1)[1]
    assert 'href="/syarat/"' in footer and "Syarat dan Ketentuan" in footer
    assert "Catatan Internal" not in footer
    with translation.override("en"):
        english = client.get("/en/toko/").content.decode()
    assert "Terms and Conditions" in english.split('<footer class="site-footer">', 1)[1]
    response = client.get("/syarat/")
    assert response.status_code == 200 and "Aturan." in response.content.decode()


# --- English texts written by the vendor -----------------------------------------------
def test_the_vendor_writes_english_texts_through_the_api():
    import json

    from tests.marketplace.factories import CategoryFactory
    from tests.vendors.test_api import _csrf_client

    vendor = VendorFactory()
    category = CategoryFactory()
    client, token = _csrf_client(vendor.owner)
    payload = {
        "name": "Tas Purun",
        "name_en": "Purun bag",
        "description_en": "A woven purun-grass bag.",
        "category": category.slug,
        "description": "Tas anyaman.",
        "status": "draft",
        "variants": [{"sku": "TP-S", "price": 65000, "stock": 3, "label_en": "Small"}],
    }
    created = client.post(
        "/api/v1/vendors/me/products",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name_en"] == "Purun bag"
    assert body["variants"][0]["label_en"] == "Small"
    product = vendor.products.get()
    assert product.description_en == "A woven purun-grass bag."


def test_the_dashboard_product_form_has_the_english_fields(client):
    vendor = VendorFactory()
    client.force_login(vendor.owner)
    page = client.get(reverse("vendors:product_create")).content.decode()
    for name in ("name_en", "description_en", "motif_meaning_en"):
        assert f'name="{name}"' in page
    assert 'name="variants-0-label_en"' in page
    shop = client.get(reverse("vendors:shop_edit")).content.decode()
    assert 'name="story_en"' in shop
