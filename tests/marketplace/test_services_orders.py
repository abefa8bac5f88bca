"""Order state machine, vendor fulfilment, ledger, payouts and refunds."""

import pytest
from django.utils import timezone

from marketplace import selectors, services
from marketplace.errors import MarketplaceError
from marketplace.models import (
    LedgerEntry,
    LedgerKind,
    Order,
    OrderStatus,
    OrderStatusChange,
    Payout,
    PayoutMethod,
    PayoutStatus,
    Refund,
)
from tests.marketplace.factories import place_order, sellable_variant
from tests.marketplace.stripe_events import event, post
from tests.vendors.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


def _paid_two_vendor_order(**vendor_fields):
    first = sellable_variant(vendor=VendorFactory(**vendor_fields), price=100000)
    second = sellable_variant(vendor=VendorFactory(**vendor_fields), price=50000)
    order = place_order(items=[(first, 1), (second, 2)], shipping_method="pickup")
    services.order_mark_paid(order_id=order.pk)
    return Order.objects.get(pk=order.pk)


def test_invalid_transitions_are_refused_with_history_intact():
    variant = sellable_variant()
    order = place_order(items=[(variant, 1)])
    sub = order.suborders.get()
    with pytest.raises(MarketplaceError) as error:
        services.suborder_mark_shipped(
            suborder=sub, courier="JNE", tracking_number="X1", actor=None
        )
    assert error.value.code == "invalid_transition"
    assert not OrderStatusChange.objects.filter(to_status=OrderStatus.SHIPPED).exists()
    services.order_cancel_unpaid(order_id=order.pk)
    with pytest.raises(MarketplaceError):
        services.order_refund(order=Order.objects.get(pk=order.pk))


