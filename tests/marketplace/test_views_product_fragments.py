"""The product page is served from cached fragments (views.catalogue.product_detail):
built once, rebuilt as soon as the product, a variant, its stock or its shop changes,
never sharing one visitor's CSRF token with another."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.models import ProductVariant
from marketplace.signals import stock_changed
from tests.marketplace.factories import ProductImageFactory, sellable_variant

pytestmark = pytest.mark.django_db


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    product_queries = [
        q["sql"] for q in queries.captured_queries if "marketplace_product" in q["sql"]
    ]
    return response, product_queries


def test_warm_page_loads_no_product_and_keeps_the_same_html(client):
    variant = sellable_variant(price=150000, stock=3)
    ProductImageFactory(product=variant.product)
    url = f"/produk/{variant.product.slug}/"
    first, built = _get(client, url)
    second, warm = _get(client, url)
    assert built  # the miss loads the product
    assert warm == []  # the hit does not
    assert second.status_code == 200
    assert second.content == first.content
    assert "Rp\xa0150.000" in second.content.decode()


def test_price_stock_and_visibility_changes_show_at_once(
    client, django_capture_on_commit_callbacks
):
    variant = sellable_variant(price=150000, stock=3)
    url = f"/produk/{variant.product.slug}/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        variant.price = 99000
        variant.save()
    assert "Rp\xa099.000" in client.get(url).content.decode()

    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(pk=variant.pk).update(stock=0)
        stock_changed.send(sender=ProductVariant, variant_ids=[variant.pk])
    assert "out-of-stock" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        product = variant.product
        product.is_hidden = True
        product.save(update_fields=["is_hidden"])
    assert client.get(url).status_code == 404


def test_languages_get_their_own_fragments(client):
    variant = sellable_variant()
    client.get(f"/produk/{variant.product.slug}/")
    english = client.get(f"/en/produk/{variant.product.slug}/").content.decode()
    assert "Add to cart" in english
    assert 'value="/en/produk/' in english  # the form's `next`


def test_csrf_token_is_per_visitor_and_never_cached(client):
    variant = sellable_variant()
    url = f"/produk/{variant.product.slug}/"
    assert "csrfmiddlewaretoken" not in client.get(url).content.decode()
    client.cookies["csrftoken"] = "x" * 32
    with_state = client.get(url).content.decode()
    assert with_state.count('name="csrfmiddlewaretoken"') == 1
    client.cookies.clear()
    assert "csrfmiddlewaretoken" not in client.get(url).content.decode()


def test_queries_cold_and_warm(client, django_assert_max_num_queries):
    """Cold (fragments retired): the product, its photos and renditions, variants,
    reviews, related products; warm: only the Site of the navigation's links."""
    from core import generations

    variant = sellable_variant()
    for _ in range(6):
        ProductImageFactory(product=variant.product)
        sellable_variant(vendor=variant.product.vendor)
    url = f"/produk/{variant.product.slug}/"
    client.get(url)  # renditions are made on the first view
    generations.replace(generations.STOREFRONT)
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200
