"""Checkout: the cart becomes one order (a sub-order per vendor) and its stock is held.

Every price, shipping cost and total is read from the database here; nothing the browser
sends is trusted beyond "which shipping method" and the address.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import selectors
from marketplace.errors import MarketplaceError, PaymentError
from marketplace.models import (
    Cart,
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    PaymentProviderName,
    ProductVariant,
    ReservationStatus,
    SeatReservation,
    ShippingMethod,
    StockReservation,
    SubOrder,
)
from marketplace.payments.providers import get_provider
from marketplace.services.ledger import commission_split
from marketplace.services.orders import order_cancel_unpaid
from marketplace.services.pickup import suborder_create_for_pickup
from marketplace.services.seats import session_hold
from marketplace.services.stock import variant_hold
from marketplace.signals import stock_changed

POSTAL_CODE = re.compile(r"^[1-9]\d{4}$")
PHONE = re.compile(r"^\+?\d[\d\s-]{7,18}$")
# What a parcel needs and a pick-up does not (the contact is always needed).
ADDRESS_ONLY_FIELDS = ("address_line", "province", "city", "district", "postal_code")


@dataclass
class ShippingAddress:
    full_name: str
    email: str
    phone: str
    address_line: str
    province: str
    city: str
    district: str
    postal_code: str

    @property
    def has_address(self) -> bool:
        return bool(self.address_line)

    @classmethod
    def from_data(cls, data, *, address_required: bool = True) -> ShippingAddress:
        """Trims and validates; raises MarketplaceError naming the first bad field.

        ``address_required=False`` (every sub-order is collected at a pick-up point):
        only the contact is needed, and the postal address is kept empty.
        """
        values = {
            name: str(data.get(name) or "").strip() for name in cls.__dataclass_fields__
        }
        if not address_required:
            for name in ADDRESS_ONLY_FIELDS:
                values[name] = ""
        labels = {
            "full_name": _("full name"),
            "email": _("e-mail"),
            "phone": _("phone"),
            "address_line": _("street address"),
            "province": _("province"),
            "city": _("regency / city"),
            "district": _("district (kecamatan)"),
            "postal_code": _("postal code"),
        }
        limits = {
            "full_name": 120,
            "phone": 20,
            "address_line": 255,
            "province": 60,
            "city": 80,
            "district": 80,
        }
        for name, label in labels.items():
            if not address_required and name in ADDRESS_ONLY_FIELDS:
                continue
            if not values[name]:
                raise MarketplaceError(
                    _("Enter your %(field)s.") % {"field": label},
                    code=f"missing_{name}",
                )
            if name in limits and len(values[name]) > limits[name]:
                raise MarketplaceError(
                    _("The %(field)s is too long.") % {"field": label},
                    code=f"long_{name}",
                )
        try:
            validate_email(values["email"])
        except ValidationError:
            raise MarketplaceError(
                _("Enter a valid e-mail address."), code="bad_email"
            ) from None
        if address_required and not POSTAL_CODE.match(values["postal_code"]):
            raise MarketplaceError(
                _("An Indonesian postal code has 5 digits."), code="bad_postal_code"
            )
        if not PHONE.match(values["phone"]):
            raise MarketplaceError(_("Enter a valid phone number."), code="bad_phone")
        return cls(**values)


def reservation_minutes() -> int:
    return int(getattr(settings, "MARKETPLACE_RESERVATION_MINUTES", 45))


def _new_number() -> str:
    return "BN" + timezone.localdate().strftime("%y%m%d") + secrets.token_hex(3).upper()


def max_held_units() -> int:
    """Units one cart, guest session or account may hold in unpaid orders at once."""
    return int(getattr(settings, "MARKETPLACE_MAX_HELD_UNITS", 20))


def _cart_problems(summary) -> None:
    for group in summary.groups:
        for line in group.lines:
            if line.problem:
                raise MarketplaceError(
                    _("%(product)s: %(problem)s")
                    % {"product": line.label, "problem": line.problem},
                    code="cart_problem",
                )


def _shipping_methods(summary, shipping: dict) -> dict:
    methods = {}
    for group in summary.groups:
        if not group.ships:
            methods[group.vendor.pk] = (ShippingMethod.NONE, 0)
            continue
        chosen = shipping.get(group.vendor.pk) or shipping.get(str(group.vendor.pk))
        options = {method: cost for method, _label, cost in group.shipping_options()}
        if chosen not in options:
            raise MarketplaceError(
                _("Choose a shipping option for %(shop)s.")
                % {"shop": group.vendor.name},
                code="bad_shipping",
            )
        methods[group.vendor.pk] = (chosen, options[chosen])
    return methods


def shipping_needs_address(methods) -> bool:
    """True when some sub-order travels by courier (flat or per-kg rate)."""
    return any(
        str(method) in (ShippingMethod.FLAT, ShippingMethod.PER_KG)
        for method in methods
    )


def _cart_signature(summary, shipping: dict, address, provider: str) -> tuple:
    """What an order placed now from this cart would contain, to compare with the
    cart's open order."""
    lines = sorted(
        (line.key, line.quantity, line.line_total)
        for group in summary.groups
        for line in group.lines
    )
    methods = sorted(
        (
            group.vendor.pk,
            str(
                shipping.get(group.vendor.pk) or shipping.get(str(group.vendor.pk))
                if group.ships
                else ShippingMethod.NONE
            ),
        )
        for group in summary.groups
    )
    return (lines, methods, tuple(sorted(address.__dict__.items())), provider)


