"""Orders to fulfil: the marketplace owns them; these pages use its vendor-scoped
selectors and its shipping service."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from marketplace import selectors as marketplace_selectors
from marketplace import services as marketplace_services
from marketplace.errors import MarketplaceError
from marketplace.models import ShippingMethod
from vendors.forms import ShipForm
from vendors.views.dashboard import vendor_required


def _suborder_or_404(vendor, suborder_id):
    suborder = marketplace_selectors.suborder_get_for_vendor(
        vendor=vendor, suborder_id=suborder_id
    )
    if suborder is None:
        raise Http404
    return suborder


# The tabs of the order list, in the order they are shown.
ORDER_TABS = (
    ("", _lazy("All")),
    ("to_ship", _lazy("To ship")),
    ("shipped", _lazy("Shipped")),
    ("done", _lazy("Done")),
    ("cancelled", _lazy("Cancelled")),
)


@vendor_required
def order_list(request, vendor):
    state = request.GET.get("state", "")
    if state not in marketplace_selectors.VENDOR_ORDER_STATES:
        state = ""
    query = " ".join(request.GET.get("q", "").split())[:100]
    suborders = list(
        marketplace_selectors.suborder_list_for_vendor(
            vendor=vendor, state=state, query=query
        )[:100]
    )
    return render(
        request,
        "vendors/dashboard/order_list.html",
        {
            "vendor": vendor,
            "suborders": suborders,
            "tabs": ORDER_TABS,
            "state": state,
            "query": query,
        },
    )


# Pick-up sub-orders: the vendor's two buttons, no courier or tracking number.
_PICKUP_ACTIONS = {
    "ready_for_pickup": (
        marketplace_services.suborder_mark_ready_for_pickup,
        _lazy("Marked ready for pick-up. The buyer is told."),
    ),
    "collected": (
        marketplace_services.suborder_mark_collected,
        _lazy("Marked as collected. The order is complete."),
    ),
}


@vendor_required
def order_detail(request, vendor, suborder_id):
    suborder = _suborder_or_404(vendor, suborder_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action in _PICKUP_ACTIONS:
        service, done = _PICKUP_ACTIONS[action]
        try:
            service(suborder=suborder, actor=request.user)
        except MarketplaceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect("vendors:order_detail", suborder_id=suborder.pk)
    is_pickup = suborder.shipping_method == ShippingMethod.PICKUP
    if request.method == "POST" and is_pickup:
        # Pick-up parcels are never shipped by courier; only the buttons above apply.
        return redirect("vendors:order_detail", suborder_id=suborder.pk)
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
        {
            "vendor": vendor,
            "suborder": suborder,
            "order": suborder.order,
            "form": form,
            "is_pickup": is_pickup,
        },
    )


@vendor_required
def packing_slip(request, vendor, suborder_id):
    suborder = _suborder_or_404(vendor, suborder_id)
    return render(
        request,
        "vendors/dashboard/packing_slip.html",
        {"vendor": vendor, "suborder": suborder, "order": suborder.order},
    )
