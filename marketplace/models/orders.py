"""Orders: one per checkout, one sub-order per vendor, a line per variant, a status
history.

Amounts are whole rupiah copied from the database when the order is placed, so later
price changes never alter an order.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.models.shipping import ShippingMethod


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    PAID = "paid", _("Paid")
    PROCESSING = "processing", _("Being prepared")
    SHIPPED = "shipped", _("Shipped")
    READY_FOR_PICKUP = "ready_for_pickup", _("Ready for pick-up")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


# The only moves the state machine allows; anything else is refused by the services.
ORDER_TRANSITIONS: dict[str, set[str]] = {
    OrderStatus.PENDING: {OrderStatus.PAID, OrderStatus.CANCELLED},
    OrderStatus.PAID: {
        OrderStatus.PROCESSING,
        OrderStatus.SHIPPED,
        OrderStatus.READY_FOR_PICKUP,
        # Bookings: given on the spot once their sessions have taken place.
        OrderStatus.DELIVERED,
        OrderStatus.REFUNDED,
    },
    OrderStatus.PROCESSING: {
        OrderStatus.SHIPPED,
        OrderStatus.READY_FOR_PICKUP,
        OrderStatus.REFUNDED,
    },
    OrderStatus.SHIPPED: {OrderStatus.DELIVERED, OrderStatus.REFUNDED},
    # Pick-up parcels: the vendor marks them ready, then collected (delivered).
    OrderStatus.READY_FOR_PICKUP: {OrderStatus.DELIVERED, OrderStatus.REFUNDED},
    OrderStatus.DELIVERED: {OrderStatus.REFUNDED},
    OrderStatus.CANCELLED: set(),
    OrderStatus.REFUNDED: set(),
}


class PaymentProviderName(models.TextChoices):
    STRIPE = "stripe", _("Stripe")
    DEMO = "demo", _("Demo (no money moves)")


class Order(models.Model):
    number = models.CharField(_("order number"), max_length=20, unique=True)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("buyer account"),
    )
    # Guests follow their order through this key kept in their session.
    session_key = models.CharField(_("session"), max_length=40, blank=True)
    # The cart this order was placed from. While the order is unpaid it is the cart's
    # one open order (see the constraint below): a second submit of the same cart
    # gets this order back instead of placing (and charging) another.
    cart = models.ForeignKey(
        "marketplace.Cart",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("cart"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PENDING,
    )
    language = models.CharField(_("language"), max_length=8, default="id")
    # Contact and Indonesian shipping address.
    full_name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20)
    address_line = models.CharField(_("street address"), max_length=255)
    province = models.CharField(_("province"), max_length=60)
    city = models.CharField(_("regency / city"), max_length=80)
    district = models.CharField(_("district (kecamatan)"), max_length=80)
    postal_code = models.CharField(_("postal code"), max_length=5)
    # Totals, whole rupiah.
    items_total = models.PositiveIntegerField(_("items total"), default=0)
    shipping_total = models.PositiveIntegerField(_("shipping total"), default=0)
    grand_total = models.PositiveIntegerField(_("total"), default=0)
    # Payment.
    payment_provider = models.CharField(
        _("payment provider"), max_length=10, choices=PaymentProviderName.choices
    )
    payment_attempt = models.PositiveSmallIntegerField(default=0)
    checkout_session_id = models.CharField(
        max_length=255, null=True, blank=True, unique=True
    )
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    payment_url = models.URLField(max_length=1000, blank=True)
    transfer_group = models.CharField(max_length=64, blank=True)
    payment_error = models.CharField(_("payment error"), max_length=255, blank=True)
    expires_at = models.DateTimeField(
        _("reservation expires at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-id"]
        # The reservation-expiry job looks for unpaid orders past their hold; a
        # partial index keeps that scan to the few pending rows, not every order.
        indexes = [
            models.Index(
                fields=["expires_at"],
                condition=Q(status="pending"),
                name="order_pending_expiry_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    grand_total=models.F("items_total") + models.F("shipping_total")
                ),
                name="order_total_adds_up",
            ),
            models.UniqueConstraint(
                fields=["cart"],
                condition=Q(status="pending"),
                name="order_one_open_per_cart",
            ),
        ]

    def __str__(self):
        return self.number


class SubOrder(models.Model):
    """What one vendor must fulfil from one order, with its own status and money split."""

    order = models.ForeignKey(
        Order,
        on_delete=models.CASCADE,
        related_name="suborders",
        verbose_name=_("order"),
    )
    vendor = models.ForeignKey(
        "vendors.Vendor",
        on_delete=models.PROTECT,
        related_name="suborders",
        verbose_name=_("vendor"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PENDING,
    )
    shipping_method = models.CharField(
        _("shipping"), max_length=10, choices=ShippingMethod.choices
    )
    shipping_cost = models.PositiveIntegerField(_("shipping cost"), default=0)
    items_total = models.PositiveIntegerField(_("items total"), default=0)
    gross = models.PositiveIntegerField(_("gross"), default=0)
    commission_rate_bp = models.PositiveIntegerField(
        _("commission (basis points)"), default=0
    )
    commission = models.PositiveIntegerField(_("platform commission"), default=0)
    vendor_net = models.PositiveIntegerField(_("vendor's share"), default=0)
    courier = models.CharField(_("courier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # Pick-up at a point (a market jetty, an event stall) instead of shipping: the
    # window chosen at checkout, and the code the shopper shows to collect.
    pickup_window = models.ForeignKey(
        "marketplace.PickupWindow",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suborders",
        verbose_name=_("pick-up window"),
    )
    pickup_code = models.CharField(
        _("pick-up code"), max_length=12, null=True, blank=True, unique=True
    )

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("sub-order")
        verbose_name_plural = _("sub-orders")
        ordering = ["order_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "vendor"], name="suborder_one_per_vendor"
            ),
            models.CheckConstraint(
                condition=Q(gross=models.F("items_total") + models.F("shipping_cost")),
                name="suborder_gross_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(vendor_net=models.F("gross") - models.F("commission")),
                name="suborder_split_adds_up",
            ),
            # A pick-up window is collected, never shipped, and always has its code.
            models.CheckConstraint(
                condition=Q(pickup_window__isnull=True)
                | Q(shipping_method="pickup", pickup_code__isnull=False),
                name="suborder_pickup_window_has_code",
            ),
        ]

    def __str__(self):
        return f"{self.order.number}-{self.vendor_id}"


class OrderLine(models.Model):
    suborder = models.ForeignKey(
        SubOrder,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("sub-order"),
    )
    # Exactly one of: a variant (goods) or a session (a booking of seats).
    variant = models.ForeignKey(
        "marketplace.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("variant"),
    )
    session = models.ForeignKey(
        "marketplace.ExperienceSession",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("session"),
    )
    product_name = models.CharField(_("product"), max_length=140)
    variant_label = models.CharField(_("variant"), max_length=200, blank=True)
    sku = models.CharField(_("SKU"), max_length=64)
    unit_price = models.PositiveIntegerField(_("unit price"))
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.PositiveIntegerField(_("line total"))
    weight_grams = models.PositiveIntegerField(_("weight (g)"), default=0)
    # A booking: quantity = adults + children, priced each at their own rate.
    adults = models.PositiveIntegerField(_("adults"), default=0)
    children = models.PositiveIntegerField(_("children"), default=0)
    child_unit_price = models.PositiveIntegerField(_("child price"), default=0)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="order_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        variant__isnull=False,
                        session__isnull=True,
                        line_total=models.F("unit_price") * models.F("quantity"),
                    )
                    | Q(
                        variant__isnull=True,
                        session__isnull=False,
                        quantity=models.F("adults") + models.F("children"),
                        line_total=models.F("unit_price") * models.F("adults")
                        + models.F("child_unit_price") * models.F("children"),
                    )
                ),
                name="order_line_total_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.sku}"


class OrderStatusChange(models.Model):
    """Timestamped history of every move of an order or one of its sub-orders."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="history", verbose_name=_("order")
    )
    suborder = models.ForeignKey(
        SubOrder,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("sub-order"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=OrderStatus.choices
    )
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.from_status} -> {self.to_status}"


