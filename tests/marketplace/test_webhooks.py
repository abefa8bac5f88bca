"""The Stripe webhook with real signatures: verification, storage, idempotency,
handlers.
"""

import time

import pytest

from marketplace.models import (
    Order,
    OrderStatus,
    StockReservation,
    WebhookEvent,
    WebhookEventStatus,
)
from tests.marketplace.factories import place_order, sellable_variant
from tests.marketplace.stripe_events import event, post, sign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_banua"


def _stripe_order(variant, quantity=1, session_id="cs_test_abc"):
    order = place_order(items=[(variant, quantity)], provider="stripe")
    Order.objects.filter(pk=order.pk).update(checkout_session_id=session_id)
    return order


def _completed(session_id="cs_test_abc", **extra):
    return {
        "id": session_id,
        "object": "checkout.session",
        "payment_status": "paid",
        "payment_intent": "pi_test_123",
        **extra,
    }


def test_completed_marks_paid_once_even_when_replayed(client):
    variant = sellable_variant(stock=3)
    order = _stripe_order(variant, 2)
    payload = event("checkout.session.completed", _completed(), event_id="evt_paid_1")
    response = post(client, payload)
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.payment_intent_id == "pi_test_123"
    history = order.history.count()
    again = post(client, payload)  # Stripe delivers the same event again
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert WebhookEvent.objects.filter(event_id="evt_paid_1").count() == 1
    assert order.history.count() == history


def test_a_session_total_that_is_not_the_order_total_never_marks_it_paid(client):
    order = _stripe_order(sellable_variant(stock=3))
    wrong_total = (order.grand_total - 1000) * 100
    payload = event(
        "checkout.session.completed",
        _completed(amount_total=wrong_total, currency="idr"),
        event_id="evt_wrong_amount",
    )

    response = post(client, payload)

    assert response.status_code == 500  # recorded as failed, for the office to look at
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    stored = WebhookEvent.objects.get(event_id="evt_wrong_amount")
    assert stored.status == WebhookEventStatus.FAILED
    assert "expected" in stored.error


def test_the_right_session_total_in_minor_units_marks_it_paid(client):
    order = _stripe_order(sellable_variant(stock=3))
    payload = event(
        "checkout.session.completed",
        _completed(amount_total=order.grand_total * 100, currency="idr"),
    )

    assert post(client, payload).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_forged_signature_is_refused_and_nothing_stored(client):
    order = _stripe_order(sellable_variant())
    payload = event("checkout.session.completed", _completed())
    response = post(client, payload, signature=sign(payload, secret="whsec_wrong"))
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_stale_signature_is_refused(client):
    payload = event("checkout.session.completed", _completed())
    response = post(
        client, payload, signature=sign(payload, timestamp=int(time.time()) - 3600)
    )
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()


def test_tampered_body_and_missing_header_are_refused(client):
    payload = event("checkout.session.completed", _completed())
    signature = sign(payload)
    tampered = payload.replace(b"pi_test_123", b"pi_test_999")
    assert post(client, tampered, signature=signature).status_code == 400
    assert post(client, payload, signature="").status_code == 400
    assert client.get("/stripe/webhook/").status_code == 405


def test_unknown_session_is_a_clear_error_without_changes(client):
    order = _stripe_order(sellable_variant())
    response = post(
        client, event("checkout.session.completed", _completed("cs_test_unknown"))
    )
    assert response.status_code == 400
    assert "no order" in response.json()["error"]
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert WebhookEvent.objects.get().status == WebhookEventStatus.FAILED


def test_expired_releases_stock_and_late_completed_out_of_order(client):
    variant = sellable_variant(stock=2)
    order = _stripe_order(variant, 2)
    assert (
        post(
            client,
            event(
                "checkout.session.expired",
                {"id": "cs_test_abc", "object": "checkout.session"},
            ),
        ).status_code
        == 200
    )
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert variant.stock == 2
    # A replayed "expired" after payment must not move the order backwards.
    order2 = _stripe_order(variant, 1, session_id="cs_test_two")
    post(client, event("checkout.session.completed", _completed("cs_test_two")))
    post(
        client,
        event(
            "checkout.session.expired",
            {"id": "cs_test_two", "object": "checkout.session"},
        ),
    )
    order2.refresh_from_db()
    assert order2.status == OrderStatus.PAID


def test_payment_failed_cancels_and_releases(client):
    variant = sellable_variant(stock=2)
    order = _stripe_order(variant, 1)
    intent = {
        "id": "pi_failed",
        "object": "payment_intent",
        "metadata": {"order_id": str(order.pk)},
        "last_payment_error": {"message": "Your card was declined."},
    }
    assert (
        post(client, event("payment_intent.payment_failed", intent)).status_code == 200
    )
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.payment_error == "Your card was declined."
    assert variant.stock == 2
    assert StockReservation.objects.get(order=order).status == "released"


def test_unpaid_async_completion_waits(client):
    order = _stripe_order(sellable_variant())
    post(
        client, event("checkout.session.completed", _completed(payment_status="unpaid"))
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    post(client, event("checkout.session.async_payment_succeeded", _completed()))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_handler_failure_is_recorded_and_answered_500_then_retried(client, monkeypatch):
    from marketplace.payments import webhooks

    order = _stripe_order(sellable_variant())
    payload = event("checkout.session.completed", _completed(), event_id="evt_boom")

    def boom(obj):
        raise RuntimeError("database hiccup")

    monkeypatch.setitem(webhooks.HANDLERS, "checkout.session.completed", boom)
    assert post(client, payload).status_code == 500
    row = WebhookEvent.objects.get(event_id="evt_boom")
    assert row.status == WebhookEventStatus.FAILED
    assert "database hiccup" in row.error
    monkeypatch.undo()
    assert post(client, payload).status_code == 200  # Stripe's retry succeeds
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert WebhookEvent.objects.get(event_id="evt_boom").attempts == 2


def test_unhandled_types_are_stored_and_ignored(client):
    assert post(client, event("customer.created", {"id": "cus_1"})).status_code == 200
    assert WebhookEvent.objects.get().status == WebhookEventStatus.IGNORED


def test_account_updated_goes_to_the_vendors_service(client):
    from tests.vendors.factories import VendorFactory

    vendor = VendorFactory(stripe_account_id="acct_test_1")
    account = {
        "id": "acct_test_1",
        "object": "account",
        "payouts_enabled": True,
        "charges_enabled": True,
        "details_submitted": True,
        "requirements": {"disabled_reason": None, "currently_due": []},
    }
    assert post(client, event("account.updated", account)).status_code == 200
    vendor.refresh_from_db()
    assert vendor.payout_status == "enabled"


def test_replay_command_processes_failed_events(client, monkeypatch):
    from django.core.management import call_command

    from marketplace.payments import webhooks

    order = _stripe_order(sellable_variant())
    monkeypatch.setitem(
        webhooks.HANDLERS,
        "checkout.session.completed",
        lambda obj: (_ for _ in ()).throw(RuntimeError("outage")),
    )
    assert (
        post(client, event("checkout.session.completed", _completed())).status_code
        == 500
    )
    monkeypatch.undo()
    call_command("stripe_replay_failed")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert WebhookEvent.objects.get().status == WebhookEventStatus.PROCESSED
