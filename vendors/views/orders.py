"""Orders to fulfil: the marketplace owns them; these pages use its vendor-scoped
selectors and its shipping service."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace import selectors as marketplace_selectors
from marketplace import services as marketplace_services
from marketplace.errors import MarketplaceError
from vendors.forms import ShipForm
from vendors.views.dashboard import vendor_required


def _suborder_or_404(vendor, suborder_id):
    suborder = marketplace_selectors.suborder_get_for_vendor(
        vendor=vendor, suborder_id=suborder_id
    )
    if suborder is None:
        raise Http404
    return suborder


@vendor_required
def order_list(request, vendor):
    suborders = list(
        marketplace_selectors.suborder_list_for_vendor(vendor=vendor)[:100]
    )
    return render(
        request,
        "vendors/dashboard/order_list.html",
        {"vendor": vendor, "suborders": suborders},
    )


@vendor_required
def order_detail(request, vendor, suborder_id):
    suborder = _suborder_or_404(vendor, suborder_id)
    form = ShipForm(
        request.POST or None,
        initial={
            "courier": suborder.courier,
            "tracking_number": suborder.tracking_number,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            marketplace_services.suborder_mark_shipped(
                suborder=suborder,
                courier=form.cleaned_data["courier"],
                tracking_number=form.cleaned_data["tracking_number"],
                actor=request.user,
            )
        except MarketplaceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Marked as shipped. The buyer is told."))
            return redirect("vendors:order_detail", suborder_id=suborder.pk)
    return render(
        request,
        "vendors/dashboard/order_detail.html",
        {"vendor": vendor, "suborder": suborder, "order": suborder.order, "form": form},
    )


@vendor_required
def packing_slip(request, vendor, suborder_id):
    suborder = _suborder_or_404(vendor, suborder_id)
    return render(
        request,
        "vendors/dashboard/packing_slip.html",
        {"vendor": vendor, "suborder": suborder, "order": suborder.order},
    )
