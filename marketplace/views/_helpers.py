"""Small request helpers shared by the storefront views and the API."""

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
