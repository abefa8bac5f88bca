"""Public shop pages."""

from django.http import Http404
from django.shortcuts import render

from marketplace import selectors as marketplace_selectors
from vendors import selectors


def shop_detail(request, slug):
    vendor = selectors.vendor_get_public(slug=slug)
    if vendor is None:
        raise Http404
    products = marketplace_selectors.product_list_visible().filter(vendor=vendor)
    return render(request, "vendors/shop_detail.html", {"vendor": vendor, "products": products})
