"""The public shop page."""

import json

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.site_url import absolute_url
from vendors import selectors

# What social networks read: a JPEG, 1200 x 630 (the banner, else the logo).
SHARE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"


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
