"""What the storefront may show is one rule (``marketplace.models.catalogue.VISIBLE_WHEN``)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["draft", "published", "archived"])
@pytest.mark.parametrize("is_hidden", [False, True])
@pytest.mark.parametrize("vendor_status", ["pending", "approved", "suspended"])
def test_the_visibility_rule_is_one_rule_for_queryset_and_indexer(
    status, is_hidden, vendor_status
):
    """The storefront's queryset, the model's predicate and the search indexer agree
    on every combination (they were two copies of the rule)."""
    from marketplace.models import Product
    from search.documents import ProductDocument
    from tests.marketplace.factories import ProductFactory
    from tests.vendors.factories import VendorFactory

    product = ProductFactory(
        status=status,
        is_hidden=is_hidden,
        vendor=VendorFactory(status=vendor_status),
    )
    in_queryset = Product.objects.visible().filter(pk=product.pk).exists()
    assert in_queryset == (
        status == "published" and not is_hidden and vendor_status == "approved"
    )
    assert product.is_visible is in_queryset
    assert ProductDocument().should_index_object(product) is in_queryset
