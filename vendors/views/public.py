"""The public shop pages: the directory of shops and a shop's page."""

import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.choices import Region
from core.site_url import absolute_url
from marketplace import account_selectors
from vendors import selectors
from vendors.models import VendorCategory

# What social networks read: a JPEG, 1200 x 630 (the banner, else the logo).
SHARE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"

DIRECTORY_PAGE_SIZE = 24


def shop_directory(request):
    """/toko/: every active shop, filtered by region and category, paginated. Filters
    are GET links and a plain form, so the page works without JavaScript and each
    filtered page is cacheable for anonymous visitors."""
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
    rating = selectors.vendor_rating_summary(vendor=vendor)
    url = absolute_url(reverse("vendors:shop_detail", kwargs={"slug": vendor.slug}))
    picture = vendor.banner or vendor.logo
    rendition = picture.get_rendition(SHARE_FILTER) if picture else None
    share = {
        "url": url,
        "title": vendor.name,
        "description": (vendor.story or vendor.get_category_display())[:200],
        "image": absolute_url(rendition.url) if rendition else None,
        "image_width": rendition.width if rendition else None,
        "image_height": rendition.height if rendition else None,
        "image_alt": vendor.name,
    }
    return render(
        request,
        "vendors/shop_detail.html",
        {
            "vendor": vendor,
            "products": products,
            "share": share,
            "json_ld": _store_json_ld(vendor, url, share["image"], rating),
            "rating": rating,
            "on_holiday": vendor.is_on_holiday(),
            "whatsapp_link": vendor.whatsapp_link(text=whatsapp_text),
            "is_favourite": vendor.pk
            in account_selectors.favourite_vendor_ids(user=request.user),
        },
    )


def _store_json_ld(vendor, url, image, rating) -> str:
    """schema.org Store (a LocalBusiness): the shop, where it is, how it is rated."""
    data = {
        "@context": "https://schema.org",
        "@type": "Store",
        "name": vendor.name,
        "url": url,
        "description": vendor.story[:500] if vendor.story else None,
        "image": image,
        "telephone": f"+{vendor.whatsapp}" if vendor.whatsapp else None,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": vendor.address,
            "addressLocality": vendor.get_region_display(),
            "addressRegion": "Kalimantan Selatan",
            "addressCountry": "ID",
        },
    }
    if vendor.latitude is not None and vendor.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(vendor.latitude),
            "longitude": float(vendor.longitude),
        }
    if rating.count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(float(rating.average), 1),
            "reviewCount": rating.count,
        }
    data = {key: value for key, value in data.items() if value is not None}
    # Escape "<" so a shop's text can never close the script element.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))  # noqa: S308
