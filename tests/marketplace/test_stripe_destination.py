"""The Stripe Connect destination is one rule (``Vendor.stripe_destination``): the
ledger schedules and releases transfers by it, and the payouts dashboard shows it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace import services
from marketplace.models import Payout, PayoutStatus
from marketplace.services.ledger import payout_release
from tests.marketplace.factories import place_order, sellable_variant
from tests.vendors.factories import VendorFactory
from vendors.models import PayoutStatus as VendorPayoutStatus


@pytest.mark.parametrize(
    ("account", "status", "expected"),
    [
        ("acct_1", VendorPayoutStatus.ENABLED, "acct_1"),
        ("acct_1", VendorPayoutStatus.PENDING, None),
        ("acct_1", VendorPayoutStatus.RESTRICTED, None),
        ("", VendorPayoutStatus.ENABLED, None),
    ],
)
def test_the_destination_needs_an_account_with_payouts_enabled(
    account, status, expected
):
    vendor = VendorFactory.build(stripe_account_id=account, payout_status=status)
    assert vendor.stripe_destination == expected


def _paid_order(vendor):
    order = place_order(
        items=[(sellable_variant(vendor=vendor, price=100000), 1)],
        shipping_method="pickup",
        provider="stripe",
    )
    services.order_mark_paid(order_id=order.pk, payment_intent_id=f"pi_{order.pk}")


@pytest.mark.django_db
def test_an_account_without_enabled_payouts_gets_no_scheduled_transfer():
    """An account id alone is not a destination: Stripe has not enabled payouts."""
    _paid_order(
        VendorFactory(
            stripe_account_id="acct_1Pending",
            payout_status=VendorPayoutStatus.PENDING,
        )
    )
    assert not Payout.objects.exists()


@pytest.mark.django_db
def test_a_transfer_is_not_released_once_payouts_are_switched_off():
    vendor = VendorFactory(
        stripe_account_id="acct_1Enabled", payout_status=VendorPayoutStatus.ENABLED
    )
    _paid_order(vendor)
    payout = Payout.objects.get()
    Payout.objects.filter(pk=payout.pk).update(release_at=timezone.now())
    vendor.payout_status = VendorPayoutStatus.RESTRICTED
    vendor.save(update_fields=["payout_status"])

    # No Stripe call is made: the office pays it by bank instead.
    assert payout_release(payout_id=payout.pk).status == PayoutStatus.SCHEDULED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "shown"),
    [(VendorPayoutStatus.ENABLED, True), (VendorPayoutStatus.PENDING, False)],
)
def test_the_payouts_dashboard_follows_the_same_rule(client, status, shown):
    vendor = VendorFactory(stripe_account_id="acct_1Dash", payout_status=status)
    client.force_login(vendor.owner)
    response = client.get(reverse("vendors:payouts"))
    assert response.status_code == 200
    start = reverse("vendors:payout_stripe_start")
    # The set-up form is offered only while there is no destination.
    assert (start not in response.content.decode()) == shown
