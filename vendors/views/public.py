"""The public shop pages: the directory of shops and a shop's page."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from marketplace import account_selectors
from vendors import selectors

DIRECTORY_PAGE_SIZE = 24


def shop_directory(request):
    """/toko/: every active shop, filtered by region and category, paginated. Filters
    are GET links and a plain form, so the page works without JavaScript and each
    filtered page is cacheable for anonymous visitors."""
    from core.choices import Region
    from vendors.models import VendorCategory

    region = request.GET.get("wilayah", "")
    category = request.GET.get("kategori", "")
    vendors = selectors.vendor_list_directory(region=region, category=category)
    page_obj = Paginator(vendors, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "vendors/shop_directory.html",
        {
            "page_obj": page_obj,
            "vendors": page_obj.object_list,
            "regions": Region.choices,
            "categories": VendorCategory.choices,
            "region": region if region in Region.values else "",
            "category": category if category in VendorCategory.values else "",
            "filter_query": query.urlencode(),
        },
    )


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
            "is_favourite": vendor.pk
            in account_selectors.favourite_vendor_ids(user=request.user),
        },
    )
