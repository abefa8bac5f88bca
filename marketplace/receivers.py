"""Receivers of other apps' signals: thin hand-overs to the marketplace's services.

Connected in ``MarketplaceConfig.ready()``.
"""

from marketplace.services import cart_merge_at_login


def merge_guest_cart(sender, request, user, **kwargs):
    """On log-in, the guest cart of this session joins the user's cart."""
    if request is None or not hasattr(request, "session"):
        return
    cart_merge_at_login(user=user, session=request.session)
