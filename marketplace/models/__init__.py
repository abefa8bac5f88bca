"""Marketplace models, one module per concern; import them from here."""

from marketplace.models.accounts import (
    FavouriteProduct,
    FavouriteVendor,
    ShopperAddress,
    ShopperProfile,
    StockAlert,
)
from marketplace.models.cart import Cart, CartItem
from marketplace.models.catalogue import (
    Category,
    Dye,
    Product,
    ProductImage,
    ProductKind,
    ProductQuerySet,
    ProductStatus,
    ProductVariant,
    Technique,
)
from marketplace.models.experiences import (
    Experience,
    ExperienceSession,
    SeatReservation,
    SessionStatus,
    Ticket,
)
from marketplace.models.ledger import (
    CommissionRule,
    LedgerEntry,
    LedgerKind,
    Payout,
    PayoutMethod,
    PayoutStatus,
    Refund,
    RefundStatus,
)
from marketplace.models.orders import (
    ORDER_TRANSITIONS,
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    PaymentProviderName,
    ReservationStatus,
    StockReservation,
    SubOrder,
)
from marketplace.models.payments import WebhookEvent, WebhookEventStatus
from marketplace.models.pickup import (
    EventStall,
    PickupPoint,
    PickupWindow,
    VendorPickupPoint,
)
from marketplace.models.reviews import Review
from marketplace.models.shipping import ShippingMethod, VendorShipping

__all__ = [
    "ORDER_TRANSITIONS",
    "EventStall",
    "PickupPoint",
    "PickupWindow",
    "VendorPickupPoint",
    "Cart",
    "FavouriteProduct",
    "FavouriteVendor",
    "ShopperAddress",
    "ShopperProfile",
    "StockAlert",
    "CartItem",
    "CommissionRule",
    "Experience",
    "ExperienceSession",
    "SeatReservation",
    "SessionStatus",
    "Ticket",
    "ProductKind",
    "LedgerEntry",
    "LedgerKind",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrderStatusChange",
    "PaymentProviderName",
    "Payout",
    "PayoutMethod",
    "PayoutStatus",
    "Refund",
    "RefundStatus",
    "ReservationStatus",
    "Review",
    "ShippingMethod",
    "StockReservation",
    "SubOrder",
    "VendorShipping",
    "WebhookEvent",
    "WebhookEventStatus",
    "Category",
    "Dye",
    "Product",
    "ProductImage",
    "ProductQuerySet",
    "ProductStatus",
    "ProductVariant",
    "Technique",
]
