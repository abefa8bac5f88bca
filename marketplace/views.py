"""Storefront pages. Views only parse the request and hand over to selectors and services."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from marketplace import selectors


def catalogue(request):
    products = selectors.product_list_visible().order_by("-published_at", "-id")
    page = Paginator(products, 24).get_page(request.GET.get("page"))
    return render(request, "marketplace/catalogue.html", {"products": page, "page_obj": page})


def product_detail(request, slug):
    product = selectors.product_get_visible(slug=slug)
    if product is None:
        raise Http404
    return render(request, "marketplace/product_detail.html", {"product": product})
