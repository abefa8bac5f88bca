"""Reads of the catalogue. Every list of products the storefront shows starts here."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from marketplace.limits import id_or_none
from marketplace.models import (
    CartItem,
    Category,
    CommissionRule,
    LedgerEntry,
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    Product,
    ProductImage,
    ProductVariant,
    ReservationStatus,
    Review,
    SeatReservation,
    SessionStatus,
    ShippingMethod,
    StockReservation,
    SubOrder,
    VendorShipping,
)
from marketplace.selectors_pickup import pickup_windows_offered

if TYPE_CHECKING:
    from django.db import models

    from marketplace.models import Cart, ExperienceSession, ProductVariant


def _images_with_renditions():
    """Photos with their image and its renditions, so pages make no query per photo."""
    return (
        ProductImage.objects.select_related("image")
        .prefetch_related("image__renditions")
        .order_by("sort_order", "id")
    )


def product_list_visible():
    """Visible products with what a product card needs, in a constant number of queries."""
    return (
        Product.objects.visible()
        .select_related("vendor", "category")
        .annotate(price_from=Min("variants__price", filter=Q(variants__is_active=True)))
        .annotate(
            # Sellable units (on hand minus held by unpaid orders), not on-hand.
            stock_total=Sum(
                F("variants__stock") - F("variants__held"),
                filter=Q(variants__is_active=True),
            )
        )
        .prefetch_related(
            Prefetch(
                "images",
                queryset=_images_with_renditions(),
            )
        )
    )


def product_list_for_sitemap():
    """Every visible product, just what a sitemap entry needs."""
    return Product.objects.visible().order_by("pk").only("slug", "updated_at")


def product_list_featured(*, limit: int = 8):
    return list(product_list_visible().filter(is_featured=True)[:limit])


def product_get_visible(*, slug: str):
    """One visible product with its active variants, photos and rating, or None.

    Price and stock come from the prefetched variants rather than SQL aggregates: the
    product page is the hottest page, and the GROUP BY made it measurably slower.
    """

    # Grouped per product so each subquery returns a single row.
    reviews = (
        Review.objects.filter(product=OuterRef("pk"), is_hidden=False)
        .order_by()
        .values("product")
    )
    product = (
        Product.objects.visible()
        .select_related("vendor__destination", "category")
        .prefetch_related(
            Prefetch("images", queryset=_images_with_renditions()),
            Prefetch(
                "variants", queryset=ProductVariant.objects.filter(is_active=True)
            ),
        )
        .annotate(
            rating_average=Subquery(
                reviews.annotate(value=Avg("rating")).values("value")[:1]
            ),
            rating_count=Coalesce(
                Subquery(reviews.annotate(value=Count("id")).values("value")[:1]), 0
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if product is not None:
        variants = list(product.variants.all())
        product.price_from = min((v.price for v in variants), default=None)
        product.stock_total = sum(v.sellable for v in variants)
    return product


# --- Cart, shipping, commission
# -----------------------------------------------------------
@dataclass
class CartLine:
    item_id: int
    variant: "ProductVariant | None"
    product: "Product"
    quantity: int
    unit_price: int
    line_total: int
    problem: str = ""
    # A booking of an experience's session instead of a variant: quantity is
    # adults + children, children at ``child_unit_price``.
    session: "ExperienceSession | None" = None
    adults: int = 0
    children: int = 0
    child_unit_price: int = 0

    @property
    def key(self) -> tuple[str, int]:
        """What the line is, for comparing a cart with an order: ("v", variant id)
        or ("s", session id)."""
        return ("s", self.session.pk) if self.session else ("v", self.variant.pk)

    @property
    def label(self) -> str:
        if self.session is not None:
            local = timezone.localtime(self.session.starts_at)
            return f"{self.product.name} – {local:%Y-%m-%d %H:%M}"
        return str(self.variant)

    @property
    def ships(self) -> bool:
        return self.session is None


@dataclass
class CartVendorGroup:
    vendor: "models.Model"  # a vendors.Vendor: that app sits above this one
    lines: list[CartLine] = field(default_factory=list)
    shipping: "VendorShipping | None" = None
    items_total: int = 0
    weight_grams: int = 0
    # Windows at pick-up points this vendor offers (a market jetty, its event stall).
    pickup_windows: list = field(default_factory=list)

    @property
    def ships(self) -> bool:
        """False for a vendor group of experiences only: no address, no fee."""
        return any(line.ships for line in self.lines)

    def shipping_options(self) -> list[tuple[str, str, int]]:
        """(method, label, cost) for what this vendor offers, computed from the
        database. A pick-up window's method is ``window:<id>`` (see
        ``pickup_window_choice``).
        """
        if not self.ships:
            return [(ShippingMethod.NONE, ShippingMethod.NONE.label, 0)]
        settings_row = self.shipping or VendorShipping(vendor=self.vendor)
        options = []
        if settings_row.flat_enabled:
            options.append(
                (ShippingMethod.FLAT, ShippingMethod.FLAT.label, settings_row.flat_rate)
            )
        if settings_row.per_kg_enabled:
            options.append(
                (
                    ShippingMethod.PER_KG,
                    ShippingMethod.PER_KG.label,
                    shipping_per_kg_cost(
                        rate=settings_row.per_kg_rate, weight_grams=self.weight_grams
                    ),
                )
            )
        if settings_row.pickup_enabled:
            options.append((ShippingMethod.PICKUP, ShippingMethod.PICKUP.label, 0))
        for window in self.pickup_windows:
            options.append(
                (
                    f"{PICKUP_WINDOW_PREFIX}{window.pk}",
                    gettext("Pick up at %(point)s, %(window)s")
                    % {"point": window.point.name, "window": window.label},
                    0,
                )
            )
        return options


PICKUP_WINDOW_PREFIX = "window:"


def pickup_window_choice(method: str) -> int | None:
    """The window id of a ``window:<id>`` shipping choice, None for other methods."""
    method = str(method or "")
    if not method.startswith(PICKUP_WINDOW_PREFIX):
        return None
    return id_or_none(method.removeprefix(PICKUP_WINDOW_PREFIX))


@dataclass
class CartSummary:
    cart: "Cart | None"
    groups: list[CartVendorGroup]
    items_total: int
    count: int

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def has_problems(self) -> bool:
        return any(line.problem for group in self.groups for line in group.lines)

    @property
    def needs_address(self) -> bool:
        """A cart of experiences only asks no shipping address at all."""
        return any(group.ships for group in self.groups)


def shipping_per_kg_cost(*, rate: int, weight_grams: int) -> int:
    """Couriers bill each started kilogram, with a minimum of one."""
    kilos = max(1, -(-weight_grams // 1000))
    return rate * kilos


def units_held_for_cart(*, cart) -> dict[int, int]:
    """Units the cart's own unpaid order holds, by variant id.

    They are not sellable to others, but they are this cart's: its page must not call
    them sold out, and checking it out again returns (or replaces) that order.
    """

    rows = (
        StockReservation.objects.filter(
            order__cart=cart,
            order__status=OrderStatus.PENDING,
            status=ReservationStatus.HELD,
        )
        .values("variant_id")
        .annotate(units=Sum("quantity"))
        .order_by()
    )
    return {row["variant_id"]: row["units"] for row in rows}


def seats_held_for_cart(*, cart) -> dict[int, int]:
    """Seats the cart's own unpaid order holds, by session id (see
    ``units_held_for_cart``)."""
    rows = (
        SeatReservation.objects.filter(
            order__cart=cart,
            order__status=OrderStatus.PENDING,
            status=ReservationStatus.HELD,
        )
        .values("session_id")
        .annotate(seats=Sum("seats"))
        .order_by()
    )
    return {row["session_id"]: row["seats"] for row in rows}


def cart_summary(*, cart, held_for_cart: dict[int, int] | None = None) -> CartSummary:
    """The cart grouped by vendor with server-side prices, in four queries.

    ``held_for_cart``: what the cart's own unpaid order holds, when the caller knows
    it (checkout, which just found there is none); read here otherwise.
    """

    if cart is None:
        return CartSummary(cart=None, groups=[], items_total=0, count=0)
    items = list(
        CartItem.objects.filter(cart=cart, variant__isnull=False)
        .select_related("variant__product__vendor", "variant__product__category")
        .prefetch_related(
            Prefetch(
                "variant__product__images",
                queryset=_images_with_renditions(),
            )
        )
        .order_by("variant__product__vendor__name", "added_at", "id")
    )
    bookings = list(
        CartItem.objects.filter(cart=cart, session__isnull=False)
        .select_related(
            "session__experience__product__vendor",
            "session__experience__product__category",
        )
        .order_by("session__experience__product__vendor__name", "added_at", "id")
    )
    product_ids = {item.variant.product_id for item in items} | {
        item.session.experience.product_id for item in bookings
    }
    visible_ids = (
        set(
            Product.objects.visible()
            .filter(pk__in=product_ids)
            .values_list("pk", flat=True)
        )
        if product_ids
        else set()
    )
    own = held_for_cart
    if own is None:
        own = units_held_for_cart(cart=cart) if items else {}
    groups: dict[int, CartVendorGroup] = {}
    for item in items:
        variant = item.variant
        product = variant.product
        vendor = product.vendor
        group = groups.setdefault(vendor.pk, CartVendorGroup(vendor=vendor))
        problem = ""
        if product.pk not in visible_ids or not variant.is_active:
            problem = gettext("No longer sold.")
        elif vendor.is_on_holiday():
            problem = gettext("The shop is on holiday.")
        elif item.quantity > (available := variant.sellable + own.get(variant.pk, 0)):
            problem = (
                ngettext("Only %(count)d left.", "Only %(count)d left.", available)
                % {"count": available}
                if available
                else gettext("Out of stock.")
            )
        line = CartLine(
            item_id=item.pk,
            variant=variant,
            product=product,
            quantity=item.quantity,
            unit_price=variant.price,
            line_total=variant.price * item.quantity,
            problem=problem,
        )
        group.lines.append(line)
        group.items_total += line.line_total
        group.weight_grams += variant.weight_grams * item.quantity
    own_seats = (
        seats_held_for_cart(cart=cart) if bookings and held_for_cart is None else {}
    )
    now = timezone.now()
    for item in bookings:
        session = item.session
        experience = session.experience
        product = experience.product
        vendor = product.vendor
        group = groups.setdefault(vendor.pk, CartVendorGroup(vendor=vendor))
        problem = ""
        left = session.seats_left + own_seats.get(session.pk, 0)
        if product.pk not in visible_ids:
            problem = gettext("No longer sold.")
        elif session.status != SessionStatus.SCHEDULED:
            problem = gettext("This session was cancelled.")
        elif session.starts_at <= now:
            problem = gettext("This session has already started.")
        elif item.quantity > left:
            problem = (
                ngettext(
                    "Only %(count)d seat left.", "Only %(count)d seats left.", left
                )
                % {"count": left}
                if left
                else gettext("Fully booked.")
            )
        child_price = experience.price_for_children
        line = CartLine(
            item_id=item.pk,
            variant=None,
            product=product,
            quantity=item.quantity,
            unit_price=experience.price,
            line_total=experience.price * item.adults + child_price * item.children,
            problem=problem,
            session=session,
            adults=item.adults,
            children=item.children,
            child_unit_price=child_price,
        )
        group.lines.append(line)
        group.items_total += line.line_total
    if groups:
        for row in VendorShipping.objects.filter(vendor_id__in=groups.keys()):
            groups[row.vendor_id].shipping = row
        offered = pickup_windows_offered(vendor_ids=groups.keys())
        for vendor_id, windows in offered.items():
            groups[vendor_id].pickup_windows = windows
    group_list = list(groups.values())
    return CartSummary(
        cart=cart,
        groups=group_list,
        items_total=sum(g.items_total for g in group_list),
        count=sum(line.quantity for g in group_list for line in g.lines),
    )


def commission_rates(
    *, vendor_ids, category_ids
) -> tuple[dict[int, int], dict[int, int]]:
    """Per-vendor and per-category overrides (basis points) in one query."""

    by_vendor: dict[int, int] = {}
    by_category: dict[int, int] = {}
    for rule in CommissionRule.objects.filter(
        Q(vendor_id__in=vendor_ids) | Q(category_id__in=category_ids)
    ):
        if rule.vendor_id:
            by_vendor[rule.vendor_id] = rule.rate_bp
        else:
            by_category[rule.category_id] = rule.rate_bp
    return by_vendor, by_category


def commission_default_bp() -> int:
    return int(getattr(settings, "MARKETPLACE_COMMISSION_BP", 1000))


# --- Orders
# -------------------------------------------------------------------------------
def _order_detail_queryset():
    return Order.objects.prefetch_related(
        Prefetch(
            "suborders",
            queryset=SubOrder.objects.select_related(
                "vendor", "pickup_window__point"
            ).prefetch_related(
                Prefetch(
                    "lines",
                    queryset=OrderLine.objects.select_related(
                        "variant__product", "review"
                    ).prefetch_related(
                        # The thumbnail of each line, without a query per line.
                        Prefetch(
                            "variant__product__images",
                            queryset=_images_with_renditions(),
                        )
                    ),
                )
            ),
        ),
        Prefetch(
            "history", queryset=OrderStatusChange.objects.order_by("created_at", "id")
        ),
    )


def order_list_for_buyer(*, user):
    return (
        Order.objects.filter(buyer=user)
        .prefetch_related("suborders__vendor")
        .order_by("-created_at", "-id")
    )


def order_get_for_buyer(*, user, number: str, session_orders=()):
    """The order if this account placed it, or this guest session did; else None."""
    queryset = _order_detail_queryset().filter(number=number)
    if user is not None and user.is_authenticated:
        order = queryset.filter(buyer=user).first()
        if order:
            return order
    if number in set(session_orders):
        return queryset.first()
    return None


def order_count_since(*, since) -> int:
    """Paid-or-later orders placed since ``since`` (for the tourism office dashboard)."""

    return (
        Order.objects.filter(created_at__gte=since)
        .exclude(status__in=[OrderStatus.PENDING, OrderStatus.CANCELLED])
        .count()
    )


# --- What a vendor may see: written once, reused by dashboard, statement and API
# ----------
# The vendor's order-list tabs: which sub-order statuses each one shows.
VENDOR_ORDER_STATES = {
    "to_ship": ("paid", "processing", "ready_for_pickup"),
    "shipped": ("shipped",),
    "done": ("delivered",),
    "cancelled": ("refunded", "cancelled"),
}


def suborder_list_for_vendor(*, vendor, state: str = "", query: str = ""):
    """This vendor's sub-orders that were paid (never another vendor's, never
    unpaid), optionally one tab of ``VENDOR_ORDER_STATES`` and a search on the order
    number or the buyer's name.
    """

    queryset = (
        SubOrder.objects.filter(vendor=vendor)
        .exclude(status__in=[OrderStatus.PENDING, OrderStatus.CANCELLED])
        .select_related("order", "pickup_window__point")
        .prefetch_related(
            # A booking line refunded on its own (its session cancelled) says so.
            Prefetch(
                "lines",
                queryset=OrderLine.objects.select_related("refund").order_by("id"),
            )
        )
        .order_by("-order__created_at", "-id")
    )
    if state in VENDOR_ORDER_STATES:
        queryset = queryset.filter(status__in=VENDOR_ORDER_STATES[state])
    query = " ".join((query or "").split())[:100]
    if query:
        queryset = queryset.filter(
            Q(order__number__icontains=query) | Q(order__full_name__icontains=query)
        )
    return queryset


def suborder_get_for_vendor(*, vendor, suborder_id):
    pk = id_or_none(suborder_id)
    if pk is None:
        return None
    return suborder_list_for_vendor(vendor=vendor).filter(pk=pk).first()


def vendor_sales_by_day(*, vendor, days: int = 30) -> list[tuple[date, int]]:
    """Gross sales per local day for the last ``days`` days, zero-filled, oldest first."""
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    rows = (
        SubOrder.objects.filter(vendor=vendor, order__paid_at__date__gte=start)
        .exclude(
            status__in=[
                OrderStatus.PENDING,
                OrderStatus.CANCELLED,
                OrderStatus.REFUNDED,
            ]
        )
        .annotate(day=TruncDate("order__paid_at"))
        .values("day")
        .annotate(total=Sum("gross"))
    )
    totals = {row["day"]: row["total"] for row in rows}
    return [
        (start + timedelta(days=n), totals.get(start + timedelta(days=n), 0))
        for n in range(days)
    ]


def vendor_balance(*, vendor) -> int:
    return LedgerEntry.objects.filter(vendor=vendor).balance()


def vendor_statement(*, vendor, limit: int = 200):
    return list(
        LedgerEntry.objects.filter(vendor=vendor)
        .select_related("suborder__order", "payout")
        .order_by("-created_at", "-id")[:limit]
    )


def vendor_balances_owed():
    """Every vendor with a ledger, its balance and scheduled transfers (office view)."""

    # The vendor model through the relation: the vendors app sits above this one.
    Vendor = LedgerEntry._meta.get_field("vendor").related_model
    totals = LedgerEntry.objects.values("vendor_id").annotate(balance=Sum("amount"))
    balances = {row["vendor_id"]: row["balance"] for row in totals}
    vendors = Vendor.objects.filter(pk__in=balances.keys()).order_by("name")
    return [(vendor, balances[vendor.pk]) for vendor in vendors]


# --- Reviews
# ------------------------------------------------------------------------------
def review_list_for_product(*, product, limit: int = 20):
    """The reviews shown on the product page (not those the office hid), each with the
    shop's reply."""
    return list(
        Review.objects.filter(product=product, is_hidden=False).select_related(
            "author"
        )[:limit]
    )