def test_order_follows_its_suborders_with_timestamped_history():
    order = _paid_two_vendor_order()
    first, second = order.suborders.order_by("id")
    owner = first.vendor.owner
    services.suborder_mark_shipped(
        suborder=first, courier="JNE", tracking_number="JNE123", actor=owner
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PROCESSING  # one of two shipped
    services.suborder_mark_shipped(
        suborder=second, courier="J&T", tracking_number="JT9", actor=second.vendor.owner
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    for sub in order.suborders.all():
        services.suborder_mark_delivered(suborder=sub, actor=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    moves = list(
        OrderStatusChange.objects.filter(order=order, suborder=None).values_list(
            "to_status", flat=True
        )
    )
    assert moves[-4:] == ["paid", "processing", "shipped", "delivered"]
    assert all(
        change.created_at for change in OrderStatusChange.objects.filter(order=order)
    )


def test_shipping_needs_tracking_unless_pickup():
    variant = sellable_variant()
    order = place_order(items=[(variant, 1)], shipping_method="flat")
    services.order_mark_paid(order_id=order.pk)
    with pytest.raises(MarketplaceError) as error:
        services.suborder_mark_shipped(
            suborder=order.suborders.get(), courier="", tracking_number="", actor=None
        )
    assert error.value.code == "tracking_required"


def test_vendor_selectors_never_show_another_vendors_suborders():
    order = _paid_two_vendor_order()
    first, second = order.suborders.order_by("id")
    assert list(selectors.suborder_list_for_vendor(vendor=first.vendor)) == [first]
    assert (
        selectors.suborder_get_for_vendor(vendor=first.vendor, suborder_id=second.pk)
        is None
    )
    assert (
        selectors.suborder_get_for_vendor(vendor=first.vendor, suborder_id="abc")
        is None
    )
    days = selectors.vendor_sales_by_day(vendor=first.vendor, days=7)
    assert len(days) == 7
    assert days[-1] == (timezone.localdate(), first.gross)
    assert (
        selectors.order_count_since(since=timezone.now() - timezone.timedelta(days=1))
        == 1
    )


def test_bank_payout_by_the_office_reduces_the_balance():
    order = _paid_two_vendor_order()
    sub = order.suborders.order_by("id").first()
    vendor = sub.vendor
    office = UserFactory(is_staff=True)
    with pytest.raises(MarketplaceError) as error:
        services.payout_record_bank_transfer(
            vendor=vendor, amount=sub.vendor_net + 1, reference="BCA-1", actor=office
        )
    assert error.value.code == "exceeds_balance"
    with pytest.raises(MarketplaceError):
        services.payout_record_bank_transfer(
            vendor=vendor, amount=1000, reference=" ", actor=office
        )
    payout = services.payout_record_bank_transfer(
        vendor=vendor, amount=sub.vendor_net, reference="BCA-1", actor=office
    )
    assert payout.method == PayoutMethod.BANK_TRANSFER
    assert selectors.vendor_balance(vendor=vendor) == 0
    assert dict(selectors.vendor_balances_owed())[vendor] == 0


def test_refund_one_suborder_of_a_demo_order_reduces_that_vendors_balance():
    order = _paid_two_vendor_order()
    first, second = order.suborders.order_by("id")
    services.order_refund(order=order, suborder=first, actor=None)
    first.refresh_from_db()
    order.refresh_from_db()
    assert first.status == OrderStatus.REFUNDED
    assert order.status == OrderStatus.PAID  # the other vendor's part still stands
    assert selectors.vendor_balance(vendor=first.vendor) == 0
    assert selectors.vendor_balance(vendor=second.vendor) == second.vendor_net
    with pytest.raises(MarketplaceError):
        services.order_refund(order=order, suborder=first)  # twice: nothing left
    services.order_refund(order=order)
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert Refund.objects.filter(order=order).count() == 2


@pytest.mark.stripe
def test_connect_vendor_transfer_on_ship_then_reversal_on_refund(
    stripe_settings, django_capture_on_commit_callbacks
):
    connected = VendorFactory(
        stripe_account_id="acct_1Connect", payout_status="enabled"
    )
    variant = sellable_variant(vendor=connected, price=200000)
    order = place_order(
        items=[(variant, 1)], shipping_method="pickup", provider="stripe"
    )
    Order.objects.filter(pk=order.pk).update(payment_intent_id="pi_test_123")
    services.order_mark_paid(order_id=order.pk, payment_intent_id="pi_test_123")
    sub = order.suborders.get()
    payout = Payout.objects.get(suborder=sub)
    assert payout.status == PayoutStatus.SCHEDULED
    assert payout.release_at > timezone.now()
    assert payout.amount == sub.vendor_net
    with django_capture_on_commit_callbacks(execute=True):
        services.suborder_mark_shipped(
            suborder=sub, courier="", tracking_number="", actor=connected.owner
        )
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID
    assert payout.stripe_transfer_id.startswith("tr_")
    assert selectors.vendor_balance(vendor=connected) == 0
    services.order_refund(order=Order.objects.get(pk=order.pk), actor=None)
    payout.refresh_from_db()
    refund = Refund.objects.get(suborder=sub)
    assert payout.status == PayoutStatus.REVERSED
    assert refund.stripe_refund_id.startswith("re_")
    assert refund.stripe_reversal_id.startswith("trr_")
    assert selectors.vendor_balance(vendor=connected) == 0
    kinds = list(
        LedgerEntry.objects.filter(vendor=connected).values_list("kind", flat=True)
    )
    assert kinds == [
        LedgerKind.SALE,
        LedgerKind.PAYOUT,
        LedgerKind.REFUND,
        LedgerKind.PAYOUT_REVERSAL,
    ]


@pytest.mark.stripe
def test_release_command_sends_due_transfers_once(stripe_settings):
    from django.core.management import call_command

    connected = VendorFactory(stripe_account_id="acct_1Due", payout_status="enabled")
    order = place_order(
        items=[(sellable_variant(vendor=connected), 1)], shipping_method="pickup"
    )
    services.order_mark_paid(order_id=order.pk)
    payout = Payout.objects.get()
    Payout.objects.filter(pk=payout.pk).update(
        release_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    call_command("marketplace_release_payouts")
    call_command("marketplace_release_payouts")
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID
    assert (
        LedgerEntry.objects.filter(kind=LedgerKind.PAYOUT, vendor=connected).count()
        == 1
    )


@pytest.mark.stripe
def test_dashboard_full_refund_webhook_refunds_the_order(client, stripe_settings):
    variant = sellable_variant()
    order = place_order(items=[(variant, 1)], provider="stripe")
    services.order_mark_paid(order_id=order.pk, payment_intent_id="pi_dash")
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": "pi_dash",
        "refunded": True,
        "amount_refunded": order.grand_total * 100,
    }
    assert post(client, event("charge.refunded", charge)).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert (
        Refund.objects.get(order=order).stripe_refund_id == ""
    )  # not refunded twice at Stripe
    assert (
        post(client, event("charge.refunded", charge)).status_code == 200
    )  # echo: no-op
    assert Refund.objects.filter(order=order).count() == 1
