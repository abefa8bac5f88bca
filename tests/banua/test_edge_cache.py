"""Which responses a shared HTTP cache may keep (banua.edge_cache), and the add-to-cart
form that no longer forces a CSRF cookie on first-time visitors."""

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.models import CartItem
from tests.tourism.conftest import full_site  # noqa: F401 - the bilingual site fixture

SHARED = "public, s-maxage=300, max-age=0"


def public_urls(site):
    product = site.product
    return {
        "home": site.tree.home.url,
        "home_en": site.tree.home_en.url,
        "destination": site.destination.url,
        "event": site.event.url,
        "story_en": site.story_en.url,
        "product": reverse("marketplace:product_detail", args=[product.slug]),
        "shop": reverse("vendors:shop_detail", args=[product.vendor.slug]),
        "catalogue": reverse("marketplace:catalogue"),
        "category": reverse("marketplace:category", args=[product.category.slug]),
        "search": reverse("search:results") + "?q=kain",
    }


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_anonymous_public_pages_are_shareable(client, full_site):  # noqa: F811
    for name, url in public_urls(full_site).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert cache_control(response) == set(SHARED.split(", ")), name
        assert not response.cookies, name
    assert not client.cookies


def test_product_page_has_no_csrf_token_for_a_first_time_visitor(client, full_site):  # noqa: F811
    url = reverse("marketplace:product_detail", args=[full_site.product.slug])
    response = client.get(url)
    assert b"csrfmiddlewaretoken" not in response.content
    assert b'action="' + reverse("marketplace:cart_add").encode() in response.content


def test_pages_with_a_session_are_private_and_carry_the_token(client, full_site):  # noqa: F811
    variant = full_site.product.variants.get()
    client.post(reverse("marketplace:cart_add"), {"variant": variant.pk})
    assert "sessionid" in client.cookies
    for name, url in public_urls(full_site).items():
        response = client.get(url)
        assert "private" in cache_control(response), name
        assert "s-maxage=300" not in cache_control(response), name
    product = client.get(
        reverse("marketplace:product_detail", args=[full_site.product.slug])
    )
    assert b"csrfmiddlewaretoken" in product.content


def test_logged_in_visitors_get_private_pages(client, full_site, django_user_model):  # noqa: F811
    user = django_user_model.objects.create_user("tamu", password="x")
    client.force_login(user)
    response = client.get(full_site.destination.url)
    assert "private" in cache_control(response)


@pytest.mark.parametrize(
    "name",
    ["marketplace:cart", "vendors:login", "healthz"],
)
def test_other_pages_are_private(client, full_site, name):  # noqa: F811
    response = client.get(reverse(name))
    assert "public" not in cache_control(response)
    assert "s-maxage=300" not in cache_control(response)


def test_a_search_with_bad_parameters_is_private(client, full_site):  # noqa: F811
    response = client.get(reverse("search:results"), {"q": "kain", "price_min": "x"})
    assert response.status_code == 200
    assert "private" in cache_control(response)


def test_a_response_that_sets_a_cookie_or_used_the_token_is_not_shared(rf):
    from django.http import HttpResponse

    from banua.edge_cache import mark_response

    def shareable_request():
        request = rf.get("/")
        request.banua_edge_cacheable = True
        return request

    assert "public" in cache_control(mark_response(shareable_request(), HttpResponse()))
    with_cookie = HttpResponse()
    with_cookie.set_cookie("messages", "x")
    assert cache_control(mark_response(shareable_request(), with_cookie)) == {"private"}
    request = shareable_request()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert cache_control(mark_response(request, HttpResponse())) == {"private"}
    request = shareable_request()
    request.COOKIES["sessionid"] = "abc"
    assert cache_control(mark_response(request, HttpResponse())) == {"private"}


def test_edge_cache_can_be_switched_off(client, full_site, settings):  # noqa: F811
    settings.BANUA_EDGE_CACHE_SECONDS = 0
    response = client.get(full_site.destination.url)
    assert "public" not in cache_control(response)


# --- add to cart without a token -----------------------------------------------------------
def test_first_add_to_cart_from_this_site_needs_no_token(full_site):  # noqa: F811
    browser = Client(enforce_csrf_checks=True)
    variant = full_site.product.variants.get()
    response = browser.post(
        reverse("marketplace:cart_add"),
        {"variant": variant.pk, "quantity": 1},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302
    assert CartItem.objects.filter(variant=variant).count() == 1
    assert "sessionid" in browser.cookies


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
    ],
)
def test_cross_site_first_add_is_refused(full_site, headers):  # noqa: F811
    browser = Client(enforce_csrf_checks=True)
    variant = full_site.product.variants.get()
    response = browser.post(
        reverse("marketplace:cart_add"), {"variant": variant.pk}, headers=headers
    )
    assert response.status_code == 403
    assert not CartItem.objects.exists()
    assert "sessionid" not in browser.cookies


def test_with_a_session_the_cart_keeps_csrf_protection(full_site):  # noqa: F811
    browser = Client(enforce_csrf_checks=True)
    variant = full_site.product.variants.get()
    same_site = {"Origin": "http://testserver"}
    url = reverse("marketplace:cart_add")
    browser.post(url, {"variant": variant.pk}, headers=same_site)
    assert "sessionid" in browser.cookies
    # Same origin is not enough any more: the token is required.
    refused = browser.post(url, {"variant": variant.pk}, headers=same_site)
    assert refused.status_code == 403
    page = browser.get(
        reverse("marketplace:product_detail", args=[full_site.product.slug])
    )
    token = page.context["csrf_token"]
    accepted = browser.post(
        url,
        {"variant": variant.pk, "csrfmiddlewaretoken": str(token)},
        headers=same_site,
    )
    assert accepted.status_code == 302
    assert CartItem.objects.get(variant=variant).quantity == 2
