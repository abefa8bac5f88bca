"""Vendor money: sale credits and payouts (Stripe transfers or office bank transfers).

Every balance change is a LedgerEntry row written in the same transaction as the state
change that causes it; unique constraints make a replayed payment or refund a no-op.
Refunds live in ``marketplace.services.refunds`` (``order_refund`` is re-exported here
for existing callers).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from marketplace.errors import MarketplaceError
from marketplace.models import (
    LedgerEntry,
    LedgerKind,
    OrderStatus,
    Payout,
    PayoutMethod,
    PayoutStatus,
    Refund,
    SubOrder,
)
from marketplace.money import commission_on, rupiah_to_stripe_amount
from marketplace.payments import stripe_client
from marketplace.services.notifications import payout_paid_queue_email
from marketplace.services.refunds import order_refund  # noqa: F401 - re-exported

logger = logging.getLogger(__name__)


def commission_split(
    *, items_total: int, shipping_cost: int, rate_bp: int
) -> tuple[int, int, int]:
    """(gross, commission, vendor_net); the commission, on the items only, is rounded
    half up."""
    commission = commission_on(items_total, rate_bp=rate_bp)
    gross = items_total + shipping_cost
    return gross, commission, gross - commission


def payout_delay() -> timedelta:
    return timedelta(days=int(getattr(settings, "MARKETPLACE_PAYOUT_DELAY_DAYS", 7)))


def ledger_record_sale(*, suborder: SubOrder) -> None:
    """Credits the vendor's share and schedules its transfer, inside the caller's
    transaction."""
    try:
        with transaction.atomic():
            LedgerEntry.objects.create(
                vendor_id=suborder.vendor_id,
                suborder=suborder,
                kind=LedgerKind.SALE,
                gross=suborder.gross,
                commission=suborder.commission,
                amount=suborder.vendor_net,
                memo=suborder.order.number,
            )
    except IntegrityError:
        return  # already credited by an earlier delivery of the same payment
    if suborder.vendor_net and suborder.vendor.stripe_destination:
        Payout.objects.create(
            vendor_id=suborder.vendor_id,
            suborder=suborder,
            method=PayoutMethod.STRIPE_TRANSFER,
            status=PayoutStatus.SCHEDULED,
            amount=suborder.vendor_net,
            release_at=timezone.now() + payout_delay(),
        )


# A SENDING payout older than this lost its worker while Stripe was being called.
STALE_SENDING = timedelta(minutes=10)


def payout_release(*, payout_id: int) -> Payout:
    """Sends one due transfer in three steps, never calling Stripe under a lock.

    1. Under the payout's lock: check it is still due (not refunded, Connect still on)
       and mark it SENDING, committed.
    2. No lock held: ask Stripe for the transfer, with an idempotency key built from the
       payout id, so a retry (after a crash or a failure) never pays twice.
    3. A second short transaction records PAID and the ledger entry, or FAILED with
       the error (``payouts_release_due`` retries FAILED and stale SENDING payouts).
    """

    now = timezone.now()
    with transaction.atomic():
        payout = (
            # Lock only the payout row: PostgreSQL refuses FOR UPDATE on the nullable
            # side of the outer joins that select_related adds.
            Payout.objects.select_for_update(of=("self",))
            .select_related("suborder__order", "vendor")
            .get(pk=payout_id)
        )
        retry = payout.status == PayoutStatus.FAILED or (
            payout.status == PayoutStatus.SENDING
            and (
                payout.attempted_at is None or payout.attempted_at < now - STALE_SENDING
            )
        )
        if payout.method != PayoutMethod.STRIPE_TRANSFER or not (
            payout.status == PayoutStatus.SCHEDULED or retry
        ):
            return payout
        suborder = payout.suborder
        if suborder and (
            suborder.status == OrderStatus.REFUNDED
            # A booking line's refund lowered the amount instead (it stays due).
            or Refund.objects.filter(suborder=suborder, line__isnull=True).exists()
        ):
            payout.status = PayoutStatus.CANCELLED
            payout.save(update_fields=["status"])
            return payout
        # The vendors app sits above this one: its model owns the rule
        # (``Vendor.stripe_destination``), read here through the foreign key.
        destination = payout.vendor.stripe_destination
        if not destination:
            return payout  # Connect switched off meanwhile; the office pays it by bank.
        payout.status = PayoutStatus.SENDING
        payout.attempted_at = now
        payout.save(update_fields=["status", "attempted_at"])
        order = suborder.order
    try:
        transfer = stripe_client.transfer_create(
            payout_id=payout.pk,
            amount_minor=rupiah_to_stripe_amount(payout.amount),
            currency=settings.MARKETPLACE_CURRENCY,
            destination=destination,
            transfer_group=order.transfer_group,
            metadata={"order": order.number, "suborder_id": str(payout.suborder_id)},
        )
    except stripe_client.StripeError as error:
        Payout.objects.filter(pk=payout.pk, status=PayoutStatus.SENDING).update(
            status=PayoutStatus.FAILED, error=str(error)[:2000]
        )
        raise
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout_id)
        if payout.status != PayoutStatus.SENDING:
            return payout  # another retry recorded it first
        payout.stripe_transfer_id = transfer["id"]
        payout.status = PayoutStatus.PAID
        payout.paid_at = timezone.now()
        payout.error = ""
        payout.save(update_fields=["stripe_transfer_id", "status", "paid_at", "error"])
        LedgerEntry.objects.create(
            vendor_id=payout.vendor_id,
            suborder_id=payout.suborder_id,
            payout=payout,
            kind=LedgerKind.PAYOUT,
            amount=-payout.amount,
            memo=transfer["id"],
        )
        payout_paid_queue_email(payout_id=payout.pk)
    return payout


def payout_release_on_ship(*, suborder: SubOrder) -> None:
    """Shipping makes the transfer due now; it is sent after the shipping commit."""
    updated = Payout.objects.filter(
        suborder=suborder, status=PayoutStatus.SCHEDULED
    ).update(release_at=timezone.now())
    if updated:
        transaction.on_commit(lambda: payouts_release_due_task.enqueue())


def payouts_release_due(*, now=None) -> int:
    now = now or timezone.now()
    due = Q(status=PayoutStatus.SCHEDULED, release_at__lte=now)
    # Retries: Stripe refused or was unreachable, or the worker died mid-send.
    due |= Q(status=PayoutStatus.FAILED)
    due |= Q(status=PayoutStatus.SENDING, attempted_at__lt=now - STALE_SENDING)
    ids = list(
        Payout.objects.filter(due, method=PayoutMethod.STRIPE_TRANSFER)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    released = 0
    for payout_id in ids:
        try:
            if payout_release(payout_id=payout_id).status == PayoutStatus.PAID:
                released += 1
        except Exception:  # noqa: BLE001 - one failing transfer must not stop the others
            logger.exception(
                "Transfer for payout %s failed; it is retried on the next run",
                payout_id,
            )
    return released


def payout_record_bank_transfer(*, vendor, amount, reference: str, actor) -> Payout:
    """The office paid a vendor by bank; the amount may not exceed what is owed."""
    reference = (reference or "").strip()
    try:
        amount = int(amount)
    except (TypeError, ValueError):
        raise MarketplaceError(
            _("The amount must be a whole number of rupiah."), code="bad_amount"
        ) from None
    if amount <= 0:
        raise MarketplaceError(
            _("The amount must be more than zero."), code="bad_amount"
        )
    if not reference:
        raise MarketplaceError(
            _("Enter the bank transfer reference."), code="reference_required"
        )
    with transaction.atomic():
        # One payout at a time per vendor: lock the vendor's row. The model comes from
        # the instance because the vendors app sits above the marketplace.
        type(vendor)._default_manager.select_for_update().get(pk=vendor.pk)
        balance = LedgerEntry.objects.filter(vendor=vendor).balance()
        if amount > balance:
            raise MarketplaceError(
                _("The vendor is owed only %(balance)s.") % {"balance": balance},
                code="exceeds_balance",
            )
        payout = Payout.objects.create(
            vendor=vendor,
            method=PayoutMethod.BANK_TRANSFER,
            status=PayoutStatus.PAID,
            amount=amount,
            reference=reference[:120],
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            paid_at=timezone.now(),
        )
        LedgerEntry.objects.create(
            vendor=vendor,
            payout=payout,
            kind=LedgerKind.PAYOUT,
            amount=-amount,
            memo=reference[:255],
        )
        payout_paid_queue_email(payout_id=payout.pk)
    return payout


# The task ``payout_release_on_ship`` enqueues lives next to the service it runs, so this
# module never imports ``marketplace.tasks`` (which imports the services): no import
# cycle. ``marketplace.tasks`` re-exports it under its old path for rows queued before.
@task()
def payouts_release_due_task() -> int:
    return payouts_release_due()
