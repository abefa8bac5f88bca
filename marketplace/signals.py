"""Signals the marketplace sends, and receivers: thin hand-overs to services."""

from django.dispatch import Signal

# Sent with ``variant_ids`` after stock changed through conditional ``UPDATE`` statements
# (checkout, release, re-take), which send no ``post_save``: listeners such as the search
# index must not miss those changes.
stock_changed = Signal()


def merge_guest_cart(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    from marketplace.services import cart_merge_at_login

    cart_merge_at_login(user=user, session=request.session)
