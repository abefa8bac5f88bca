"""Stripe webhook processing (dj-stripe pattern, made crash-safe).

The view verifies the signature on the raw body and hands the event to
``webhook_event_handle``:

1. ``webhook_event_receive`` stores the row first (unique event id) and commits.
2. ``webhook_event_claim`` takes a short processing lease on the row with one
   conditional UPDATE, so two deliveries (or a delivery and the replay) never run the
   handler of one event at the same time.
3. ``webhook_event_process`` runs the handler from the explicit map in its own
   transaction and records PROCESSED, IGNORED or FAILED.

Why the lease instead of "stored means done": a worker killed between 1 and 3 (timeout,
OOM, deploy restart) leaves the row RECEIVED. Such a row is processed again by the next
delivery of the event, by ``manage.py stripe_replay_failed`` and by the periodic
``stripe_events_replay_task`` once it is older than a grace period; only PROCESSED and
IGNORED rows answer "duplicate". Handlers only move state forward, so running one again
is a no-op. Malformed payloads (any JSON shape that is validly signed) are recorded as
FAILED and answered 400, never 500.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from marketplace.models import Order, WebhookEvent, WebhookEventStatus
from marketplace.money import rupiah_to_stripe_amount

logger = logging.getLogger(__name__)

# Types whose object is a Checkout Session that pays an order: the reservation expiry
# must not cancel an order while one of these is stored but not processed.
PAYMENT_EVENT_TYPES = (
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
)


def lease_duration() -> timedelta:
    """How long one delivery may hold an event before another may take it over."""
    return timedelta(seconds=int(getattr(settings, "STRIPE_EVENT_LEASE_SECONDS", 120)))


def replay_grace() -> timedelta:
    """How old a RECEIVED row must be before the replay treats its delivery as dead."""
    return timedelta(seconds=int(getattr(settings, "STRIPE_EVENT_GRACE_SECONDS", 300)))


class UnknownObject(Exception):
    """The event is about a session or payment we never created: stored, then refused."""


class BadPayload(UnknownObject):
    """The signed JSON has a shape no handler can use (wrong types, missing parts)."""


class AmountMismatch(Exception):
    """Stripe reports a charge that is not the order's total: never mark such an order paid."""


def obj_str(obj: dict, key: str, *, required: bool = True) -> str:
    """``obj[key]`` as an id string (an expanded ``{"id": ...}`` object counts); a
    missing optional value is ""; anything else is a bad payload.
    """
    value = obj.get(key)
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, str) and 0 < len(value) <= 255:
        return value
    if value is None and not required:
        return ""
    raise BadPayload(f"{key!r} is not an id string: {str(value)[:80]!r}")


def obj_int(obj: dict, key: str, *, default: int | None = None) -> int | None:
    """``obj[key]`` as a non-negative int (never a bool, float or string)."""
    value = obj.get(key, default)
    if value is None:
        return default
    # The bound keeps absurd numbers (JSONB hands 1e30 back as an int) out of the
    # arithmetic: no IDR charge comes near 10^15 minor units.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**15:
        raise BadPayload(f"{key!r} is not a whole amount: {str(value)[:80]!r}")
    return value


def check_session_amount(order: Order, session: dict) -> None:
    """The session's total must be the order's grand total in IDR minor units."""
    amount = obj_int(session, "amount_total")
    currency = session.get("currency")
    if amount is None:  # older event shapes carry no total; the session was ours
        return
    if not isinstance(currency, str | None):
        raise BadPayload("'currency' is not a string")
    if (currency or "idr").lower() != "idr" or amount != rupiah_to_stripe_amount(
        order.grand_total
    ):
        raise AmountMismatch(
            f"order {order.number}: Stripe reports {amount} {currency}, "
            f"expected {rupiah_to_stripe_amount(order.grand_total)} idr"
        )


# Event type -> handler. The handlers call the marketplace's services, which sit above
# this module (they use the Stripe client and the payload helpers here), so
# ``marketplace.services.payment_events`` fills this map when the app is ready
# (``MarketplaceConfig.ready``); a type missing from it is recorded as IGNORED.
HANDLERS: dict[str, Callable[[dict], None]] = {}


def _data_object(payload) -> dict:
    data = payload.get("data") if isinstance(payload, dict) else None
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise BadPayload("data.object is missing or not an object")
    return obj


def webhook_event_receive(*, event: dict) -> tuple[WebhookEvent, bool]:
    """Stores the verified event; returns (row, created). A known id is not stored
    again. The caller has checked that ``event["id"]`` is a string.
    """
    event_type = event.get("type")
    try:
        object_id = obj_str(_data_object(event), "id", required=False)
    except UnknownObject:
        object_id = ""
    try:
        with transaction.atomic():
            row = WebhookEvent.objects.create(
                event_id=event["id"],
                type=event_type[:100] if isinstance(event_type, str) else "",
                payload=event,
                object_id=object_id,
            )
        return row, True
    except IntegrityError:
        return WebhookEvent.objects.get(event_id=event["id"]), False


