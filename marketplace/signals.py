"""Signals the marketplace sends, and receivers: thin hand-overs to services."""

from django.dispatch import Signal

# Sent with ``variant_ids`` after stock changed through conditional ``UPDATE`` statements
# (checkout, release, re-take), which send no ``post_save``: listeners such as the search
# index must not miss those changes.
stock_changed = Signal()

# Sent by the ledger after a refund committed, with ``order_id`` and ``refund_ids``
# (the Refund rows just made): the buyer is told the money is coming back, each vendor
# concerned that the sub-order is cancelled. Receivers must tolerate a repeat.
order_refunded = Signal()

# Sent after a vendor payout is paid (Stripe transfer or office bank transfer), with
# ``payout_id``: the vendor is told the money is on its way.
payout_paid = Signal()


def merge_guest_cart(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    from marketplace.services import cart_merge_at_login

    cart_merge_at_login(user=user, session=request.session)


def queue_refund_emails(sender, order_id, refund_ids, **kwargs):
    from marketplace.services.notifications import order_refunded_queue_emails

    order_refunded_queue_emails(order_id=order_id, refund_ids=refund_ids)


def queue_payout_email(sender, payout_id, **kwargs):
    from marketplace.services.notifications import payout_paid_queue_email

    payout_paid_queue_email(payout_id=payout_id)
