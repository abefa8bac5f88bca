"""What the platform owes each vendor: commission, ledger entries, payouts, refunds."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _


class CommissionRule(models.Model):
    """Overrides the default commission for one vendor or one category (vendor wins)."""

    vendor = models.OneToOneField(
        "vendors.Vendor",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("vendor"),
    )
    category = models.OneToOneField(
        "marketplace.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("category"),
    )
    rate_bp = models.PositiveIntegerField(
        _("commission (basis points)"),
        help_text=_("1000 = 10%. Applies to the items, not shipping."),
    )

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("commission rule")
        verbose_name_plural = _("commission rules")
        constraints = [
            models.CheckConstraint(
                condition=(Q(vendor__isnull=False) & Q(category__isnull=True))
                | (Q(vendor__isnull=True) & Q(category__isnull=False)),
                name="commission_rule_for_vendor_xor_category",
            ),
            models.CheckConstraint(
                condition=Q(rate_bp__lte=10_000), name="commission_rule_at_most_100pct"
            ),
        ]

    def __str__(self):
        return f"{self.rate_bp / 100:g}%"


class LedgerKind(models.TextChoices):
    SALE = "sale", _("Sale (vendor's share)")
    REFUND = "refund", _("Refund")
    PAYOUT = "payout", _("Payout")
    PAYOUT_REVERSAL = "payout_reversal", _("Payout reversed")
    # Part of a sub-order refunded in the Stripe dashboard; several may follow each other.
    PARTIAL_REFUND = "partial_refund", _("Partial refund")
    # One booking line refunded (its session cancelled) while the rest of the
    # sub-order stands; the last line left takes the sub-order's REFUND instead.
    LINE_REFUND = "line_refund", _("Booking refunded")
    # A payment that arrived after its order was cancelled and sold out, given back:
    # no sale was credited, so the entry moves nothing and only keeps the record.
    LATE_PAYMENT_REFUND = "late_refund", _("Late payment refunded")


class LedgerEntryQuerySet(models.QuerySet):
    def balance(self) -> int:
        """What these entries add up to in rupiah (0 for none): for one vendor's
        entries, what the marketplace owes it. Written once for the payout service,
        the dashboard and the office's balances page."""
        return self.aggregate(total=Sum("amount"))["total"] or 0


class LedgerEntry(models.Model):
    """One signed movement of a vendor's balance; the balance is the sum of its entries."""

    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vendor"),
    )
    suborder = models.ForeignKey(
        "marketplace.SubOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    payout = models.ForeignKey(
        "marketplace.Payout",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LedgerKind.choices)
    gross = models.IntegerField(_("gross"), default=0)
    commission = models.IntegerField(_("commission"), default=0)
    amount = models.IntegerField(_("amount to the vendor"))
    memo = models.CharField(_("memo"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["created_at", "id"]
        constraints = [
            # A sub-order is credited once, whatever replays of its payment arrive.
            models.UniqueConstraint(
                fields=["suborder"],
                condition=Q(kind="sale"),
                name="ledger_one_sale_per_suborder",
            ),
            models.UniqueConstraint(
                fields=["suborder"],
                condition=Q(kind="refund"),
                name="ledger_one_refund_per_suborder",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.amount}"


class PayoutMethod(models.TextChoices):
    STRIPE_TRANSFER = "stripe", _("Stripe transfer")
    BANK_TRANSFER = "bank", _("Bank transfer by the office")


class PayoutStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    # Decided under the payout's lock and committed; the Stripe transfer is being sent
    # outside any lock. A crash leaves it here, and the next release retries it with the
    # same idempotency key (so Stripe never transfers twice).
    SENDING = "sending", _("Sending")
    FAILED = "failed", _("Failed (will be retried)")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")
    REVERSED = "reversed", _("Reversed")


class Payout(models.Model):
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vendor"),
    )
    suborder = models.OneToOneField(
        "marketplace.SubOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payout",
    )
    method = models.CharField(_("method"), max_length=10, choices=PayoutMethod.choices)
    status = models.CharField(_("status"), max_length=10, choices=PayoutStatus.choices)
    amount = models.PositiveIntegerField(_("amount"))
    release_at = models.DateTimeField(_("release at"), null=True, blank=True)
    stripe_transfer_id = models.CharField(max_length=255, blank=True)
    reference = models.CharField(
        _("bank transfer reference"), max_length=120, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    attempted_at = models.DateTimeField(
        _("last transfer attempt"), null=True, blank=True
    )
    error = models.TextField(_("last error"), blank=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payout_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(method="bank", status="paid") | ~Q(reference=""),
                name="bank_payout_has_reference",
            ),
        ]

    def __str__(self):
        return f"payout {self.pk} {self.amount}"


class RefundStatus(models.TextChoices):
    # Decided and committed under the order's lock; Stripe is called after the commit.
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    # Stripe refused or was unreachable: retried with the same idempotency key.
    FAILED = "failed", _("Failed (will be retried)")


class Refund(models.Model):
    """Money given back to the buyer: one row per refunded sub-order (ours), one per
    refunded booking line (``line`` set: the rest of its sub-order stands), or one per
    refund made in the Stripe dashboard (``suborder`` empty, any amount).
    """

    order = models.ForeignKey(
        "marketplace.Order", on_delete=models.PROTECT, related_name="refunds"
    )
    suborder = models.ForeignKey(
        "marketplace.SubOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    # A booking refunded on its own (a cancelled session): one row per line, so a
    # cancel run twice refunds it once.
    line = models.OneToOneField(
        "marketplace.OrderLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refund",
        verbose_name=_("booking line"),
    )
    # The vendor's share of a line refund was taken off its transfer before it left
    # (so no reversal is needed once the transfer is sent).
    payout_adjusted = models.BooleanField(default=False)
    amount = models.PositiveIntegerField(_("amount"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RefundStatus.choices,
        default=RefundStatus.PENDING,
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    error = models.TextField(_("last error"), blank=True)
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    stripe_reversal_id = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.UniqueConstraint(
                fields=["suborder"],
                condition=Q(suborder__isnull=False, line__isnull=True),
                name="refund_one_per_suborder",
            ),
            models.CheckConstraint(
                condition=Q(line__isnull=True) | Q(suborder__isnull=False),
                name="refund_line_has_suborder",
            ),
            # A dashboard refund is applied once, however often Stripe tells us.
            models.UniqueConstraint(
                fields=["stripe_refund_id"],
                condition=~Q(stripe_refund_id=""),
                name="refund_unique_stripe_refund_id",
            ),
        ]

    def __str__(self):
        return f"refund {self.amount}"
