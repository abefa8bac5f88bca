"""The low-stock e-mail: queued through the outbox by a background task, once per spell."""

import pytest

from marketplace.models import ProductVariant
from notifications.models import OutboundEmail
from tests.marketplace.factories import place_order, sellable_variant
from tests.vendors.factories import VendorFactory
from vendors import services
from vendors.services.stock_alerts import low_stock_check

pytestmark = pytest.mark.django_db


def _low_stock_mails():
    return list(OutboundEmail.objects.filter(template="vendors/low_stock"))


def test_checkout_that_leaves_few_units_mails_the_vendor_once(
    django_capture_on_commit_callbacks,
):
    vendor = VendorFactory(low_stock_threshold=3)
    variant = sellable_variant(vendor=vendor, stock=6)
    with django_capture_on_commit_callbacks(execute=True):
        place_order(items=[(variant, 2)])  # sellable 4: above the threshold
    assert _low_stock_mails() == []
    with django_capture_on_commit_callbacks(execute=True):
        place_order(items=[(variant, 1)])  # sellable 3: at the threshold
    (mail,) = _low_stock_mails()
    assert mail.to == vendor.owner.email
    assert variant.sku in mail.subject
    assert "/dasbor/stok/" in mail.body
    with django_capture_on_commit_callbacks(execute=True):
        place_order(items=[(variant, 1)])  # still low: no second mail
    assert len(_low_stock_mails()) == 1
    # The task running again for the same change is harmless.
    assert low_stock_check(variant_ids=[variant.pk]) == 0
    assert len(_low_stock_mails()) == 1


def test_restocking_rearms_the_alert(django_capture_on_commit_callbacks):
    vendor = VendorFactory(low_stock_threshold=2)
    variant = sellable_variant(vendor=vendor, stock=3)
    with django_capture_on_commit_callbacks(execute=True):
        place_order(items=[(variant, 1)])
    assert len(_low_stock_mails()) == 1
    variant.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.variant_stock_bulk_update(
            vendor=vendor, actor=vendor.owner, stocks={variant.pk: 20}
        )
    variant.refresh_from_db()
    assert variant.low_stock_alerted_at is None
    with django_capture_on_commit_callbacks(execute=True):
        place_order(items=[(variant, 17)])
    assert len(_low_stock_mails()) == 2


def test_a_variant_threshold_overrides_the_shops():
    vendor = VendorFactory(low_stock_threshold=3)
    variant = sellable_variant(vendor=vendor, stock=10)
    ProductVariant.objects.filter(pk=variant.pk).update(low_stock_threshold=12)
    assert low_stock_check(variant_ids=[variant.pk]) == 1
    other = sellable_variant(vendor=vendor, stock=2)
    ProductVariant.objects.filter(pk=other.pk).update(low_stock_threshold=1)
    assert low_stock_check(variant_ids=[other.pk]) == 0
