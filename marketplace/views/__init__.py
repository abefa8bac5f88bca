"""Marketplace views, one module per page family."""

from marketplace.views.cart import cart_add, cart_detail, cart_remove, cart_update
from marketplace.views.catalogue import catalogue, category_detail, product_detail
from marketplace.views.checkout import (
    checkout,
    checkout_cancel,
    checkout_cancel_confirm,
    checkout_success,
    demo_payment,
)
from marketplace.views.orders import (
    order_cancel,
    order_detail,
    order_list,
    order_received,
    review_create,
)
from marketplace.views.vendor import (
    vendor_statement,
    vendor_suborder_ship,
    vendor_suborders,
)
from marketplace.views.webhooks import stripe_webhook

__all__ = [
    "cart_add",
    "cart_detail",
    "cart_remove",
    "cart_update",
    "catalogue",
    "category_detail",
    "checkout",
    "checkout_cancel",
    "checkout_cancel_confirm",
    "checkout_success",
    "demo_payment",
    "order_cancel",
    "order_detail",
    "order_list",
    "order_received",
    "product_detail",
    "review_create",
    "stripe_webhook",
    "vendor_statement",
    "vendor_suborder_ship",
    "vendor_suborders",
]
