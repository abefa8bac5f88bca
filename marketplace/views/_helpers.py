"""Small request helpers shared by the storefront views and the API."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost

from marketplace.services import cart_get

SESSION_ORDERS_KEY = "banua_orders"


def request_cart(request, *, create: bool = False):
    if (
        create
        and not request.user.is_authenticated
        and request.session.session_key is None
    ):
        request.session.save()
    return cart_get(user=request.user, session=request.session, create=create)


def remember_order(request, order) -> None:
    """Guests reach their order pages through the numbers kept in their session."""
    numbers = list(request.session.get(SESSION_ORDERS_KEY, []))[-19:]
    numbers.append(order.number)
    request.session[SESSION_ORDERS_KEY] = numbers


def session_orders(request) -> list[str]:
    return list(request.session.get(SESSION_ORDERS_KEY, []))


def has_browser_state(request) -> bool:
    """Does this visitor have anything a forged request could act on (a session,
    a login, a CSRF cookie)? Without any, pages need no CSRF token and can be
    shared by a cache; with one, every form carries the token and it is checked.
    """
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or settings.CSRF_COOKIE_NAME in request.COOKIES
        or request.user.is_authenticated
    )


def is_same_origin(request) -> bool:
    """The browser's own word on where a POST came from (Sec-Fetch-Site, else Origin,
    else Referer), as in Django's CSRF origin check. A request with none of them
    comes from no current browser (they all send Origin on a cross-site POST), so
    there is no visitor to trick: it passes.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return True
    if source == "null":
        return False
    netloc = urlsplit(source).netloc
    trusted = {urlsplit(origin).netloc for origin in settings.CSRF_TRUSTED_ORIGINS}
    try:
        return netloc == request.get_host() or netloc in trusted
    except DisallowedHost:  # not one of our host names, whatever it is
        return False
