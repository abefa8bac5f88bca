"""The destination page's "makers and products nearby" block is a cached fragment:
built once, and rebuilt as soon as a product, variant, stock or shop changes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.models import ProductVariant
from marketplace.signals import stock_changed
from tests.marketplace.factories import ProductFactory, ProductVariantFactory
from tests.tourism.conftest import full_site  # noqa: F401 - the bilingual site fixture


def nearby(client, url) -> str:
    html = client.get(url).content.decode()
    start = html.find('aria-labelledby="makers-nearby"')
    return html[start : html.index("</section>", start)] if start >= 0 else ""


def test_fragment_is_reused_then_rebuilt_on_marketplace_changes(
    client,
    full_site,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    url = full_site.destination.url
    assert "Kain Gigi Haruan" in nearby(client, url)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert not any("marketplace_product" in q["sql"] for q in warm.captured_queries)

    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(vendor=full_site.vendor, name="Tas Purun Baru")
        ProductVariantFactory(product=product)
    assert "Tas Purun Baru" in nearby(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        product.is_hidden = True
        product.save(update_fields=["is_hidden"])
    assert "Tas Purun Baru" not in nearby(client, url)


def test_fragment_is_rebuilt_on_stock_changed(
    client,
    full_site,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    url = full_site.destination.url
    nearby(client, url)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stock_changed.send(
            sender=ProductVariant,
            variant_ids=[full_site.product.variants.get().pk],
        )
    assert callbacks  # the token is replaced after commit
    with CaptureQueriesContext(connection) as rebuilt:
        client.get(url)
    assert any("marketplace_product" in q["sql"] for q in rebuilt.captured_queries)
