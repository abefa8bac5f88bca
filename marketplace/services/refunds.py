"""Refunds: money back to the buyer, the vendor's share taken back, the order's history.

Every refund runs in three steps so that no Stripe call happens while a row lock is
held (a slow Stripe would otherwise block every checkout, webhook and dashboard action
on the order):

1. decide under the order's lock and commit: which sub-orders, how much, a PENDING
   ``Refund`` row per sub-order (scheduled transfers are cancelled right there);
2. call Stripe with no lock held, with an idempotency key built from the refund id, so a
   retry never refunds twice;
3. record the outcome in a second short transaction: SUCCEEDED with the Stripe ids,
   ledger entries, sub-order transitions and history, or FAILED with the error.

FAILED and stale PENDING refunds are retried by ``refunds_retry`` (the periodic
``stripe_events_replay_task`` and ``manage.py stripe_replay_failed`` call it).

A booking line can be refunded on its own (``booking_refund``: its session was
cancelled) through the same three steps: only its amount goes back, the vendor's
balance and the platform's commission fall by that line's part, its ticket is voided
and its seats freed, and the sub-order keeps its status while other lines remain. The
last line left of a sub-order takes what is left of the sub-order, like a whole
refund.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import MarketplaceError, PaymentError
from marketplace.models import (
    LedgerEntry,
    LedgerKind,
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    Payout,
    PayoutStatus,
    Refund,
    RefundStatus,
    SubOrder,
)
from marketplace.money import (
    commission_on,
    rupiah_to_stripe_amount,
    stripe_amount_to_rupiah,
)
from marketplace.payments import stripe_client
from marketplace.payments.providers import get_provider
from marketplace.services.notifications import order_refunded_queue_emails
from marketplace.services.tickets import (
    tickets_cancel_for_line,
    tickets_cancel_for_suborder,
)
from marketplace.services.transitions import (
    order_lock,
    order_status_sync,
    status_transition,
)

logger = logging.getLogger(__name__)

REFUNDABLE = (
    OrderStatus.PAID,
    OrderStatus.PROCESSING,
    OrderStatus.SHIPPED,
    OrderStatus.READY_FOR_PICKUP,
    OrderStatus.DELIVERED,
)
# A PENDING refund older than this lost its worker between steps 1 and 3.
STALE_PENDING = timedelta(minutes=10)
LATE_PAYMENT = "late payment"


def _actor_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _already_refunded(suborder: SubOrder) -> tuple[int, int, int]:
    """(gross, commission, vendor_net) of this sub-order already given back by partial
    refunds (in the Stripe dashboard, or of single booking lines), as positive
    numbers.
    """
    sums = LedgerEntry.objects.filter(
        suborder=suborder,
        kind__in=(LedgerKind.PARTIAL_REFUND, LedgerKind.LINE_REFUND),
    ).aggregate(g=Sum("gross"), c=Sum("commission"), a=Sum("amount"))
    return -(sums["g"] or 0), -(sums["c"] or 0), -(sums["a"] or 0)


def order_refund(
    *,
    order: Order,
    suborder: SubOrder | None = None,
    actor=None,
    call_provider: bool = True,
    reason: str = "",
) -> list[Refund]:
    """Refunds the whole order or one sub-order; already-refunded parts are skipped.

    ``call_provider=False`` when the money already went back (a refund made in the
    Stripe dashboard): only the vendor's share and the statuses change. Returns the
    refunds, each SUCCEEDED or FAILED (a failed one is retried later).
    """
    with transaction.atomic():
        locked_order = order_lock(order.pk)
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
        refundable = [s for s in targets if s.status in REFUNDABLE]
        if not refundable:
            raise MarketplaceError(
                _("Nothing left to refund on this order."),
                code="nothing_to_refund",
                status=409,
            )
        refund_ids = []
        for target in refundable:
            if (
                Refund.objects.filter(suborder=target, line__isnull=False)
                .exclude(status=RefundStatus.SUCCEEDED)
                .exists()
            ):
                # What is left to refund is known once the booking refund is recorded.
                raise MarketplaceError(
                    _("A refund of this order is under way; try again in a while."),
                    code="refund_in_progress",
                    status=409,
                )
            refund = Refund.objects.filter(suborder=target, line__isnull=True).first()
            if refund is None:
                already_gross, _c, _a = _already_refunded(target)
                refund = Refund.objects.create(
                    order=locked_order,
                    suborder=target,
                    amount=max(target.gross - already_gross, 0),
                    status=RefundStatus.PENDING,
                    reason=reason[:255],
                    actor=_actor_or_none(actor),
                )
            # Stop the vendor's transfer now, under the lock, so it cannot leave while
            # Stripe is being asked for the refund.
            Payout.objects.filter(
                suborder=target, status=PayoutStatus.SCHEDULED
            ).update(status=PayoutStatus.CANCELLED)
            refund_ids.append(refund.pk)
    return [
        refund_execute(refund_id=pk, call_provider=call_provider, actor=actor)
        for pk in refund_ids
    ]


def refund_execute(*, refund_id: int, call_provider: bool = True, actor=None) -> Refund:
    """Steps 2 and 3 for one PENDING or FAILED refund. Safe to run again: Stripe sees
    the same idempotency keys, and a SUCCEEDED refund is left alone.
    """

    refund = _with_last_line(Refund.objects.select_related("order")).get(pk=refund_id)
    if refund.status == RefundStatus.SUCCEEDED:
        return refund
    stripe_refund_id = refund.stripe_refund_id
    reversal_id = refund.stripe_reversal_id
    try:
        if (
            refund.is_last_line
            and Refund.objects.filter(suborder_id=refund.suborder_id)
            .exclude(pk=refund.pk)
            .exclude(status=RefundStatus.SUCCEEDED)
            .exists()
        ):
            # The last line takes "what is left", known once the earlier ones are
            # recorded; ``refunds_retry`` runs them in id order.
            raise PaymentError(
                _("An earlier refund of this order is retried first."),
                code="earlier_refund_pending",
            )
        if call_provider and refund.amount and not stripe_refund_id:
            stripe_refund_id = get_provider(refund.order.payment_provider).refund(
                order=refund.order, amount=refund.amount, refund_key=str(refund.pk)
            )
        payout = (
            Payout.objects.filter(suborder_id=refund.suborder_id).first()
            if refund.suborder_id
            else None
        )
        if payout is not None and payout.status == PayoutStatus.SENDING:
            raise PaymentError(
                _("The vendor's transfer is being sent; the refund is retried later."),
                code="transfer_in_flight",
            )
        reversal_amount = _reversal_amount(refund=refund, payout=payout)
        if (
            payout is not None
            and payout.status == PayoutStatus.PAID
            and payout.stripe_transfer_id
            and not reversal_id
            and reversal_amount > 0
        ):
            reversal_id = stripe_client.transfer_reversal_create(
                transfer_id=payout.stripe_transfer_id,
                amount_minor=rupiah_to_stripe_amount(reversal_amount),
                refund_id=refund.pk,
            )["id"]
    except (PaymentError, stripe_client.StripeError) as error:
        logger.warning("Refund %s failed: %s", refund.pk, error)
        Refund.objects.filter(pk=refund.pk).exclude(
            status=RefundStatus.SUCCEEDED
        ).update(
            status=RefundStatus.FAILED,
            error=str(error)[:2000],
            # Keep what did succeed, so a retry does not ask for it again.
            stripe_refund_id=stripe_refund_id,
            stripe_reversal_id=reversal_id,
        )
        refund.refresh_from_db()
        return refund
    return _refund_record_success(
        refund_id=refund.pk,
        stripe_refund_id=stripe_refund_id,
        reversal_id=reversal_id,
        actor=actor,
    )


def _refund_record_success(
    *, refund_id: int, stripe_refund_id: str, reversal_id: str, actor=None
) -> Refund:
    with transaction.atomic():
        refund = Refund.objects.get(pk=refund_id)
        order = order_lock(refund.order_id)
        # Whether it is the last line is read again under the lock, in the same query.
        refund = _with_last_line(Refund.objects.select_for_update()).get(pk=refund_id)
        if refund.status == RefundStatus.SUCCEEDED:
            return refund  # another retry recorded it first
        target = SubOrder.objects.select_for_update().get(pk=refund.suborder_id)
        payout = Payout.objects.select_for_update().filter(suborder=target).first()
        reversal_amount = _reversal_amount(refund=refund, payout=payout)
        refund.status = RefundStatus.SUCCEEDED
        refund.error = ""
        refund.stripe_refund_id = stripe_refund_id
        refund.stripe_reversal_id = reversal_id
        refund.save(
            update_fields=["status", "error", "stripe_refund_id", "stripe_reversal_id"]
        )
        if refund.line_id is not None and not refund.is_last_line:
            _record_line_refund(
                refund=refund,
                suborder=target,
                payout=payout,
                reversal_id=reversal_id,
                reversal_amount=reversal_amount,
            )
            return refund
        _reverse_vendor_share(
            suborder=target, reversal_id=reversal_id, reversal_amount=reversal_amount
        )
        # Refunded bookings give their seats back and their tickets stop working.
        tickets_cancel_for_suborder(suborder=target)
        if target.status in REFUNDABLE:
            status_transition(
                target, to=OrderStatus.REFUNDED, actor=actor, note=refund.reason
            )
        order_status_sync(order, actor=actor)
        # Stored with the refund, so the buyer and the vendor hear of it exactly once.
        order_refunded_queue_emails(order_id=order.pk, refund_ids=[refund.pk])
    return refund


def _reverse_vendor_share(
    *, suborder: SubOrder, reversal_id: str, reversal_amount: int
) -> None:
    """Takes back what is left of the vendor's share (after partial refunds)."""
    already_gross, already_commission, already_net = _already_refunded(suborder)
    LedgerEntry.objects.create(
        vendor_id=suborder.vendor_id,
        suborder=suborder,
        kind=LedgerKind.REFUND,
        gross=-(suborder.gross - already_gross),
        commission=-(suborder.commission - already_commission),
        amount=-(suborder.vendor_net - already_net),
        memo=suborder.order.number,
    )
    payout = Payout.objects.select_for_update().filter(suborder=suborder).first()
    if payout is None:
        return
    if payout.status in (PayoutStatus.SCHEDULED, PayoutStatus.FAILED):
        payout.status = PayoutStatus.CANCELLED
        payout.save(update_fields=["status"])
    elif payout.status == PayoutStatus.PAID and reversal_id:
        payout.status = PayoutStatus.REVERSED
        payout.save(update_fields=["status"])
        _ledger_payout_reversal(
            suborder=suborder,
            payout=payout,
            amount=reversal_amount,
            transfer_reversal_id=reversal_id,
        )


