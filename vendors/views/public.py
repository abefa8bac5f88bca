"""The public shop page."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from vendors import selectors


def shop_detail(request, slug):
    vendor = selectors.vendor_get_public(slug=slug)
    if vendor is None:
        raise Http404
    products = selectors.product_list_public_for_vendor(vendor=vendor)
    whatsapp_text = _(
        "Hello %(shop)s, I saw your shop on Banua and would like to ask about your "
        "products."
    ) % {"shop": vendor.name}
    return render(
        request,
        "vendors/shop_detail.html",
        {
            "vendor": vendor,
            "products": products,
            "rating": selectors.vendor_rating_summary(vendor=vendor),
            "on_holiday": vendor.is_on_holiday(),
            "whatsapp_link": vendor.whatsapp_link(text=whatsapp_text),
        },
    )