def webhook_event_claim(*, row: WebhookEvent, now=None) -> bool:
    """Takes the processing lease on an unprocessed row; False when it is done or
    another delivery holds a live lease.

    One conditional UPDATE is atomic on every database, so exactly one of two racing
    deliveries wins, without holding a row lock while the handler runs (handlers call
    Stripe, which must never happen under a lock).
    """
    now = now or timezone.now()
    claimed = (
        WebhookEvent.objects.filter(
            pk=row.pk,
            status__in=(WebhookEventStatus.RECEIVED, WebhookEventStatus.FAILED),
        )
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + lease_duration(), attempts=F("attempts") + 1)
    )
    if claimed:
        row.refresh_from_db()
    return bool(claimed)


def webhook_event_process(*, row: WebhookEvent) -> WebhookEvent:
    """Runs the handler of a claimed row and records the outcome (releasing the lease).

    Raises ``UnknownObject`` (or ``BadPayload``) after recording FAILED, so the view can
    answer 400; any other error is recorded FAILED and returned for a 500.
    """
    handler = HANDLERS.get(row.type)
    if handler is None:
        row.status = WebhookEventStatus.IGNORED
        row.processed_at = timezone.now()
        row.lease_until = None
        row.save(update_fields=["status", "processed_at", "lease_until"])
        return row
    try:
        # No transaction around the handler: each service it calls opens its own, and
        # some call Stripe between two of them (refunds), which must not happen while
        # an outer transaction still holds their row locks.
        handler(_data_object(row.payload))
    except UnknownObject as error:
        # Not ours, or a shape we cannot use: nothing changes, the view answers 400.
        row.status = WebhookEventStatus.FAILED
        kind = "bad payload" if isinstance(error, BadPayload) else "unknown object"
        row.error = f"{kind}: {error}"[:5000]
        row.lease_until = None
        row.save(update_fields=["status", "error", "lease_until"])
        raise
    except Exception as error:  # noqa: BLE001 - recorded, answered 500, retried by Stripe
        logger.exception("Stripe event %s (%s) failed", row.event_id, row.type)
        row.status = WebhookEventStatus.FAILED
        row.error = f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=5)}"[
            :5000
        ]
        row.lease_until = None
        row.save(update_fields=["status", "error", "lease_until"])
        return row
    row.status = WebhookEventStatus.PROCESSED
    row.error = ""
    row.processed_at = timezone.now()
    row.lease_until = None
    row.save(update_fields=["status", "error", "processed_at", "lease_until"])
    return row


class Outcome(StrEnum):
    PROCESSED = "processed"
    IGNORED = "ignored"
    DUPLICATE = "duplicate"
    IN_PROGRESS = "in_progress"
    REFUSED = "refused"
    FAILED = "failed"


def webhook_event_handle(*, event: dict) -> tuple[Outcome, str]:
    """One delivery: store, claim, process. Returns the outcome and a short detail.

    A row that exists but is not PROCESSED/IGNORED is processed again: its earlier
    delivery failed or died mid-way.
    """
    row, _created = webhook_event_receive(event=event)
    if row.status in (WebhookEventStatus.PROCESSED, WebhookEventStatus.IGNORED):
        return Outcome.DUPLICATE, ""
    if not webhook_event_claim(row=row):
        row.refresh_from_db()
        if row.status in (WebhookEventStatus.PROCESSED, WebhookEventStatus.IGNORED):
            return Outcome.DUPLICATE, ""
        return Outcome.IN_PROGRESS, ""
    try:
        row = webhook_event_process(row=row)
    except UnknownObject as error:
        return Outcome.REFUSED, str(error)
    if row.status == WebhookEventStatus.FAILED:
        return Outcome.FAILED, ""
    return Outcome(row.status), ""


def webhook_events_replay(*, now=None, include_failed: bool = True) -> int:
    """Processes the rows a delivery left behind: FAILED ones, and RECEIVED ones older
    than the grace period (their worker died). Returns how many were processed.

    Safe to run from cron, the task worker and by hand at once: each row is claimed
    before its handler runs.
    """
    now = now or timezone.now()
    stale = Q(status=WebhookEventStatus.RECEIVED, received_at__lt=now - replay_grace())
    if include_failed:
        stale |= Q(status=WebhookEventStatus.FAILED)
    ids = list(
        WebhookEvent.objects.filter(stale)
        # A payload no handler can read will never get better; the office sees it.
        .exclude(status=WebhookEventStatus.FAILED, error__startswith="bad payload")
        .order_by("received_at", "id")
        .values_list("pk", flat=True)
    )
    done = 0
    for pk in ids:
        row = WebhookEvent.objects.get(pk=pk)
        if not webhook_event_claim(row=row, now=now):
            continue
        try:
            row = webhook_event_process(row=row)
        except UnknownObject:
            continue
        done += row.status == WebhookEventStatus.PROCESSED
    return done


def payment_event_pending(*, checkout_session_id: str) -> bool:
    """Whether a payment event for this Checkout Session is stored but not processed
    (its delivery failed or died): the order may well be paid.
    """
    if not checkout_session_id:
        return False
    return WebhookEvent.objects.filter(
        object_id=checkout_session_id,
        type__in=PAYMENT_EVENT_TYPES,
        status__in=(WebhookEventStatus.RECEIVED, WebhookEventStatus.FAILED),
    ).exists()