def _ledger_payout_reversal(
    *, suborder: SubOrder, payout: Payout, amount: int, transfer_reversal_id: str
) -> None:
    """The vendor's transfer, already sent, taken back (in part) by Stripe."""
    LedgerEntry.objects.create(
        vendor_id=suborder.vendor_id,
        suborder=suborder,
        payout=payout,
        kind=LedgerKind.PAYOUT_REVERSAL,
        amount=amount,
        memo=transfer_reversal_id,
    )


def _line_split(*, suborder: SubOrder, amount: int) -> tuple[int, int]:
    """(commission, vendor_net) of a booking line's refund: the commission the
    sub-order charged on it (the rate on items, rounded half up as at checkout),
    never more than the sub-order's commission."""
    commission = min(
        commission_on(amount, rate_bp=suborder.commission_rate_bp),
        suborder.commission,
    )
    return commission, amount - commission


def _with_last_line(refunds):
    """``refunds`` annotated with ``is_last_line``: whether a booking refund is the
    one that left nothing of its sub-order (every line has a refund and no later line
    refund exists). That refund takes what is left of the sub-order (rounding,
    shipping) and moves it to REFUNDED.

    Read in the query that loads the refund, once per step, rather than by two more
    queries each time a step asks. Once a refund is not the last it never becomes
    so (a line refunded later gets a later id), and once it is no line is left to
    refund; so the answer read before the Stripe call still holds under the lock.
    """
    unrefunded_line = OrderLine.objects.filter(
        suborder_id=OuterRef("suborder_id"), refund__isnull=True
    )
    later_line_refund = Refund.objects.filter(
        suborder_id=OuterRef("suborder_id"), line__isnull=False, pk__gt=OuterRef("pk")
    )
    return refunds.annotate(
        is_last_line=ExpressionWrapper(
            Q(line__isnull=False)
            & ~Exists(unrefunded_line)
            & ~Exists(later_line_refund),
            output_field=BooleanField(),
        )
    )


