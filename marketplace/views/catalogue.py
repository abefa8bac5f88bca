"""Storefront pages: the views parse the request and hand over to selectors/services."""

import functools
import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.timezone import localdate
from django.utils.translation import get_language

from core import generations
from core.site_url import absolute_url
from marketplace import account_selectors, selectors, selectors_experiences
from marketplace.fragments import fragment_is_cached
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
    """The product page. Everything on it but the add-to-cart form's CSRF token is
    the same for every visitor, so it is rendered as cached fragments (see the
    template) keyed by `product_fragment`: the slug, the language, the host, the
    generation tokens (core.generations: any change to a product, its variants,
    stock, photos, reviews, shop or to the pages it links to replaces them) and the
    day (a shop's holiday starts and ends on a date). A fragment present under
    that key was built from a visible product and nothing has changed since, so on a
    hit the product is not even loaded: the context below is lazy and only a miss
    (or a fragment expiring mid-render) evaluates it.
    """
    fragment = ":".join(
        (
            slug,
            get_language(),
            request.get_host(),
            generations.fragment_key(),
            localdate().isoformat(),
        )
    )
    build = functools.cache(lambda: _product_page_context(request, slug))
    template = "marketplace/product_detail.html"
    # Only goods store fragments (an experience's page shows live seats), so a hit is
    # always a product of goods.
    if fragment_is_cached(name="product_main", key=fragment):
        context = {
            name: SimpleLazyObject(functools.partial(_item, build, name))
            for name in PRODUCT_CONTEXT
        }
    else:
        context = build()  # raises Http404 before anything is rendered
        if context["experience"] is not None:
            template = "marketplace/experience_detail.html"
    context["product_fragment"] = fragment
    context["cart_form_token"] = has_browser_state(request)
    return render(request, template, context)


PRODUCT_CONTEXT = (
    "product",
    "variants",
    "first_available",
    "reviews",
    "rating",
    "related",
    "on_holiday",
    "json_ld",
    "sold_out",
    "is_favourite",
    "alert_variant_ids",
    "share",
)


def _item(build, name):
    return build()[name]


def _product_page_context(request, slug) -> dict:
    product = selectors.product_get_visible(slug=slug)
    if product is None:
        raise Http404
    variants = list(product.variants.all())
    reviews = selectors.review_list_for_product(product=product)
    stats = selectors.review_stats_for_product(product=product)
    url = absolute_url(
        reverse("marketplace:product_detail", kwargs={"slug": product.slug})
    )
    return {
        "product": product,
        "variants": variants,
        "first_available": next((v for v in variants if v.in_stock), None),
        "reviews": reviews,
        "rating": stats,
        "related": selectors.product_list_related(product=product),
        "on_holiday": product.vendor.is_on_holiday(),
        "json_ld": _product_json_ld(request, product, variants, stats, url),
        # Shopper state: only for a logged-in visitor, whose page is private anyway.
        "sold_out": [v for v in variants if v.is_active and not v.in_stock],
        "is_favourite": product.pk
        in account_selectors.favourite_product_ids(user=request.user),
        "alert_variant_ids": account_selectors.stock_alert_variant_ids(
            user=request.user, variant_ids=[v.pk for v in variants]
        ),
        "share": _product_share(product, url),
        **_experience_context(product),
    }


def _experience_context(product) -> dict:
    """An experience's details and its upcoming sessions (None for goods)."""
    experience = selectors_experiences.experience_get_for_product(product=product)
    if experience is None:
        return {"experience": None, "sessions": []}
    return {
        "experience": experience,
        "sessions": list(
            selectors_experiences.session_list_upcoming(experience=experience)
        ),
    }


# What social networks read: a JPEG (not WebP), 1200 x 630, the product's first photo.
SHARE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"


def _share_rendition(image):
    return image.get_rendition(SHARE_FILTER)


def _product_share(product, url) -> dict:
    """Canonical, Open Graph and Twitter card of the product page."""
    photo = next(iter(product.images.all()), None)
    rendition = _share_rendition(photo.image) if photo else None
    return {
        "url": url,
        "title": product.name,
        "description": product.description[:200],
        "type": "product",
        "image": absolute_url(rendition.url) if rendition else None,
        "image_width": rendition.width if rendition else None,
        "image_height": rendition.height if rendition else None,
        "image_alt": photo.alt_text if photo else "",
    }


def _product_json_ld(request, product, variants, stats, url) -> str:
    """schema.org Product with one Offer per variant (prices in IDR, whole rupiah)."""
    images = [
        absolute_url(_share_rendition(photo.image).url)
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
