"""How the vendor is paid: Stripe Connect onboarding, or a bank account."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vendors import selectors, services
from vendors.forms import BankAccountForm
from vendors.services.payouts import PayoutNotConfigured, PayoutUnavailable
from vendors.views.dashboard import errors_to_form, vendor_required

STRIPE_NOT_CONFIGURED = gettext_lazy(
    "Stripe is not configured on this site, so payouts through Stripe are not "
    "available. Add a bank account instead; the tourism office pays by transfer."
)


@vendor_required
def payouts(request, vendor):
    account = selectors.bank_account_for_vendor(vendor=vendor)
    form = BankAccountForm(request.POST or None, instance=None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_account_save(
                vendor=vendor, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Your bank account is saved."))
            return redirect("vendors:payouts")
    return render(
        request,
        "vendors/dashboard/payouts.html",
        {"vendor": vendor, "bank_account": account, "form": form},
    )


def _onboarding_redirect(request, vendor):
    try:
        url = services.vendor_payout_link_create(
            vendor=vendor,
            actor=request.user,
            refresh_url=request.build_absolute_uri(
                reverse("vendors:payout_stripe_refresh")
            ),
            return_url=request.build_absolute_uri(
                reverse("vendors:payout_stripe_return")
            ),
        )
    except PayoutNotConfigured:
        messages.error(request, STRIPE_NOT_CONFIGURED)
        return redirect("vendors:payouts")
    except PayoutUnavailable:
        messages.error(
            request, _("Stripe cannot be reached right now. Please try again later.")
        )
        return redirect("vendors:payouts")
    return redirect(url)


@require_POST
@vendor_required
def payout_stripe_start(request, vendor):
    return _onboarding_redirect(request, vendor)


@vendor_required
def payout_stripe_refresh(request, vendor):
    """Stripe sends the vendor here when the link expired: make a fresh one."""
    return _onboarding_redirect(request, vendor)


@vendor_required
def payout_stripe_return(request, vendor):
    try:
        services.vendor_payout_refresh(vendor=vendor, actor=request.user)
    except PayoutNotConfigured:
        messages.error(request, STRIPE_NOT_CONFIGURED)
    except PayoutUnavailable:
        messages.error(
            request,
            _("We could not check your Stripe account yet; it updates shortly."),
        )
    else:
        messages.success(request, _("Thank you. Your payout status is updated."))
    return redirect("vendors:payouts")
