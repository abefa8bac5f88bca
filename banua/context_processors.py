"""Values every page template needs: the site navigation for the visitor's language,
and the header's account facts (seller or not, units in the cart)."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from marketplace.account_selectors import cart_item_count
from marketplace.views._helpers import has_browser_state
from tourism import page_cache
from vendors.selectors import vendor_get_for_user


def _navigation():
    # Cached per language; rebuilt when pages are published, moved or deleted.
    return page_cache.navigation(get_language())


def _shopper_nav(request) -> dict:
    """``is_seller``: the account owns a shop (any status), so the header links the
    seller dashboard; ``cart_count``: units in the cart, or None.

    The count is looked up only for a visitor who already has a session or a login.
    Such a request is never shared by the HTTP cache (banua.edge_cache), and a
    first-time visitor's page (no cookie) shows no count, so the shared copy of a page
    can never carry somebody's cart.
    """
    user = getattr(request, "user", None)
    if user is None:
        return {"is_seller": False, "cart_count": None}
    is_seller = user.is_authenticated and vendor_get_for_user(user=user) is not None
    cart_count = None
    if has_browser_state(request) and hasattr(request, "session"):
        cart_count = cart_item_count(user=user, session=request.session)
    return {"is_seller": is_seller, "cart_count": cart_count}


def site_chrome(request):
    return {
        "site_nav": SimpleLazyObject(_navigation),
        "shopper_nav": SimpleLazyObject(lambda: _shopper_nav(request)),
    }