def _order_signature(order: Order) -> tuple:
    lines = sorted(
        (
            ("s", line.session_id) if line.session_id else ("v", line.variant_id),
            line.quantity,
            line.line_total,
        )
        for line in OrderLine.objects.filter(suborder__order=order)
    )
    methods = sorted(
        (
            vendor_id,
            f"{selectors.PICKUP_WINDOW_PREFIX}{window_id}"
            if window_id
            else str(method),
        )
        for vendor_id, method, window_id in order.suborders.values_list(
            "vendor_id", "shipping_method", "pickup_window_id"
        )
    )
    address = tuple(
        sorted(
            (name, getattr(order, name))
            for name in ShippingAddress.__dataclass_fields__
        )
    )
    return (lines, methods, address, order.payment_provider)


def units_held_by(*, cart, session_key: str = "", user=None) -> int:
    """Units held right now by the unpaid orders of this cart, session or account."""
    owners = Q(cart=cart)
    if session_key:
        owners |= Q(session_key=session_key)
    if getattr(user, "is_authenticated", False):
        owners |= Q(buyer=user)
    return (
        StockReservation.objects.filter(
            status=ReservationStatus.HELD,
            order__status=OrderStatus.PENDING,
        )
        .filter(
            order__in=Order.objects.filter(owners, status=OrderStatus.PENDING).values(
                "pk"
            )
        )
        .aggregate(units=Sum("quantity"))["units"]
        or 0
    )


def max_held_seats() -> int:
    """Seats one cart, guest session or account may hold in unpaid orders at once
    (across sessions), so one guest cannot lock away a whole tour."""
    return int(getattr(settings, "MARKETPLACE_MAX_HELD_SEATS", 40))


def seats_held_by(*, cart, session_key: str = "", user=None) -> int:
    """Seats held right now by the unpaid orders of this cart, session or account."""
    owners = Q(cart=cart)
    if session_key:
        owners |= Q(session_key=session_key)
    if getattr(user, "is_authenticated", False):
        owners |= Q(buyer=user)
    return (
        SeatReservation.objects.filter(
            status=ReservationStatus.HELD,
            order__in=Order.objects.filter(owners, status=OrderStatus.PENDING).values(
                "pk"
            ),
        ).aggregate(seats=Sum("seats"))["seats"]
        or 0
    )


