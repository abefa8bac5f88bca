"""Oddly shaped but validly signed webhook payloads: always a 400 (with a FAILED or
IGNORED row when the event could be stored), never a 500.
"""

import json

import pytest

from marketplace.models import Order, WebhookEvent, WebhookEventStatus
from tests.marketplace.factories import place_order, sellable_variant
from tests.marketplace.stripe_events import post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _webhook_secret(settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_banua"


def _raw(body) -> bytes:
    return json.dumps(body).encode()


def _event(event_type, data, event_id="evt_shape"):
    return _raw({"id": event_id, "object": "event", "type": event_type, "data": data})


SESSION_TYPES = [
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.expired",
    "payment_intent.payment_failed",
    "charge.refunded",
    "account.updated",
]

ODD_DATA = [
    None,
    [],
    "text",
    {},
    {"object": None},
    {"object": []},
    {"object": "cs_1"},
    {"object": 7},
    {"object": {}},
    {"object": {"id": 12345}},
    {"object": {"id": ["cs_1"]}},
    {"object": {"id": {"nested": True}}},
    {"object": {"id": "x" * 1000}},
]


@pytest.mark.parametrize("event_type", SESSION_TYPES)
@pytest.mark.parametrize("data", ODD_DATA)
def test_every_handler_answers_400_to_an_odd_data_object(client, event_type, data):
    response = post(client, _event(event_type, data))
    assert response.status_code == 400, response.content
    row = WebhookEvent.objects.get(event_id="evt_shape")
    assert row.status == WebhookEventStatus.FAILED


def _known_order(session_id="cs_shape"):
    order = place_order(items=[(sellable_variant(), 1)], provider="stripe")
    Order.objects.filter(pk=order.pk).update(
        checkout_session_id=session_id, payment_intent_id="pi_shape"
    )
    return order


@pytest.mark.parametrize(
    "event_type, obj",
    [
        ("checkout.session.completed", {"amount_total": "100"}),
        ("checkout.session.completed", {"amount_total": 1.5}),
        ("checkout.session.completed", {"amount_total": True}),
        ("checkout.session.completed", {"amount_total": -1}),
        ("checkout.session.completed", {"currency": 3, "amount_total": 1}),
        ("checkout.session.completed", {"payment_status": "paid", "payment_intent": 9}),
        (
            "checkout.session.async_payment_succeeded",
            {"payment_intent": ["pi"]},
        ),
        ("charge.refunded", {"payment_intent": "pi_shape", "amount_refunded": "9"}),
        ("charge.refunded", {"payment_intent": "pi_shape", "amount_refunded": 1e30}),
        ("charge.refunded", {"payment_intent": None}),
        ("payment_intent.payment_failed", {"metadata": "x", "id": "pi_nope"}),
        (
            "payment_intent.payment_failed",
            {"metadata": {"order_id": 99999999999999999999999}, "id": 5},
        ),
    ],
)
def test_ill_typed_fields_of_our_own_objects_are_400(client, event_type, obj):
    order = _known_order()
    body = {"id": "cs_shape", "object": "x", **obj}
    if event_type == "charge.refunded":
        body["id"] = "ch_shape"
        order.status = "paid"
        Order.objects.filter(pk=order.pk).update(status="paid")
    response = post(client, _event(event_type, {"object": body}))
    assert response.status_code == 400, response.content
    assert WebhookEvent.objects.get().status == WebhookEventStatus.FAILED


@pytest.mark.parametrize(
    "payload",
    [
        _raw([1, 2]),
        _raw("event"),
        _raw(42),
        _raw(None),
        _raw({"id": 5, "type": "checkout.session.completed", "data": {}}),
        _raw({"id": "", "type": "x"}),
        _raw({"type": "x"}),
        _raw({"id": ["evt"], "type": "x"}),
        b"\xff\xfe not utf8",
        b"{" * 5000,
    ],
)
def test_bodies_that_are_not_events_are_400_without_a_row(client, payload):
    assert post(client, payload).status_code == 400
    assert not WebhookEvent.objects.exists()


def test_a_type_that_is_not_a_string_is_stored_and_ignored(client):
    response = post(client, _raw({"id": "evt_t", "type": ["a"], "data": {}}))
    assert response.status_code == 200
    assert WebhookEvent.objects.get().status == WebhookEventStatus.IGNORED


def test_the_replay_leaves_unreadable_payloads_alone(client):
    from marketplace.payments.webhooks import webhook_events_replay

    post(client, _event("checkout.session.completed", {"object": []}))
    row = WebhookEvent.objects.get()
    assert row.error.startswith("bad payload")
    assert webhook_events_replay() == 0
    row.refresh_from_db()
    assert row.attempts == 1
