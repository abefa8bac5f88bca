"""Vendor money: sale credits, payouts (Stripe transfers or office bank transfers),
refunds.

Every balance change is a LedgerEntry row written in the same transaction as the state
change that causes it; unique constraints make a replayed payment or refund a no-op.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError
from marketplace.models import (
    LedgerEntry,
    LedgerKind,
    Order,
    OrderStatus,
    Payout,
    PayoutMethod,
    PayoutStatus,
    Refund,
    SubOrder,
)
from marketplace.money import rupiah_to_stripe_amount

logger = logging.getLogger(__name__)


def commission_split(
    *, items_total: int, shipping_cost: int, rate_bp: int
) -> tuple[int, int, int]:
    """(gross, commission, vendor_net). Commission is on the items only, rounded half
    up.
    """
    commission = (items_total * rate_bp + 5_000) // 10_000
    gross = items_total + shipping_cost
    return gross, commission, gross - commission


def vendor_connect_account(vendor) -> str | None:
    """The vendor's Stripe account id when Connect payouts are enabled, else None.

    The vendors app owns these fields and keeps them in step with Stripe
    (``vendor_payout_status_sync`` on ``account.updated``).
    """
    account_id = getattr(vendor, "stripe_account_id", "") or ""
    enabled = getattr(vendor, "payout_status", "") == "enabled"
    return account_id if account_id and enabled else None


def payout_delay() -> timedelta:
    return timedelta(days=int(getattr(settings, "MARKETPLACE_PAYOUT_DELAY_DAYS", 7)))


def ledger_record_sale(*, suborder: SubOrder) -> None:
    """Credits the vendor's share and schedules its transfer (inside the caller's
    atomic).
    """
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
    if suborder.vendor_net and vendor_connect_account(suborder.vendor):
        Payout.objects.create(
            vendor_id=suborder.vendor_id,
            suborder=suborder,
            method=PayoutMethod.STRIPE_TRANSFER,
            status=PayoutStatus.SCHEDULED,
            amount=suborder.vendor_net,
            release_at=timezone.now() + payout_delay(),
        )


def payout_release(*, payout_id: int) -> Payout:
    """Sends one scheduled transfer. Twice is harmless: the row lock and the status
    guard,
    plus Stripe's idempotency key built from the payout id."""
    from marketplace.payments import stripe_client

    with transaction.atomic():
        payout = (
            # Lock only the payout row: PostgreSQL refuses FOR UPDATE on the nullable
            # side of the outer joins that select_related adds.
            Payout.objects.select_for_update(of=("self",))
            .select_related("suborder__order", "vendor")
            .get(pk=payout_id)
        )
        if (
            payout.status != PayoutStatus.SCHEDULED
            or payout.method != PayoutMethod.STRIPE_TRANSFER
        ):
            return payout
        if payout.suborder and payout.suborder.status == OrderStatus.REFUNDED:
            payout.status = PayoutStatus.CANCELLED
            payout.save(update_fields=["status"])
            return payout
        destination = vendor_connect_account(payout.vendor)
        if not destination:
            return payout  # Connect switched off meanwhile; the office pays it by bank.
        order = payout.suborder.order
        transfer = stripe_client.transfer_create(
            payout_id=payout.pk,
            amount_minor=rupiah_to_stripe_amount(payout.amount),
            currency=settings.MARKETPLACE_CURRENCY,
            destination=destination,
            transfer_group=order.transfer_group,
            metadata={"order": order.number, "suborder_id": str(payout.suborder_id)},
        )
        payout.stripe_transfer_id = transfer["id"]
        payout.status = PayoutStatus.PAID
        payout.paid_at = timezone.now()
        payout.save(update_fields=["stripe_transfer_id", "status", "paid_at"])
        LedgerEntry.objects.create(
            vendor_id=payout.vendor_id,
            suborder=payout.suborder,
            payout=payout,
            kind=LedgerKind.PAYOUT,
            amount=-payout.amount,
            memo=transfer["id"],
        )
    return payout


def payout_release_on_ship(*, suborder: SubOrder) -> None:
    """Shipping makes the transfer due now; it is sent after the shipping commit."""
    updated = Payout.objects.filter(
        suborder=suborder, status=PayoutStatus.SCHEDULED
    ).update(release_at=timezone.now())
    if updated:
        from marketplace.tasks import payouts_release_due_task

        transaction.on_commit(lambda: payouts_release_due_task.enqueue())