def _reversal_amount(*, refund: Refund, payout: Payout | None) -> int:
    """How much of the vendor's sent transfer this refund takes back (0 when the
    transfer is not sent, or its amount was lowered before it left). ``refund``
    comes from ``_with_last_line``."""
    if payout is None or payout.status != PayoutStatus.PAID or refund.payout_adjusted:
        return 0
    reversed_before = (
        LedgerEntry.objects.filter(
            payout=payout, kind=LedgerKind.PAYOUT_REVERSAL
        ).aggregate(total=Sum("amount"))["total"]
        or 0
    )
    left = max(payout.amount - reversed_before, 0)
    if refund.line_id is not None and not refund.is_last_line:
        suborder = SubOrder.objects.get(pk=refund.suborder_id)
        return min(_line_split(suborder=suborder, amount=refund.amount)[1], left)
    return left


def _record_line_refund(
    *,
    refund: Refund,
    suborder: SubOrder,
    payout: Payout | None,
    reversal_id: str,
    reversal_amount: int,
) -> None:
    """Step 3 of a booking refund with other lines left: the vendor's balance and
    the commission fall by this line's part, its ticket is voided and its seats
    freed; the sub-order keeps its status (its goods still ship)."""
    commission, net = _line_split(suborder=suborder, amount=refund.amount)
    LedgerEntry.objects.create(
        vendor_id=suborder.vendor_id,
        suborder=suborder,
        kind=LedgerKind.LINE_REFUND,
        gross=-refund.amount,
        commission=-commission,
        amount=-net,
        memo=f"{suborder.order.number} line {refund.line_id}"[:255],
    )
    if payout is not None and reversal_id:
        _ledger_payout_reversal(
            suborder=suborder,
            payout=payout,
            amount=reversal_amount,
            transfer_reversal_id=reversal_id,
        )
    line = OrderLine.objects.get(pk=refund.line_id)
    tickets_cancel_for_line(line=line)
    note = f"booking {line.product_name} refunded ({refund.amount}): {refund.reason}"
    OrderStatusChange.objects.create(
        order_id=refund.order_id,
        suborder=suborder,
        from_status=suborder.status,
        to_status=suborder.status,
        actor=refund.actor,
        note=note[:255],
    )
    order_refunded_queue_emails(order_id=refund.order_id, refund_ids=[refund.pk])


