"""Refunds and payouts: Stripe is called with no transaction (so no row lock) open,
with idempotency keys; failures are recorded and retried; late payments and refunds
made in the Stripe dashboard (partial ones included) reach the ledger and the history.
"""

import pytest
from django.db import connection
from django.utils import timezone

from marketplace import selectors, services
from marketplace.models import (
    LedgerEntry,
    LedgerKind,
    Order,
    OrderStatus,
    OrderStatusChange,
    Payout,
    PayoutStatus,
    ProductVariant,
    Refund,
    RefundStatus,
)
from marketplace.payments import stripe_client
from marketplace.services.ledger import payout_release, payouts_release_due
from marketplace.services.refunds import refunds_retry
from tests.marketplace.factories import place_order, sellable_variant
from tests.marketplace.stripe_events import event, post
from tests.vendors.factories import VendorFactory


@pytest.fixture
def stripe_calls(monkeypatch):
    """Records, for every Stripe call, whether a transaction was open at the time; the
    calls themselves still go to stripe-mock.
    """
    seen = []
    for name in ("refund_create", "transfer_create", "transfer_reversal_create"):
        real = getattr(stripe_client, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            seen.append((_name, connection.in_atomic_block))
            return _real(*args, **kwargs)

        monkeypatch.setattr(stripe_client, name, spy)
    return seen


def _connected_paid_order(*, price=200000, intent="pi_test_123"):
    vendor = VendorFactory(stripe_account_id="acct_1Connect", payout_status="enabled")
    order = place_order(
        items=[(sellable_variant(vendor=vendor, price=price), 1)],
        shipping_method="pickup",
        provider="stripe",
    )
    services.order_mark_paid(order_id=order.pk, payment_intent_id=intent)
    return Order.objects.get(pk=order.pk), vendor


@pytest.mark.stripe
@pytest.mark.django_db(transaction=True)
def test_payout_and_refund_call_stripe_outside_any_transaction(
    stripe_settings, stripe_calls
):
    order, vendor = _connected_paid_order()
    payout = Payout.objects.get()
    Payout.objects.filter(pk=payout.pk).update(release_at=timezone.now())

    assert payout_release(payout_id=payout.pk).status == PayoutStatus.PAID
    [refund] = services.order_refund(order=order)

    assert [name for name, _ in stripe_calls] == [
        "transfer_create",
        "refund_create",
        "transfer_reversal_create",
    ]
    assert not any(in_atomic for _, in_atomic in stripe_calls), stripe_calls
    assert refund.status == RefundStatus.SUCCEEDED
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
    assert selectors.vendor_balance(vendor=vendor) == 0


@pytest.mark.stripe
@pytest.mark.django_db
def test_a_refund_stripe_refuses_is_failed_then_retried(stripe_settings, monkeypatch):
    order, vendor = _connected_paid_order()
    real = stripe_client.refund_create

    def down(**kwargs):
        raise stripe_client.StripeError("Stripe is down")

    monkeypatch.setattr(stripe_client, "refund_create", down)
    [refund] = services.order_refund(order=order)

    assert refund.status == RefundStatus.FAILED
    assert "down" in refund.error
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID
    assert selectors.vendor_balance(vendor=vendor) == order.suborders.get().vendor_net
    # Decided under the lock: the transfer can no longer leave.
    assert Payout.objects.get().status == PayoutStatus.CANCELLED

    monkeypatch.setattr(stripe_client, "refund_create", real)
    assert refunds_retry() == 1
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert refund.stripe_refund_id.startswith("re_")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
    assert selectors.vendor_balance(vendor=vendor) == 0
    assert refunds_retry() == 0


@pytest.mark.stripe
@pytest.mark.django_db
def test_a_failed_transfer_is_recorded_and_sent_by_the_next_release(
    stripe_settings, monkeypatch
):
    _connected_paid_order()
    payout = Payout.objects.get()
    Payout.objects.filter(pk=payout.pk).update(release_at=timezone.now())
    real = stripe_client.transfer_create

    def down(**kwargs):
        raise stripe_client.StripeError("Stripe is down")

    monkeypatch.setattr(stripe_client, "transfer_create", down)
    assert payouts_release_due() == 0
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.FAILED
    assert "down" in payout.error

    monkeypatch.setattr(stripe_client, "transfer_create", real)
    assert payouts_release_due() == 1
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID
    assert LedgerEntry.objects.filter(kind=LedgerKind.PAYOUT).count() == 1


@pytest.mark.stripe
@pytest.mark.django_db
def test_a_late_payment_for_a_sold_out_order_is_refunded_on_the_record(
    stripe_settings,
):
    variant = sellable_variant(stock=1)
    order = place_order(items=[(variant, 1)], provider="stripe")
    services.order_cancel_unpaid(order_id=order.pk, reason="expired")
    ProductVariant.objects.filter(pk=variant.pk).update(stock=0)  # sold meanwhile

    services.order_mark_paid(order_id=order.pk, payment_intent_id="pi_late")

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    refund = Refund.objects.get(order=order)
    assert refund.status == RefundStatus.SUCCEEDED
    assert refund.amount == order.grand_total
    assert refund.stripe_refund_id.startswith("re_")
    entry = LedgerEntry.objects.get(kind=LedgerKind.LATE_PAYMENT_REFUND)
    assert entry.amount == 0  # no sale was credited, so no balance moves
    assert OrderStatusChange.objects.filter(
        order=order, note__contains="late payment"
    ).exists()
    # Stripe tells us about the refund we made: nothing more happens.
    services.order_mark_paid(order_id=order.pk, payment_intent_id="pi_late")
    assert Refund.objects.filter(order=order).count() == 1


def _charge(order, refunded_rupiah, *, full=False):
    return {
        "id": "ch_dash",
        "object": "charge",
        "payment_intent": "pi_dash",
        "refunded": full,
        "amount_refunded": refunded_rupiah * 100,
    }


@pytest.mark.django_db
def test_partial_dashboard_refunds_are_applied_then_the_rest(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_banua"
    first = sellable_variant(vendor=VendorFactory(), price=100000)
    second = sellable_variant(vendor=VendorFactory(), price=50000)
    order = place_order(
        items=[(first, 1), (second, 2)], shipping_method="pickup", provider="stripe"
    )
    services.order_mark_paid(order_id=order.pk, payment_intent_id="pi_dash")
    order.refresh_from_db()
    sub_a, sub_b = order.suborders.order_by("id")
    assert order.grand_total == 200000

    partial = event("charge.refunded", _charge(order, 50001))
    assert post(client, partial).status_code == 200
    assert (
        post(client, event("charge.refunded", _charge(order, 50001))).status_code == 200
    )

    refund = Refund.objects.get(order=order)  # the second event is the same total
    assert refund.amount == 50001
    assert refund.suborder is None
    parts = {
        e.suborder_id: e
        for e in LedgerEntry.objects.filter(kind=LedgerKind.PARTIAL_REFUND)
    }
    # Split by gross (100000 : 100000), and the parts add up to what Stripe gave back.
    assert sorted(-e.gross for e in parts.values()) == [25000, 25001]
    for sub in (sub_a, sub_b):
        entry = parts[sub.pk]
        assert entry.amount == entry.gross - entry.commission
        assert (
            selectors.vendor_balance(vendor=sub.vendor) == sub.vendor_net + entry.amount
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.history.filter(note__contains="partial refund").exists()

    full = event("charge.refunded", _charge(order, 200000, full=True))
    assert post(client, full).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    for sub in (sub_a, sub_b):
        assert selectors.vendor_balance(vendor=sub.vendor) == 0
    assert sum(Refund.objects.filter(order=order).values_list("amount", flat=True)) == (
        order.grand_total
    )


@pytest.mark.stripe
@pytest.mark.django_db
def test_work_left_by_a_dead_worker_is_finished_by_the_next_run(stripe_settings):
    """A payout left SENDING and a refund left PENDING (the worker died while Stripe
    was being called) are sent again with the same idempotency keys.
    """
    order, vendor = _connected_paid_order()
    payout = Payout.objects.get()
    long_ago = timezone.now() - timezone.timedelta(hours=1)
    Payout.objects.filter(pk=payout.pk).update(
        status=PayoutStatus.SENDING, attempted_at=long_ago
    )
    assert payouts_release_due() == 1
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID

    sub = order.suborders.get()
    refund = Refund.objects.create(
        order=order, suborder=sub, amount=sub.gross, status=RefundStatus.PENDING
    )
    Refund.objects.filter(pk=refund.pk).update(created_at=long_ago)
    assert refunds_retry() == 1
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert refund.stripe_reversal_id.startswith("trr_")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
    assert selectors.vendor_balance(vendor=vendor) == 0
