"""Checkout: turns the cart into one order (one sub-order per vendor) and holds its
stock.

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
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import selectors
from marketplace.errors import MarketplaceError
from marketplace.models import (
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusChange,
    PaymentProviderName,
    ProductVariant,
    ReservationStatus,
    ShippingMethod,
    StockReservation,
    SubOrder,
)
from marketplace.services.ledger import commission_split
from marketplace.signals import stock_changed

POSTAL_CODE = re.compile(r"^[1-9]\d{4}$")
PHONE = re.compile(r"^\+?\d[\d\s-]{7,18}$")


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

    @classmethod
    def from_data(cls, data) -> ShippingAddress:
        """Trims and validates; raises MarketplaceError naming the first bad field."""
        values = {
            name: str(data.get(name) or "").strip() for name in cls.__dataclass_fields__
        }
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
        if not POSTAL_CODE.match(values["postal_code"]):
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


def checkout_start(
    *,
    cart,
    address: ShippingAddress,
    shipping: dict,
    user=None,
    language: str = "id",
    provider: str | None = None,
) -> Order:
    """Creates the pending order and reserves its stock, all or nothing.

    Stock is taken with conditional UPDATEs (``stock >= n``) in variant-id order, so two
    buyers of the last unit can never both get it and locks are always taken in the same
    order (no deadlocks). The payment provider is called by the caller after this
    commits,
    so no row lock is held while Stripe answers.
    """
    summary = selectors.cart_summary(cart=cart)
    if summary.is_empty:
        raise MarketplaceError(_("Your cart is empty."), code="empty_cart")
    for group in summary.groups:
        for line in group.lines:
            if line.problem:
                raise MarketplaceError(
                    _("%(product)s: %(problem)s")
                    % {"product": line.variant, "problem": line.problem},
                    code="cart_problem",
                )
    methods = {}
    for group in summary.groups:
        chosen = shipping.get(group.vendor.pk) or shipping.get(str(group.vendor.pk))
        options = {method: cost for method, _label, cost in group.shipping_options()}
        if chosen not in options:
            raise MarketplaceError(
                _("Choose a shipping option for %(shop)s.")
                % {"shop": group.vendor.name},
                code="bad_shipping",
            )
        methods[group.vendor.pk] = (chosen, options[chosen])

    by_vendor, by_category = selectors.commission_rates(
        vendor_ids=[g.vendor.pk for g in summary.groups],
        category_ids={
            line.product.category_id for g in summary.groups for line in g.lines
        },
    )
    default_bp = selectors.commission_default_bp()
    provider_name = provider or settings.PAYMENT_PROVIDER
    expires = timezone.now() + timedelta(minutes=reservation_minutes())
    with transaction.atomic():
        order = Order.objects.create(
            number=_new_number(),
            buyer=user if getattr(user, "is_authenticated", False) else None,
            session_key=cart.session_key or "",
            language=language if language in ("id", "en") else "id",
            payment_provider=PaymentProviderName(provider_name),
            payment_attempt=1,
            expires_at=expires,
            **address.__dict__,
        )
        order.transfer_group = f"order-{order.pk}"
        reservations = []
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
            suborder = SubOrder.objects.create(
                order=order,
                vendor=group.vendor,
                shipping_method=ShippingMethod(method),
                shipping_cost=cost,
                items_total=group.items_total,
                gross=gross,
                commission_rate_bp=effective_bp,
                commission=commission,
                vendor_net=gross - commission,
            )
            OrderLine.objects.bulk_create(
                OrderLine(
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
                for line in group.lines
            )
            items_total += group.items_total
            shipping_total += cost
            reservations.extend(
                (line.variant.pk, line.quantity, line.variant) for line in group.lines
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
            taken = ProductVariant.objects.filter(
                pk=variant_id, stock__gte=quantity
            ).update(stock=F("stock") - quantity)
            if not taken:
                # Raising rolls back the order and every unit already taken above.
                raise MarketplaceError(
                    _("Sorry, %(product)s sold out while you were checking out.")
                    % {"product": variant},
                    code="insufficient_stock",
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


def checkout_begin_payment(*, order: Order, base_url: str) -> str:
    """Asks the order's provider where to send the shopper; a failure cancels the
    order.
    """
    from marketplace.errors import PaymentError
    from marketplace.payments.providers import get_provider
    from marketplace.services.orders import order_cancel_unpaid

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
]
