"""Cart pages: show, add, change, remove. Every refusal comes back as a message."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from marketplace import selectors, services
from marketplace.errors import MarketplaceError
from marketplace.views._helpers import (
    has_browser_state,
    is_same_origin,
    request_cart,
)


def cart_detail(request):
    summary = selectors.cart_summary(cart=request_cart(request))
    return render(request, "marketplace/cart.html", {"summary": summary})


def _back(request, fallback="marketplace:cart"):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect(fallback)


@csrf_exempt
@require_POST
def cart_add(request):
    """Add to cart, from the product page's form.

    A visitor with a session, a login or a CSRF cookie gets Django's full CSRF check
    (their product page carries the token). A first-time visitor has none of these,
    so the product page is rendered without a token and can be shared by the HTTP
    cache; their first add is accepted when the browser says it comes from this
    site (Sec-Fetch-Site / Origin / Referer), and it starts their session.
    """
    if has_browser_state(request):
        return _cart_add_checked(request)
    if not is_same_origin(request):
        return csrf_failure(request, reason="cross-site add to cart without a session")
    return _cart_add(request)


def _cart_add(request):
    cart = request_cart(request, create=True)
    if request.POST.get("session"):
        return _cart_book(request, cart)
    try:
        item = services.cart_add_item(
            cart=cart,
            variant_id=request.POST.get("variant"),
            quantity=request.POST.get("quantity", 1),
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
        return _back(request)
    messages.success(
        request, _("Added to your cart: %(product)s.") % {"product": item.variant}
    )
    return redirect("marketplace:cart")


def _cart_book(request, cart):
    """An experience's product page books seats of a session through the same add
    (and the same CSRF rule) as goods."""
    try:
        item = services.cart_add_booking(
            cart=cart,
            session_id=request.POST.get("session"),
            adults=request.POST.get("adults", 1),
            children=request.POST.get("children", 0) or 0,
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
        return _back(request)
    messages.success(
        request,
        _("Added to your cart: %(count)d seats.") % {"count": item.quantity},
    )
    return redirect("marketplace:cart")


_cart_add_checked = csrf_protect(_cart_add)


@require_POST
def cart_update(request):
    cart = request_cart(request)
    if cart is None:
        messages.error(request, _("Your cart is empty."))
        return redirect("marketplace:cart")
    try:
        services.cart_set_quantity(
            cart=cart,
            variant_id=request.POST.get("variant"),
            quantity=request.POST.get("quantity"),
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your cart was updated."))
    return redirect("marketplace:cart")


@require_POST
def cart_remove(request):
    cart = request_cart(request)
    if cart is not None and request.POST.get("session"):
        services.cart_remove_booking(cart=cart, session_id=request.POST.get("session"))
        messages.success(request, _("The item was removed from your cart."))
    elif cart is not None:
        services.cart_remove_item(cart=cart, variant_id=request.POST.get("variant"))
        messages.success(request, _("The item was removed from your cart."))
    return redirect("marketplace:cart")
