"""A Stripe event is never lost: a delivery that dies between storing the event and
processing it leaves a row that the next delivery, the replay command and the periodic
task all process, and the reservation expiry never cancels the order meanwhile.
"""

import json
import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from marketplace.models import Order, OrderStatus, WebhookEvent, WebhookEventStatus
from marketplace.payments import stripe_client, webhooks
from marketplace.services.orders import reservations_release_expired
from tests.marketplace.factories import place_order, sellable_variant
from tests.marketplace.stripe_events import event, post

ROOT = Path(__file__).resolve().parents[2]


class WorkerKilled(BaseException):
    """Stands for SIGKILL/OOM/timeout: not an Exception, so no handler records it."""


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_banua"


def _stripe_order(session_id, *, expired=False):
    order = place_order(items=[(sellable_variant(stock=3), 1)], provider="stripe")
    fields = {"checkout_session_id": session_id}
    if expired:
        fields["expires_at"] = timezone.now() - timedelta(minutes=1)
    Order.objects.filter(pk=order.pk).update(**fields)
    return Order.objects.get(pk=order.pk)


def _paid_event(session_id, event_id):
    return event(
        "checkout.session.completed",
        {
            "id": session_id,
            "object": "checkout.session",
            "payment_status": "paid",
            "payment_intent": "pi_crash",
        },
        event_id=event_id,
    )


@pytest.mark.django_db
def test_killed_before_processing_then_redelivered_is_processed_once(
    client, monkeypatch
):
    order = _stripe_order("cs_crash_1", expired=True)
    payload = _paid_event("cs_crash_1", "evt_crash_1")

    def die(**kwargs):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(webhooks, "webhook_event_claim", die)
        with pytest.raises(WorkerKilled):
            post(client, payload)
    row = WebhookEvent.objects.get(event_id="evt_crash_1")
    assert row.status == WebhookEventStatus.RECEIVED

    # The reservation lapsed, but a payment for it is stored: the order stays.
    assert reservations_release_expired() == 0
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING

    response = post(client, payload)  # Stripe delivers again
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "processed"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    history = order.history.count()
    assert post(client, payload).json()["status"] == "duplicate"
    assert order.history.count() == history


@pytest.mark.django_db
def test_killed_inside_the_handler_is_retried_once_the_lease_runs_out(
    client, monkeypatch
):
    order = _stripe_order("cs_crash_2")
    payload = _paid_event("cs_crash_2", "evt_crash_2")

    def die(obj):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setitem(webhooks.HANDLERS, "checkout.session.completed", die)
        with pytest.raises(WorkerKilled):
            post(client, payload)
    row = WebhookEvent.objects.get(event_id="evt_crash_2")
    assert row.status == WebhookEventStatus.RECEIVED
    assert row.lease_until is not None

    # While the (dead) worker's lease runs, another delivery keeps off and asks Stripe
    # to come back: never "duplicate", never two handlers at once.
    busy = post(client, payload)
    assert busy.status_code == 409
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING

    WebhookEvent.objects.filter(pk=row.pk).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert post(client, payload).status_code == 200
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID
    assert WebhookEvent.objects.get(pk=row.pk).attempts == 2


@pytest.mark.django_db
def test_replay_command_and_task_pick_up_stale_received_rows(client, monkeypatch):
    from marketplace.tasks import stripe_events_replay_task

    old_order = _stripe_order("cs_stale")
    new_order = _stripe_order("cs_fresh")
    task_order = _stripe_order("cs_task")
    for session_id, event_id in (
        ("cs_stale", "evt_stale"),
        ("cs_fresh", "evt_fresh"),
        ("cs_task", "evt_task"),
    ):
        webhooks.webhook_event_receive(
            event=json.loads(_paid_event(session_id, event_id))
        )
    long_ago = timezone.now() - timedelta(minutes=30)
    WebhookEvent.objects.filter(event_id="evt_stale").update(received_at=long_ago)

    call_command("stripe_replay_failed")

    assert Order.objects.get(pk=old_order.pk).status == OrderStatus.PAID
    # A row inside the grace period may still be in its first delivery's hands.
    assert Order.objects.get(pk=new_order.pk).status == OrderStatus.PENDING
    assert WebhookEvent.objects.get(event_id="evt_fresh").status == "received"

    WebhookEvent.objects.filter(event_id="evt_task").update(received_at=long_ago)
    assert stripe_events_replay_task.enqueue().return_value == 1
    assert Order.objects.get(pk=task_order.pk).status == OrderStatus.PAID


