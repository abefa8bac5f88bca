"""Office views in the Wagtail admin: balances, bank payouts, refunds, hidden reviews.

Each view checks the permission, then calls the same services as the rest of the site.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace import selectors, services
from marketplace.errors import MarketplaceError
from marketplace.models import (
    LedgerEntry,
    Order,
    Payout,
    PayoutMethod,
    RefundStatus,
    Review,
)
from marketplace.payments import stripe_client


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


class BankPayoutForm(forms.Form):
    amount = forms.IntegerField(label=gettext_lazy("Amount (Rp)"), min_value=1)
    reference = forms.CharField(
        label=gettext_lazy("Bank transfer reference"), max_length=120
    )


def balances(request):
    """What the platform owes each vendor, with a form to record a bank transfer."""
    _require(request, "marketplace.view_payout")
    rows = selectors.vendor_balances_owed()
    recent = Payout.objects.filter(method=PayoutMethod.BANK_TRANSFER).select_related(
        "vendor"
    )[:20]
    return TemplateResponse(
        request,
        "marketplace/admin/balances.html",
        {"rows": rows, "recent": recent, "form": BankPayoutForm()},
    )


def record_bank_payout(request, vendor_id):
    _require(request, "marketplace.add_payout")
    # The vendor model through the relation: the vendors app sits above this one.
    vendor_model = LedgerEntry._meta.get_field("vendor").related_model
    vendor = get_object_or_404(vendor_model, pk=vendor_id)
    form = BankPayoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payout_record_bank_transfer(
                vendor=vendor,
                amount=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
                actor=request.user,
            )
        except MarketplaceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Bank transfer to %(shop)s recorded.") % {"shop": vendor.name},
            )
    elif request.method == "POST":
        messages.error(request, _("Enter an amount and the bank transfer reference."))
    return redirect("marketplace_balances")


def refund(request, order_id):
    """Refund the whole order, or one vendor's sub-order (``suborder`` in the POST)."""
    _require(request, "marketplace.change_order")
    order = get_object_or_404(
        Order.objects.prefetch_related("suborders__vendor"), pk=order_id
    )
    if request.method == "POST":
        if order.payment_provider == "stripe" and not stripe_client.is_configured():
            # Not an outage to retry: without keys no call can succeed.
            messages.error(
                request,
                _(
                    "Stripe is not configured on this site (no STRIPE_SECRET_KEY), so "
                    "the refund cannot be sent. Configure Stripe, then refund again."
                ),
            )
            return redirect("marketplace_refund", order_id=order.pk)
        suborder = None
        if request.POST.get("suborder"):
            suborder = order.suborders.filter(pk=request.POST.get("suborder")).first()
            if suborder is None:
                messages.error(request, _("This sub-order is not part of the order."))
                return redirect("marketplace_refund", order_id=order.pk)
        try:
            refunds = services.order_refund(
                order=order, suborder=suborder, actor=request.user
            )
        except MarketplaceError as error:
            messages.error(request, error.message)
        else:
            failed = [r for r in refunds if r.status == RefundStatus.FAILED]
            if failed:
                messages.warning(
                    request,
                    _(
                        "The payment service did not complete the refund; it will be "
                        "retried automatically. %(error)s"
                    )
                    % {"error": failed[0].error[:200]},
                )
            else:
                messages.success(request, _("Refund recorded."))
        return redirect("marketplace_refund", order_id=order.pk)
    return TemplateResponse(request, "marketplace/admin/refund.html", {"order": order})


class ReviewHideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept for the record, shown to the shop)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


def review_hide(request, review_id):
    """Hide a review with a reason, or show a hidden one again."""
    _require(request, "marketplace.change_review")
    review = get_object_or_404(Review.objects.select_related("product"), pk=review_id)
    inspect_url = reverse("marketplace_reviews:inspect", args=[review.pk])
    form = ReviewHideForm(request.POST or None)
    if request.method == "POST":
        if review.is_hidden:
            services.review_unhide(review_id=review.pk, actor=request.user)
            messages.success(request, _("The review is shown again."))
            return redirect(inspect_url)
        if form.is_valid():
            try:
                services.review_hide(
                    review_id=review.pk,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except MarketplaceError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The review is hidden."))
                return redirect(inspect_url)
    return TemplateResponse(
        request,
        "marketplace/admin/review_hide.html",
        {"review": review, "form": form, "inspect_url": inspect_url},
    )