@dataclass(frozen=True)
class RatingSummary:
    """A shop's average star rating (None with no reviews) and how many reviews."""

    average: float | None
    count: int


def vendor_rating_summary(*, vendor) -> RatingSummary:
    """Every shown review of every product the shop sells, archived ones included: a
    buyer judged the shop when the product was on sale; the office's hidden ones
    don't count."""
    stats = Review.objects.filter(product__vendor=vendor, is_hidden=False).aggregate(
        average=Avg("rating"), count=Count("id")
    )
    return RatingSummary(average=stats["average"], count=stats["count"] or 0)


def review_stats_for_product(*, product) -> dict:
    """Uses the figures annotated by ``product_get_visible`` when present (no query)."""

    if hasattr(product, "rating_count"):
        return {"average": product.rating_average, "count": product.rating_count}
    return Review.objects.filter(product=product, is_hidden=False).aggregate(
        average=Avg("rating"), count=Count("id")
    )


def review_list_for_vendor(*, vendor, limit: int = 100):
    """Reviews of this vendor's products (hidden ones too, marked), newest first."""
    return list(
        Review.objects.filter(product__vendor=vendor)
        .select_related("product", "author")
        .order_by("-created_at", "-id")[:limit]
    )


def review_get_for_vendor(*, vendor, review_id):
    pk = id_or_none(review_id)
    if pk is None:
        return None
    return (
        Review.objects.filter(pk=pk, product__vendor=vendor)
        .select_related("product")
        .first()
    )


def product_list_related(*, product, limit: int = 4):
    """Same category first, then the same vendor, never the product itself."""
    return list(
        product_list_visible()
        .filter(Q(category_id=product.category_id) | Q(vendor_id=product.vendor_id))
        .exclude(pk=product.pk)
        .order_by("-is_featured", "-published_at")[:limit]
    )


def category_list_top():
    return list(
        Category.objects.filter(parent__isnull=True).order_by("sort_order", "name")
    )


def category_get(*, slug: str):
    return Category.objects.select_related("parent").filter(slug=slug).first()


def product_list_for_category(*, category):
    return (
        product_list_visible()
        .filter(Q(category=category) | Q(category__parent=category))
        .order_by("-published_at", "-id")
    )


def order_buyer_can_cancel(*, order) -> bool:
    """Whether the buyer's cancel button applies: unpaid, or paid with nothing shipped,
    ready or delivered yet (the service checks again under its own rules)."""

    if order.status == OrderStatus.PENDING:
        return True
    before_shipping = {OrderStatus.PAID, OrderStatus.PROCESSING}
    return order.status in before_shipping and all(
        sub.status in before_shipping for sub in order.suborders.all()
    )