@pytest.mark.django_db
@pytest.mark.stripe
def test_expiry_cancels_an_open_session_after_expiring_it(stripe_settings):
    # stripe-mock answers every session as open and unpaid.
    order = _stripe_order("cs_test_open", expired=True)
    assert reservations_release_expired() == 1
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


@pytest.mark.django_db
def test_expiry_marks_a_completed_session_paid_instead_of_cancelling(
    settings, monkeypatch
):
    # stripe-mock cannot answer "complete", so Stripe's answer is stood in for here.
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    order = _stripe_order("cs_done", expired=True)
    complete = {
        "id": "cs_done",
        "status": "complete",
        "payment_status": "paid",
        "payment_intent": "pi_done",
        "amount_total": order.grand_total * 100,
        "currency": "idr",
    }
    monkeypatch.setattr(
        stripe_client, "checkout_session_retrieve", lambda session_id: complete
    )

    assert reservations_release_expired() == 0

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.payment_intent_id == "pi_done"


@pytest.mark.django_db
def test_expiry_waits_when_stripe_cannot_be_reached(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens here
    order = _stripe_order("cs_unreachable", expired=True)
    assert reservations_release_expired() == 0
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_killed_mid_event_loses_nothing(client, settings):
    """A separate Python process stores and claims the event, then SIGKILLs itself
    inside the handler; this process's delivery then finds the row and processes it.
    """
    assert connection.vendor == "postgresql"
    order = _stripe_order("cs_killed", expired=True)
    payload = _paid_event("cs_killed", "evt_killed")
    script = f"""
import json, os, signal
import django
django.setup()
from django.conf import settings
settings.STRIPE_EVENT_LEASE_SECONDS = 0
from marketplace.payments import webhooks
def die(obj):
    os.kill(os.getpid(), signal.SIGKILL)
webhooks.HANDLERS["checkout.session.completed"] = die
webhooks.webhook_event_handle(event=json.loads({payload.decode()!r}))
"""
    db = connection.settings_dict
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="banua.settings.test",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/"
            f"{db['NAME']}"
        ),
    )
    worker = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], cwd=ROOT, env=env, timeout=120, check=False
    )
    assert worker.returncode == -9  # really killed
    row = WebhookEvent.objects.get(event_id="evt_killed")
    assert row.status == WebhookEventStatus.RECEIVED
    assert reservations_release_expired() == 0
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PENDING

    assert post(client, payload).status_code == 200
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_deliveries_never_run_one_event_at_once(client, monkeypatch):
    assert connection.vendor == "postgresql"
    order = _stripe_order("cs_twice")
    payload = _paid_event("cs_twice", "evt_twice")
    real = webhooks.HANDLERS["checkout.session.completed"]
    inside, release = threading.Event(), threading.Event()
    calls = []

    def slow(obj):
        calls.append(obj["id"])
        inside.set()
        release.wait(timeout=60)
        real(obj)

    monkeypatch.setitem(webhooks.HANDLERS, "checkout.session.completed", slow)
    first = {}

    def deliver():
        try:
            first["status"] = post(client, payload).status_code
        finally:
            connections.close_all()

    thread = threading.Thread(target=deliver)
    thread.start()
    assert inside.wait(timeout=60)
    from django.test import Client

    second = post(Client(), payload)  # arrives while the first is in the handler
    release.set()
    thread.join(timeout=60)

    assert second.status_code == 409
    assert first["status"] == 200
    assert calls == ["cs_twice"]
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID
