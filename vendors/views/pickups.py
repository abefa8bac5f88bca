"""The vendor's pick-up list (phone first): pre-orders to hand over, per event and
per window, and the "collected" button.

Everything is read through the marketplace's vendor-scoped pick-up selectors, so a
vendor never sees, nor hands over, another vendor's pick-up.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors_pickup
from marketplace import services as marketplace_services
from marketplace.errors import MarketplaceError
from vendors.views.dashboard import vendor_required


@vendor_required
def pickup_list(request, vendor):
    event_id = request.GET.get("event", "")
    window_id = request.GET.get("window", "")
    include_done = request.GET.get("done") == "1"
    groups = selectors_pickup.pickup_list_for_vendor(
        vendor=vendor, event_id=event_id, window_id=window_id, include_done=include_done
    )
    return render(
        request,
        "vendors/dashboard/pickup_list.html",
        {
            "vendor": vendor,
            "groups": groups,
            "events": selectors_pickup.pickup_events_for_vendor(vendor=vendor),
            "event_id": event_id,
            "include_done": include_done,
        },
    )


@vendor_required
@require_POST
def pickup_hand_over(request, vendor, suborder_id):
    suborder = selectors_pickup.pickup_suborder_get_for_vendor(
        vendor=vendor, suborder_id=suborder_id
    )
    if suborder is None:
        raise Http404
    try:
        marketplace_services.suborder_hand_over(
            suborder=suborder,
            actor=request.user,
            code=request.POST.get("code", "")[:12],
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(code)s collected. The order is complete.")
            % {"code": suborder.pickup_code},
        )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("vendors:pickup_list")
