"""Signal receivers: thin hand-overs to services, no rules here."""


def merge_guest_cart(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    from marketplace.services import cart_merge_at_login

    cart_merge_at_login(user=user, session=request.session)