def booking_refund(*, line_id: int, actor=None, reason: str = "") -> Refund:
    """Refunds one paid booking line and nothing else of its sub-order (a session the
    organiser cancelled): the same three steps as ``order_refund``, so Stripe is
    called with no lock held and an idempotency key from the refund id.

    Safe to run twice: the line has at most one Refund (a database constraint), a
    SUCCEEDED one is returned as it is, and a PENDING or FAILED one is executed again
    (``refunds_retry`` does the same for a worker that died after step 1). The
    vendor's transfer, when not sent yet, is lowered by the line's share right here
    under the lock; when already sent, that share is reversed in Stripe.
    """
    line = (
        OrderLine.objects.select_related("suborder")
        .filter(pk=line_id, session__isnull=False)
        .first()
    )
    if line is None:
        raise MarketplaceError(
            _("This booking does not exist."), code="unknown_booking", status=404
        )
    with transaction.atomic():
        locked_order = order_lock(line.suborder.order_id)
        suborder = SubOrder.objects.select_for_update().get(pk=line.suborder_id)
        refund = Refund.objects.filter(line=line).first()
        if refund is None:
            refund = _booking_refund_decide(
                order=locked_order,
                suborder=suborder,
                line=line,
                actor=actor,
                reason=reason,
            )
    return refund_execute(refund_id=refund.pk, actor=actor)


