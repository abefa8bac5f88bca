"""Every order can finish (issue 9, point 6) and its buyer and vendors hear about each
step (point 7): received, pick-up, auto-completion, buyer cancel, e-mails."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from marketplace import services
from marketplace.errors import MarketplaceError
from marketplace.models import (
    Order,
    OrderStatus,
    OrderStatusChange,
    ProductVariant,
    Refund,
    RefundStatus,
    SubOrder,
)
from marketplace.services.notifications import tracking_url
from marketplace.services.refunds import refund_execute, refunds_retry
from notifications.models import OutboundEmail
from tests.marketplace.factories import place_order, sellable_variant
from tests.vendors.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


def _paid(*, shipping_method="flat", user=None, vendors=1, language="id"):
    variants = [sellable_variant(vendor=VendorFactory()) for _ in range(vendors)]
    order = place_order(
        items=[(v, 1) for v in variants], user=user, shipping_method=shipping_method
    )
    Order.objects.filter(pk=order.pk).update(language=language)
    services.order_mark_paid(order_id=order.pk)
    return Order.objects.get(pk=order.pk)


def _ship(suborder, courier="JNE", tracking="JNE0001"):
    return services.suborder_mark_shipped(
        suborder=suborder, courier=courier, tracking_number=tracking, actor=None
    )


def _mails(template):
    return list(OutboundEmail.objects.filter(template=f"marketplace/{template}"))


def test_buyer_confirms_a_shipped_parcel_and_may_then_review():
    buyer = UserFactory()
    order = _paid(user=buyer)
    sub = _ship(order.suborders.get())
    with pytest.raises(MarketplaceError) as error:
        services.suborder_confirm_received(suborder=sub, buyer=UserFactory())
    assert error.value.code == "not_buyer"
    done = services.suborder_confirm_received(suborder=sub, buyer=buyer)
    assert done.status == OrderStatus.DELIVERED and done.delivered_at
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    services.review_create(
        user=buyer, order_line_id=done.lines.get().pk, rating=5, text="Bagus"
    )
    with pytest.raises(MarketplaceError) as error:
        services.suborder_confirm_received(suborder=done, buyer=buyer)
    assert error.value.code == "not_shipped"
    (completed,) = _mails("buyer_suborder_completed")
    assert completed.to == order.email and "#reviews" in completed.body


def test_a_guest_confirms_through_the_session_that_placed_the_order():
    order = _paid()
    sub = _ship(order.suborders.get())
    with pytest.raises(MarketplaceError):
        services.suborder_confirm_received(suborder=sub, buyer=None)
    services.suborder_confirm_received(
        suborder=sub, buyer=None, session_orders=[order.number]
    )
    assert SubOrder.objects.get(pk=sub.pk).status == OrderStatus.DELIVERED


def test_pickup_is_ready_then_collected_without_courier():
    order = _paid(shipping_method="pickup")
    sub = order.suborders.get()
    with pytest.raises(MarketplaceError) as error:
        services.suborder_mark_collected(suborder=sub, actor=None)
    assert error.value.code == "not_ready"
    sub = services.suborder_mark_ready_for_pickup(suborder=sub, actor=None)
    order.refresh_from_db()
    assert (sub.status, order.status) == ("ready_for_pickup", "ready_for_pickup")
    sub = services.suborder_mark_collected(suborder=sub, actor=None)
    order.refresh_from_db()
    assert (sub.status, order.status) == ("delivered", "delivered")
    assert (sub.courier, sub.tracking_number) == ("", "")
    assert len(_mails("buyer_suborder_ready")) == 1
    assert len(_mails("buyer_suborder_completed")) == 1


def test_courier_orders_cannot_use_the_pickup_steps():
    sub = _paid(shipping_method="flat").suborders.get()
    with pytest.raises(MarketplaceError) as error:
        services.suborder_mark_ready_for_pickup(suborder=sub, actor=None)
    assert error.value.code == "not_pickup"


def test_shipped_orders_complete_automatically_after_the_configured_days(settings):
    settings.MARKETPLACE_AUTOCOMPLETE_DAYS = 7
    old, recent = (_ship(_paid().suborders.get()) for _ in range(2))
    SubOrder.objects.filter(pk=old.pk).update(
        shipped_at=timezone.now() - timedelta(days=8)
    )
    assert services.suborders_autocomplete() == 1
    assert SubOrder.objects.get(pk=old.pk).status == OrderStatus.DELIVERED
    assert SubOrder.objects.get(pk=recent.pk).status == OrderStatus.SHIPPED
    assert OrderStatusChange.objects.filter(
        suborder=old, note="completed automatically"
    ).exists()
    settings.MARKETPLACE_AUTOCOMPLETE_DAYS = 0
    call_command("marketplace_autocomplete_orders")
    assert SubOrder.objects.get(pk=recent.pk).status == OrderStatus.DELIVERED
    assert services.suborders_autocomplete() == 0  # safe to rerun


def test_buyer_cancels_an_unpaid_order_and_the_stock_comes_back():
    buyer = UserFactory()
    variant = sellable_variant(stock=3)
    order = place_order(items=[(variant, 2)], user=buyer)
    assert ProductVariant.objects.get(pk=variant.pk).sellable == 1
    with pytest.raises(MarketplaceError):
        services.order_cancel_by_buyer(order=order, buyer=UserFactory())
    cancelled = services.order_cancel_by_buyer(order=order, buyer=buyer)
    assert cancelled.status == OrderStatus.CANCELLED
    assert ProductVariant.objects.get(pk=variant.pk).sellable == 3
    (email,) = _mails("buyer_order_cancelled")
    assert "dibatalkan" in email.subject
    assert not Refund.objects.exists()


def test_buyer_cancels_a_paid_order_before_shipping_and_is_refunded():
    buyer = UserFactory()
    order = _paid(user=buyer, vendors=2, language="en")
    cancelled = services.order_cancel_by_buyer(order=order, buyer=buyer)
    assert cancelled.status == OrderStatus.REFUNDED
    assert Refund.objects.filter(order=order).count() == 2
    assert set(order.suborders.values_list("status", flat=True)) == {"refunded"}
    (buyer_mail,) = _mails("buyer_order_cancelled")
    assert buyer_mail.subject == f"Order {order.number} is cancelled"
    # One refund per shop, each told to the buyer as it succeeds.
    refund_mails = _mails("buyer_order_refunded")
    assert len(refund_mails) == 2
    assert all(m.language == "en" and "Refund of" in m.subject for m in refund_mails)
    vendor_mails = _mails("vendor_order_cancelled")
    assert {m.to for m in vendor_mails} == {
        s.vendor.owner.email for s in order.suborders.all()
    }
    assert all("jangan dikirim" in m.subject for m in vendor_mails)


def test_a_partly_shipped_order_can_no_longer_be_cancelled():
    buyer = UserFactory()
    order = _paid(user=buyer, vendors=2)
    _ship(order.suborders.order_by("id").first())
    with pytest.raises(MarketplaceError) as error:
        services.order_cancel_by_buyer(order=order, buyer=buyer)
    assert error.value.code == "not_cancellable"
    assert not Refund.objects.exists()


def test_shipped_mail_carries_courier_tracking_number_and_link():
    order = _paid(language="en")
    _ship(order.suborders.get(), courier="J&T", tracking="JT 77/1")
    (email,) = _mails("buyer_suborder_shipped")
    assert "Courier: J&T" in email.body  # plain text: no HTML escaping
    assert "Tracking number: JT 77/1" in email.body
    assert "https://jet.co.id/track?awb=JT%2077%2F1" in email.body


@pytest.mark.parametrize(
    ("courier", "start"),
    [
        ("JNE", "https://www.jne.co.id/"),
        ("jnt express", "https://jet.co.id/"),
        ("SiCepat", "https://www.sicepat.com/"),
        ("POS Indonesia", "https://www.posindonesia.co.id/"),
        ("AnterAja", "https://anteraja.id/"),
        ("Kurir Lokal", ""),
    ],
)
def test_tracking_links_for_the_common_couriers(courier, start):
    url = tracking_url(courier=courier, tracking_number="ABC123")
    assert url.startswith(start) and (("ABC123" in url) == bool(start))


def test_paid_mails_are_stored_with_the_payment():
    order = _paid(vendors=2)
    assert len(_mails("buyer_order_paid")) == 1
    assert len(_mails("vendor_new_order")) == 2
    services.order_mark_paid(order_id=order.pk)  # a replayed webhook mails nobody
    assert OutboundEmail.objects.filter(template__contains="paid").count() == 1


def test_a_refund_mails_buyer_and_vendor_once(django_capture_on_commit_callbacks):
    order = _paid(vendors=1)
    with django_capture_on_commit_callbacks(execute=True):
        (refund,) = services.order_refund(order=order, actor=None)
        refund_execute(refund_id=refund.pk)  # a retry finds it done and mails nobody
    assert len(_mails("buyer_order_refunded")) == 1
    assert len(_mails("vendor_order_cancelled")) == 1
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Pengembalian dana") for s in subjects)


def test_a_bank_payout_mails_the_vendor(django_capture_on_commit_callbacks):
    order = _paid(vendors=1)
    vendor = order.suborders.get().vendor
    with django_capture_on_commit_callbacks(execute=True):
        services.payout_record_bank_transfer(
            vendor=vendor, amount=150000, reference="TRF-0099", actor=None
        )
    (message,) = mail.outbox
    assert message.to == [vendor.owner.email]
    assert "150.000" in message.subject and "TRF-0099" in message.body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_buyer_confirming_while_autocompletion_runs_completes_once(settings):
    settings.MARKETPLACE_AUTOCOMPLETE_DAYS = 0
    buyer = UserFactory()
    order = _paid(user=buyer)
    sub = _ship(order.suborders.get())
    barrier = threading.Barrier(2)
    errors = []

    def confirm():
        try:
            barrier.wait()
            services.suborder_confirm_received(suborder=sub, buyer=buyer)
        except MarketplaceError as error:
            errors.append(error.code)
        finally:
            connection.close()

    def autocomplete():
        try:
            barrier.wait()
            services.suborders_autocomplete()
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm), threading.Thread(target=autocomplete)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors in ([], ["invalid_transition"])
    assert (
        OrderStatusChange.objects.filter(suborder=sub, to_status="delivered").count()
        == 1
    )
    assert len(_mails("buyer_suborder_completed")) == 1


def _stripe_paid(*, buyer):
    order = place_order(items=[(sellable_variant(), 1)], user=buyer, provider="stripe")
    services.order_mark_paid(order_id=order.pk, payment_intent_id="pi_cancel_1")
    return Order.objects.get(pk=order.pk)


@pytest.mark.stripe
def test_buyer_cancel_refunds_through_stripe(stripe_settings):
    buyer = UserFactory()
    order = _stripe_paid(buyer=buyer)
    services.order_cancel_by_buyer(order=order, buyer=buyer)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
    assert Refund.objects.get(order=order).stripe_refund_id.startswith("re_")
    assert len(_mails("buyer_order_refunded")) == 1


@pytest.mark.stripe
def test_buyer_cancel_while_stripe_is_unreachable_is_refunded_by_the_retry(
    stripe_settings,
):
    buyer = UserFactory()
    order = _stripe_paid(buyer=buyer)
    api_base = stripe_settings.STRIPE_API_BASE
    stripe_settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    services.order_cancel_by_buyer(order=order, buyer=buyer)
    assert Refund.objects.get(order=order).status == RefundStatus.FAILED
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID
    assert len(_mails("buyer_order_cancelled")) == 1
    stripe_settings.STRIPE_API_BASE = api_base
    refunds_retry()
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
    assert len(_mails("buyer_order_refunded")) == 1