def checkout_start(
    *,
    cart,
    address: ShippingAddress,
    shipping: dict,
    user=None,
    language: str = "id",
    provider: str | None = None,
) -> Order:
    """Creates the pending order and holds its stock, all or nothing; a cart has at
    most one unpaid order.

    The cart row is locked first, so submits of one cart (a double-click, a retried
    request) run one after another. If the cart already has an unpaid order with the
    same lines, prices, shipping, address and provider, that order is returned
    (``order.checkout_reused`` is True) and nothing new is held or charged. If the
    cart changed since, the old order is cancelled (its hold released) and a new one
    placed: the shopper pays for what the cart holds now, never twice.

    Units are held with conditional UPDATEs (``held + n <= stock``) in variant-id
    order, so two buyers of the last unit can never both get it and locks are always
    taken in the same order (cart, order, variants; no deadlocks). At most
    ``MARKETPLACE_MAX_HELD_UNITS`` units may be held by one cart, guest session or
    account, so one guest cannot lock away a product's whole stock. The payment
    provider is called by the caller after this commits, so no row lock is held
    while Stripe answers.
    """
    provider_name = provider or settings.PAYMENT_PROVIDER
    if cart is None:
        raise MarketplaceError(_("Your cart is empty."), code="empty_cart")
    with transaction.atomic():
        cart = Cart.objects.select_for_update().filter(pk=cart.pk).first()
        if cart is None:  # merged into an account's cart at login meanwhile
            raise MarketplaceError(_("Your cart is empty."), code="empty_cart")
        open_order = (
            Order.objects.select_for_update()
            .filter(cart=cart, status=OrderStatus.PENDING)
            .first()
        )
        if open_order is not None:
            summary = selectors.cart_summary(cart=cart)
            if _order_signature(open_order) == _cart_signature(
                summary, shipping, address, provider_name
            ):
                open_order.checkout_reused = True
                return open_order
            order_cancel_unpaid(
                order_id=open_order.pk, reason="replaced by a new checkout of its cart"
            )
        order = _place(
            cart=cart,
            address=address,
            shipping=shipping,
            user=user,
            language=language,
            provider_name=provider_name,
        )
    order.checkout_reused = False
    return order


def _place(*, cart, address, shipping, user, language, provider_name) -> Order:
    """Places a new order from the (locked) cart; runs inside checkout_start's
    transaction. The cart has no open order any more, so nothing of it is held."""
    summary = selectors.cart_summary(cart=cart, held_for_cart={})
    if summary.is_empty:
        raise MarketplaceError(_("Your cart is empty."), code="empty_cart")
    _cart_problems(summary)
    methods = _shipping_methods(summary, shipping)
    if not address.has_address and shipping_needs_address(
        method for method, _cost in methods.values()
    ):
        raise MarketplaceError(
            _("Enter your shipping address: part of the order is sent by courier."),
            code="missing_address_line",
        )
    # Goods only: seats are bounded per booking (MAX_PARTICIPANTS) and by capacity.
    units = sum(
        line.quantity for group in summary.groups for line in group.lines if line.ships
    )
    limit = max_held_units()
    session_key = cart.session_key or ""
    if units_held_by(cart=cart, session_key=session_key, user=user) + units > limit:
        raise MarketplaceError(
            _(
                "An unpaid order can hold at most %(limit)d items at a time. Pay or "
                "cancel your other unpaid orders, or buy fewer items."
            )
            % {"limit": limit},
            code="held_units_cap",
            status=409,
        )

    seats = sum(
        line.quantity
        for group in summary.groups
        for line in group.lines
        if not line.ships
    )
    seat_limit = max_held_seats()
    if seats and (
        seats_held_by(cart=cart, session_key=session_key, user=user) + seats
        > seat_limit
    ):
        raise MarketplaceError(
            _(
                "Unpaid orders can hold at most %(limit)d seats at a time. Pay or "
                "cancel your other unpaid orders, or book fewer seats."
            )
            % {"limit": seat_limit},
            code="held_seats_cap",
            status=409,
        )

    by_vendor, by_category = selectors.commission_rates(
        vendor_ids=[g.vendor.pk for g in summary.groups],
        category_ids={
            line.product.category_id for g in summary.groups for line in g.lines
        },
    )
    default_bp = selectors.commission_default_bp()
    expires = timezone.now() + timedelta(minutes=reservation_minutes())
    order = Order.objects.create(
        number=_new_number(),
        buyer=user if getattr(user, "is_authenticated", False) else None,
        session_key=session_key,
        cart=cart,
        language=language if language in ("id", "en") else "id",
        payment_provider=PaymentProviderName(provider_name),
        payment_attempt=1,
        expires_at=expires,
        **address.__dict__,
    )
    order.transfer_group = f"order-{order.pk}"
    reservations = []
    bookings = []
    items_total = shipping_total = 0
    for group in summary.groups:
        method, cost = methods[group.vendor.pk]
        commission = 0
        for line in group.lines:
            rate = by_vendor.get(
                group.vendor.pk,
                by_category.get(line.product.category_id, default_bp),
            )
            commission += commission_split(
                items_total=line.line_total, shipping_cost=0, rate_bp=rate
            )[1]
        gross = group.items_total + cost
        effective_bp = (
            (commission * 10_000) // group.items_total if group.items_total else 0
        )
        window_id = selectors.pickup_window_choice(method)
        create = suborder_create_for_pickup if window_id else SubOrder.objects.create
        suborder = create(
            order=order,
            vendor=group.vendor,
            shipping_method=ShippingMethod.PICKUP
            if window_id
            else ShippingMethod(method),
            pickup_window_id=window_id,
            shipping_cost=cost,
            items_total=group.items_total,
            gross=gross,
            commission_rate_bp=effective_bp,
            commission=commission,
            vendor_net=gross - commission,
        )
        OrderLine.objects.bulk_create(
            _order_line(suborder=suborder, line=line) for line in group.lines
        )
        items_total += group.items_total
        shipping_total += cost
        reservations.extend(
            (line.variant.pk, line.quantity, line.variant)
            for line in group.lines
            if line.session is None
        )
        bookings.extend(
            (line.session.pk, line.quantity, line)
            for line in group.lines
            if line.session is not None
        )
    order.items_total = items_total
    order.shipping_total = shipping_total
    order.grand_total = items_total + shipping_total
    order.save(
        update_fields=[
            "transfer_group",
            "items_total",
            "shipping_total",
            "grand_total",
        ]
    )
    for variant_id, quantity, variant in sorted(reservations, key=lambda r: r[0]):
        if not variant_hold(variant_id=variant_id, quantity=quantity):
            # Raising rolls back the order and every unit already held above.
            raise MarketplaceError(
                _("Sorry, %(product)s sold out while you were checking out.")
                % {"product": variant},
                code="insufficient_stock",
                status=409,
            )
    # Seats after units, in session-id order: the lock order of every seat writer.
    for session_id, seats, line in sorted(bookings, key=lambda b: b[0]):
        if not session_hold(session_id=session_id, seats=seats):
            raise MarketplaceError(
                _("Sorry, %(session)s was booked up while you were checking out.")
                % {"session": line.label},
                code="insufficient_seats",
                status=409,
            )
    StockReservation.objects.bulk_create(
        StockReservation(
            order=order,
            variant_id=variant_id,
            quantity=quantity,
            expires_at=expires,
        )
        for variant_id, quantity, _v in reservations
    )
    SeatReservation.objects.bulk_create(
        SeatReservation(
            order=order, session_id=session_id, seats=seats, expires_at=expires
        )
        for session_id, seats, _line in bookings
    )
    if reservations:
        stock_changed.send(
            sender=ProductVariant,
            variant_ids=[variant_id for variant_id, *_ in reservations],
        )
    OrderStatusChange.objects.create(
        order=order,
        from_status=OrderStatus.PENDING,
        to_status=OrderStatus.PENDING,
        note="placed",
    )
    return order


