"""Site-wide search page (database search until the Elasticsearch work lands)."""

from django.shortcuts import render
from wagtail.models import Locale, Page

from marketplace import selectors as marketplace_selectors

MAX_QUERY_LENGTH = 200


def results(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages, products = [], []
    if query:
        pages = list(Page.objects.live().public().filter(locale=Locale.get_active()).search(query)[:20])
        products = list(marketplace_selectors.product_list_visible().filter(name__icontains=query)[:24])
    return render(
        request,
        "search/results.html",
        {"search_query": query, "pages": pages, "products": products},
    )
