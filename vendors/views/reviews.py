"""The reviews of the vendor's products, each with the shop's one public reply."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors as marketplace_selectors
from marketplace import services as marketplace_services
from marketplace.errors import MarketplaceError
from vendors.views.dashboard import vendor_required


@vendor_required
def review_list(request, vendor):
    return render(
        request,
        "vendors/dashboard/reviews.html",
        {
            "vendor": vendor,
            "reviews": marketplace_selectors.review_list_for_vendor(vendor=vendor),
        },
    )


@require_POST
@vendor_required
def review_reply(request, vendor, review_id):
    if (
        marketplace_selectors.review_get_for_vendor(vendor=vendor, review_id=review_id)
        is None
    ):
        raise Http404
    try:
        marketplace_services.review_reply(
            vendor=vendor, review_id=review_id, text=request.POST.get("reply", "")
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your reply is saved."))
    return redirect("vendors:reviews")
