"""Vendor-facing marketplace pages: the statement and the sub-orders to fulfil.

The vendors app owns the dashboard; these pages are linked from it. A user without a
shop gets 404, and every query goes through the vendor-scoped selectors.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors, services
from marketplace.errors import MarketplaceError


def _vendor(request):
    vendor = getattr(request.user, "vendor", None)
    if vendor is None:
        raise Http404
    return vendor


@login_required
def vendor_statement(request):
    vendor = _vendor(request)
    return render(
        request,
        "marketplace/vendor_statement.html",
        {
            "vendor": vendor,
            "balance": selectors.vendor_balance(vendor=vendor),
            "entries": selectors.vendor_statement(vendor=vendor),
        },
    )


@login_required
def vendor_suborders(request):
    vendor = _vendor(request)
    suborders = list(selectors.suborder_list_for_vendor(vendor=vendor)[:100])
    return render(
        request,
        "marketplace/vendor_suborders.html",
        {"vendor": vendor, "suborders": suborders},
    )


@login_required
@require_POST
def vendor_suborder_ship(request, suborder_id):
    vendor = _vendor(request)
    suborder = selectors.suborder_get_for_vendor(vendor=vendor, suborder_id=suborder_id)
    if suborder is None:
        raise Http404
    try:
        services.suborder_mark_shipped(
            suborder=suborder,
            courier=request.POST.get("courier", ""),
            tracking_number=request.POST.get("tracking_number", ""),
            actor=request.user,
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Marked as shipped."))
    return redirect("marketplace:vendor_suborders")
