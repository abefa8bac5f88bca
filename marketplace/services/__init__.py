"""Marketplace writes. Other apps call these names; each opens its own transaction."""

from marketplace.services.cart import (
    cart_add_item,
    cart_get,
    cart_merge,
    cart_merge_at_login,
    cart_remove_item,
    cart_set_quantity,
)
from marketplace.services.catalogue import (
    VariantInput,
    product_hide,
    product_set_archived,
    product_unhide,
    product_write,
    variants_set_on_hand,
)
from marketplace.services.checkout import (
    ShippingAddress,
    checkout_begin_payment,
    checkout_start,
    shipping_needs_address,
)
from marketplace.services.experiences import (
    ExperienceData,
    cart_add_booking,
    cart_remove_booking,
    experience_create,
    experience_update,
    session_cancel,
    sessions_create,
    sessions_create_weekly,
    ticket_check_in,
)
from marketplace.services.fulfilment import (
    order_cancel_by_buyer,
    suborder_confirm_received,
    suborder_mark_collected,
    suborder_mark_ready_for_pickup,
    suborders_autocomplete,
)
from marketplace.services.ledger import (
    order_refund,
    payout_record_bank_transfer,
    payout_release,
    payouts_release_due,
)
from marketplace.services.orders import (
    order_cancel_unpaid,
    order_mark_paid,
    reservations_release_expired,
    suborder_mark_delivered,
    suborder_mark_processing,
    suborder_mark_shipped,
)
from marketplace.services.pickup import pickup_window_create, suborder_hand_over
from marketplace.services.refunds import booking_refund
from marketplace.services.reviews import (
    review_create,
    review_hide,
    review_reply,
    review_unhide,
)

__all__ = [
    "ExperienceData",
    "booking_refund",
    "cart_add_booking",
    "cart_remove_booking",
    "experience_create",
    "experience_update",
    "session_cancel",
    "sessions_create",
    "sessions_create_weekly",
    "ticket_check_in",
    "ShippingAddress",
    "VariantInput",
    "cart_add_item",
    "cart_get",
    "cart_merge",
    "cart_merge_at_login",
    "cart_remove_item",
    "cart_set_quantity",
    "checkout_begin_payment",
    "checkout_start",
    "shipping_needs_address",
    "order_cancel_by_buyer",
    "order_cancel_unpaid",
    "order_mark_paid",
    "order_refund",
    "payout_record_bank_transfer",
    "payout_release",
    "payouts_release_due",
    "pickup_window_create",
    "product_hide",
    "product_set_archived",
    "product_unhide",
    "product_write",
    "reservations_release_expired",
    "review_create",
    "review_hide",
    "review_reply",
    "review_unhide",
    "suborder_confirm_received",
    "suborder_hand_over",
    "suborder_mark_collected",
    "suborder_mark_delivered",
    "suborder_mark_processing",
    "suborder_mark_ready_for_pickup",
    "suborder_mark_shipped",
    "suborders_autocomplete",
    "variants_set_on_hand",
]