def _booking_refund_decide(
    *, order: Order, suborder: SubOrder, line: OrderLine, actor, reason: str
) -> Refund:
    """Step 1 of ``booking_refund``, under the order's and sub-order's locks."""
    if (
        suborder.status not in REFUNDABLE
        or Refund.objects.filter(suborder=suborder, line__isnull=True).exists()
    ):
        raise MarketplaceError(
            _("Nothing left to refund on this order."),
            code="nothing_to_refund",
            status=409,
        )
    last = not (
        OrderLine.objects.filter(suborder=suborder, refund__isnull=True)
        .exclude(pk=line.pk)
        .exists()
    )
    payout = (
        Payout.objects.select_for_update()
        .filter(
            suborder=suborder,
            status__in=(PayoutStatus.SCHEDULED, PayoutStatus.FAILED),
        )
        .first()
    )
    adjusted = False
    if last:
        # Nothing of the sub-order remains: what is left of it goes back.
        lines_before = (
            Refund.objects.filter(suborder=suborder).aggregate(total=Sum("amount"))[
                "total"
            ]
            or 0
        )
        dashboard_gross = -(
            LedgerEntry.objects.filter(
                suborder=suborder, kind=LedgerKind.PARTIAL_REFUND
            ).aggregate(total=Sum("gross"))["total"]
            or 0
        )
        amount = max(suborder.gross - lines_before - dashboard_gross, 0)
        if payout is not None and payout.status == PayoutStatus.SCHEDULED:
            payout.status = PayoutStatus.CANCELLED
            payout.save(update_fields=["status"])
    else:
        amount = line.line_total
        _commission, net = _line_split(suborder=suborder, amount=amount)
        if payout is not None:
            # Not sent yet: send less instead of reversing afterwards.
            adjusted = True
            if payout.amount > net:
                payout.amount -= net
                payout.save(update_fields=["amount"])
            else:
                payout.status = PayoutStatus.CANCELLED
                payout.save(update_fields=["status"])
    return Refund.objects.create(
        order=order,
        suborder=suborder,
        line=line,
        amount=amount,
        payout_adjusted=adjusted,
        status=RefundStatus.PENDING,
        reason=reason[:255],
        actor=_actor_or_none(actor),
    )


