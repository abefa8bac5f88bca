"""Storefront pages. Views only parse the request and hand over to selectors and
services.
"""

import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from marketplace import selectors, selectors_experiences
from marketplace.views._helpers import has_browser_state


def catalogue(request):
    products = selectors.product_list_visible().order_by("-published_at", "-id")
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    return render(
        request,
        "marketplace/catalogue.html",
        {
            "products": page,
            "page_obj": page,
            "categories": selectors.category_list_top(),
        },
    )


def category_detail(request, slug):
    category = selectors.category_get(slug=slug)
    if category is None:
        raise Http404
    products = selectors.product_list_for_category(category=category)
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    return render(
        request,
        "marketplace/category_detail.html",
        {"category": category, "products": page, "page_obj": page},
    )


def product_detail(request, slug):
    product = selectors.product_get_visible(slug=slug)
    if product is None:
        raise Http404
    variants = list(product.variants.all())
    reviews = selectors.review_list_for_product(product=product)
    stats = selectors.review_stats_for_product(product=product)
    url = request.build_absolute_uri(
        reverse("marketplace:product_detail", kwargs={"slug": product.slug})
    )
    context = {
        "product": product,
        "variants": variants,
        "first_available": next((v for v in variants if v.in_stock), None),
        "reviews": reviews,
        "rating": stats,
        "related": selectors.product_list_related(product=product),
        "on_holiday": product.vendor.is_on_holiday(),
        "cart_form_token": has_browser_state(request),
        "json_ld": _product_json_ld(request, product, variants, stats, url),
    }
    experience = selectors_experiences.experience_get_for_product(product=product)
    if experience is not None:
        context["experience"] = experience
        context["sessions"] = list(
            selectors_experiences.session_list_upcoming(experience=experience)
        )
    return render(request, "marketplace/product_detail.html", context)


def _product_json_ld(request, product, variants, stats, url) -> str:
    """schema.org Product with one Offer per variant (prices in IDR, whole rupiah)."""
    images = [
        request.build_absolute_uri(photo.image.file.url)
        for photo in product.images.all()
        if photo.image.file
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description[:500],
        "url": url,
        "brand": {"@type": "Brand", "name": product.vendor.name},
        "category": product.category.display_name,
        "offers": [
            {
                "@type": "Offer",
                "sku": variant.sku,
                "name": variant.label or product.name,
                "price": str(variant.price),
                "priceCurrency": "IDR",
                "availability": "https://schema.org/InStock"
                if variant.in_stock
                else "https://schema.org/OutOfStock",
                "url": url,
                "seller": {"@type": "Organization", "name": product.vendor.name},
            }
            for variant in variants
        ],
    }
    if images:
        data["image"] = images
    if stats.get("count"):
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(stats["average"], 1),
            "reviewCount": stats["count"],
        }
    # Escape "<" so a product text can never close the script element.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))  # noqa: S308