class ReservationStatus(models.TextChoices):
    HELD = "held", _("Held")
    COMMITTED = "committed", _("Sold")
    RELEASED = "released", _("Released")


class Reservation(models.Model):
    """What a hold of an unpaid order shares, whatever it holds: its status, when it
    lapses, and the ``(status, expires_at)`` index that finds held rows by expiry.

    ``StockReservation`` (units of a variant) and ``SeatReservation`` (seats of a
    session) add the order (each with its own related name), what they hold and how
    many; ``services/reservations.py`` releases and commits both the same way.
    """

    status = models.CharField(
        max_length=10, choices=ReservationStatus.choices, default=ReservationStatus.HELD
    )
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True
        # Unnamed, so Django names it per table (``marketplace_status_<hash>_idx``).
        indexes = [models.Index(fields=["status", "expires_at"])]


class StockReservation(Reservation):
    """Units held for an order while it awaits payment.

    A HELD row is counted in its variant's ``held`` (raised by a conditional UPDATE
    that checks ``stock - held``), never subtracted from on-hand ``stock``: releasing
    lowers ``held``, payment (COMMITTED) lowers both ``stock`` and ``held``.
    """

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="reservations"
    )
    variant = models.ForeignKey(
        "marketplace.ProductVariant", on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField()

    class Meta(Reservation.Meta):
        verbose_name = _("stock reservation")
        verbose_name_plural = _("stock reservations")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="reservation_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.quantity} x {self.variant_id} ({self.status})"