def payouts_release_due(*, now=None) -> int:
    now = now or timezone.now()
    ids = list(
        Payout.objects.filter(
            status=PayoutStatus.SCHEDULED,
            method=PayoutMethod.STRIPE_TRANSFER,
            release_at__lte=now,
        ).values_list("pk", flat=True)
    )
    released = 0
    for payout_id in ids:
        try:
            if payout_release(payout_id=payout_id).status == PayoutStatus.PAID:
                released += 1
        except Exception:  # noqa: BLE001 - one failing transfer must not stop the others
            logger.exception(
                "Transfer for payout %s failed; it stays scheduled", payout_id
            )
    return released


def payout_record_bank_transfer(*, vendor, amount, reference: str, actor) -> Payout:
    """The office paid a vendor by bank; the amount may not exceed what is owed."""
    from vendors.models import Vendor

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
        Vendor.objects.select_for_update().get(
            pk=vendor.pk
        )  # one payout at a time per vendor
        balance = (
            LedgerEntry.objects.filter(vendor=vendor).aggregate(total=Sum("amount"))[
                "total"
            ]
            or 0
        )
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
    return payout


def order_refund(
    *,
    order: Order,
    suborder: SubOrder | None = None,
    actor=None,
    call_provider: bool = True,
) -> list[Refund]:
    """Refunds the whole order or one sub-order: money back to the buyer, then the
    vendor's
    transfer is reversed (Connect) or its balance reduced. Already-refunded parts are
    skipped.
    """
    from marketplace.payments.providers import get_provider
    from marketplace.services.orders import _lock_order, _sync_order_status, _transition

    refunds = []
    with transaction.atomic():
        locked_order = _lock_order(order.pk)
        targets = (
            SubOrder.objects.select_for_update()
            .filter(order=locked_order)
            .order_by("id")
        )
        if suborder is not None:
            if suborder.order_id != order.pk:
                raise MarketplaceError(
                    _("This sub-order is not part of the order."), code="wrong_order"
                )
            targets = targets.filter(pk=suborder.pk)
        refundable = [
            s
            for s in targets
            if s.status
            in (
                OrderStatus.PAID,
                OrderStatus.PROCESSING,
                OrderStatus.SHIPPED,
                OrderStatus.DELIVERED,
            )
        ]
        if not refundable:
            raise MarketplaceError(
                _("Nothing left to refund on this order."),
                code="nothing_to_refund",
                status=409,
            )
        provider = get_provider(locked_order.payment_provider)
        for target in refundable:
            refund = Refund.objects.create(
                order=locked_order,
                suborder=target,
                amount=target.gross,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
            )
            if call_provider:
                refund.stripe_refund_id = provider.refund(
                    order=locked_order, amount=target.gross, refund_key=str(refund.pk)
                )
            _reverse_vendor_share(suborder=target, refund=refund)
            refund.save(update_fields=["stripe_refund_id", "stripe_reversal_id"])
            _transition(target, to=OrderStatus.REFUNDED, actor=actor)
            refunds.append(refund)
        _sync_order_status(locked_order, actor=actor)
    return refunds


def _reverse_vendor_share(*, suborder: SubOrder, refund: Refund) -> None:
    from marketplace.payments import stripe_client

    LedgerEntry.objects.create(
        vendor_id=suborder.vendor_id,
        suborder=suborder,
        kind=LedgerKind.REFUND,
        gross=-suborder.gross,
        commission=-suborder.commission,
        amount=-suborder.vendor_net,
        memo=suborder.order.number,
    )
    payout = Payout.objects.select_for_update().filter(suborder=suborder).first()
    if payout is None:
        return
    if payout.status == PayoutStatus.SCHEDULED:
        payout.status = PayoutStatus.CANCELLED
        payout.save(update_fields=["status"])
    elif payout.status == PayoutStatus.PAID and payout.stripe_transfer_id:
        reversal = stripe_client.transfer_reversal_create(
            transfer_id=payout.stripe_transfer_id,
            amount_minor=rupiah_to_stripe_amount(payout.amount),
            refund_id=refund.pk,
        )
        refund.stripe_reversal_id = reversal["id"]
        payout.status = PayoutStatus.REVERSED
        payout.save(update_fields=["status"])
        LedgerEntry.objects.create(
            vendor_id=suborder.vendor_id,
            suborder=suborder,
            payout=payout,
            kind=LedgerKind.PAYOUT_REVERSAL,
            amount=payout.amount,
            memo=reversal["id"],
        )