def _order_line(*, suborder: SubOrder, line) -> OrderLine:
    """An order line copied from a cart line (a variant's units, a session's seats)."""
    if line.session is not None:
        local = timezone.localtime(line.session.starts_at)
        return OrderLine(
            suborder=suborder,
            session=line.session,
            product_name=line.product.name,
            variant_label=f"{local:%Y-%m-%d %H:%M}",
            sku=f"EXP-{line.session.pk}",
            unit_price=line.unit_price,
            quantity=line.quantity,
            adults=line.adults,
            children=line.children,
            child_unit_price=line.child_unit_price,
            line_total=line.line_total,
        )
    return OrderLine(
        suborder=suborder,
        variant=line.variant,
        product_name=line.product.name,
        variant_label=line.variant.label,
        sku=line.variant.sku,
        unit_price=line.unit_price,
        quantity=line.quantity,
        line_total=line.line_total,
        weight_grams=line.variant.weight_grams * line.quantity,
    )


def checkout_begin_payment(*, order: Order, base_url: str) -> str:
    """Asks the order's provider where to send the shopper; a failure cancels the order."""

    try:
        return get_provider(order.payment_provider).checkout_begin(
            order=order, base_url=base_url
        )
    except PaymentError:
        order_cancel_unpaid(order_id=order.pk, reason="payment service unavailable")
        raise


__all__ = [
    "ReservationStatus",
    "ShippingAddress",
    "checkout_begin_payment",
    "checkout_start",
    "max_held_units",
    "shipping_needs_address",
    "units_held_by",
]