def refunds_retry(*, now=None) -> int:
    """Retries FAILED refunds and PENDING ones whose worker died; returns how many
    succeeded now.
    """
    now = now or timezone.now()
    ids = list(
        Refund.objects.filter(
            Q(status=RefundStatus.FAILED)
            | Q(status=RefundStatus.PENDING, created_at__lt=now - STALE_PENDING)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for pk in ids:
        refund = Refund.objects.select_related("order").get(pk=pk)
        if refund.suborder_id is not None:
            refund = refund_execute(refund_id=pk)
        elif refund.reason == LATE_PAYMENT:
            refund = order_refund_unfulfillable(order=refund.order) or refund
        else:
            continue  # dashboard refunds are recorded once Stripe made them
        done += refund.status == RefundStatus.SUCCEEDED
    return done


def refund_apply_from_stripe(
    *, order_id: int, charge_id: str, refunded_minor: int, fully_refunded: bool
) -> Refund | list[Refund] | None:
    """Applies a refund made outside Banua (``charge.refunded``; the amount is the
    charge's running total). Idempotent: only the part not yet recorded is applied.

    A total that reaches the order's grand total refunds the order (vendors' shares
    taken back, sub-orders REFUNDED). A partial amount is recorded as one Refund and
    split over the live sub-orders in proportion to their gross (largest remainder, so
    the parts add up exactly); each vendor's balance falls by its part minus the
    commission on it, the sub-orders keep their status, and the history says so. A
    vendor already paid by transfer then owes that part back (the balance goes below
    zero); Banua does not reverse transfers for partial refunds.
    """
    refunded = stripe_amount_to_rupiah(refunded_minor)
    with transaction.atomic():
        order = order_lock(order_id)
        # Everything we asked Stripe for counts, except failures that never reached
        # the buyer (a refund that failed only at the transfer reversal did).
        recorded = (
            Refund.objects.filter(order=order)
            .exclude(status=RefundStatus.FAILED, stripe_refund_id="")
            .aggregate(total=Sum("amount"))["total"]
            or 0
        )
        delta = refunded - recorded
        if delta <= 0:
            return None  # the echo of a refund we made, or a replay
        full = fully_refunded or refunded >= order.grand_total
        if not full:
            return _apply_partial(
                order=order, amount=delta, key=f"{charge_id}:{refunded_minor}"
            )
    try:
        return order_refund(
            order=order, call_provider=False, reason="refunded in Stripe"
        )
    except MarketplaceError as error:
        if error.code != "nothing_to_refund":
            raise
        logger.warning("Stripe refunded order %s, which has nothing left", order.number)
        return None


def _apply_partial(*, order: Order, amount: int, key: str) -> Refund:
    live = list(
        SubOrder.objects.select_for_update()
        .filter(order=order, status__in=REFUNDABLE)
        .order_by("id")
    )
    total_gross = sum(s.gross for s in live) or 1
    amount = min(amount, total_gross)
    shares = [amount * s.gross // total_gross for s in live]
    remainders = sorted(
        range(len(live)),
        key=lambda i: (-(amount * live[i].gross % total_gross), i),
    )
    for i in remainders[: amount - sum(shares)]:
        shares[i] += 1
    refund = Refund.objects.create(
        order=order,
        amount=amount,
        status=RefundStatus.SUCCEEDED,
        reason="partial refund in Stripe",
        stripe_refund_id=key[:255],
    )
    for suborder, part in zip(live, shares, strict=True):
        if not part:
            continue
        commission = (
            suborder.commission * part + suborder.gross // 2
        ) // suborder.gross
        LedgerEntry.objects.create(
            vendor_id=suborder.vendor_id,
            suborder=suborder,
            kind=LedgerKind.PARTIAL_REFUND,
            gross=-part,
            commission=-commission,
            amount=-(part - commission),
            memo=f"{order.number} {key}"[:255],
        )
    OrderStatusChange.objects.create(
        order=order,
        from_status=order.status,
        to_status=order.status,
        note=f"partial refund of {amount} made in Stripe"[:255],
    )
    order_refunded_queue_emails(order_id=order.pk, refund_ids=[refund.pk])
    return refund


def order_refund_unfulfillable(*, order: Order) -> Refund | None:
    """Gives the money back for a payment we cannot honour (it arrived after the order
    was cancelled and the stock sold out).

    Recorded like any refund: a Refund row (PENDING, then SUCCEEDED or FAILED), a
    zero-amount ledger entry per sub-order (no sale was credited, so no balance moves)
    and a note in the order's history. Stripe is called outside any lock, with an
    idempotency key from the refund id.
    """

    if not (order.payment_intent_id or order.payment_provider == "demo"):
        return None
    with transaction.atomic():
        refund = Refund.objects.filter(
            order=order, reason=LATE_PAYMENT, suborder__isnull=True
        ).first()
        if refund is None:
            refund = Refund.objects.create(
                order=order,
                amount=order.grand_total,
                status=RefundStatus.PENDING,
                reason=LATE_PAYMENT,
            )
    if refund.status == RefundStatus.SUCCEEDED:
        return refund
    try:
        stripe_id = get_provider(order.payment_provider).refund_whole(
            order=order, refund_key=str(refund.pk)
        )
    except (PaymentError, stripe_client.StripeError) as error:
        logger.error("Refund of late payment on %s failed: %s", order.number, error)
        Refund.objects.filter(pk=refund.pk).update(
            status=RefundStatus.FAILED, error=str(error)[:2000]
        )
        OrderStatusChange.objects.create(
            order=order,
            from_status=order.status,
            to_status=order.status,
            note="late payment: refund FAILED, retry needed",
        )
        refund.refresh_from_db()
        return refund
    with transaction.atomic():
        Refund.objects.filter(pk=refund.pk).update(
            status=RefundStatus.SUCCEEDED, error="", stripe_refund_id=stripe_id
        )
        for suborder in order.suborders.all():
            LedgerEntry.objects.create(
                vendor_id=suborder.vendor_id,
                suborder=suborder,
                kind=LedgerKind.LATE_PAYMENT_REFUND,
                amount=0,
                memo=f"{order.number}: {suborder.gross} paid late, refunded"[:255],
            )
        OrderStatusChange.objects.create(
            order=order,
            from_status=order.status,
            to_status=order.status,
            note=f"late payment of {order.grand_total} refunded (sold out)"[:255],
        )
        order_refunded_queue_emails(order_id=order.pk, refund_ids=[refund.pk])
    refund.refresh_from_db()
    return refund
