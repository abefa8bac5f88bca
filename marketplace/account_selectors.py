"""Reads for shopper accounts: saved addresses, favourites, waiting alerts, the cart
count in the header. A module of its own because ``selectors.py`` is already long."""

from __future__ import annotations

from django.db.models import Sum

from core.choices import VendorStatus
from marketplace.models import (
    CartItem,
    FavouriteProduct,
    FavouriteVendor,
    ShopperAddress,
    ShopperProfile,
    StockAlert,
)
from marketplace.models.cart import SESSION_CART_KEY
from marketplace.selectors import product_list_visible


def address_list_for_user(*, user) -> list[ShopperAddress]:
    if not user.is_authenticated:
        return []
    return list(ShopperAddress.objects.filter(user=user))


def address_get_for_user(*, user, address_id) -> ShopperAddress | None:
    try:
        address_id = int(address_id)
    except (TypeError, ValueError):
        return None
    return ShopperAddress.objects.filter(user=user, pk=address_id).first()


def profile_phone(*, user) -> str:
    if not user.is_authenticated:
        return ""
    return (
        ShopperProfile.objects.filter(user=user).values_list("phone", flat=True).first()
        or ""
    )


def favourite_product_ids(*, user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        FavouriteProduct.objects.filter(user=user).values_list("product_id", flat=True)
    )


def favourite_vendor_ids(*, user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        FavouriteVendor.objects.filter(user=user).values_list("vendor_id", flat=True)
    )


def favourite_products_for_user(*, user):
    """The shopper's hearted products that are still on show, newest heart first."""
    return product_list_visible().filter(
        pk__in=FavouriteProduct.objects.filter(user=user).values("product_id")
    )


def favourite_vendors_for_user(*, user):
    return (
        FavouriteVendor.objects.filter(user=user, vendor__status=VendorStatus.APPROVED)
        .select_related("vendor")
        .order_by("-created_at", "-id")
    )


def stock_alerts_waiting_for_user(*, user):
    return (
        StockAlert.objects.filter(user=user, notified_at=None)
        .select_related("variant__product")
        .order_by("-created_at", "-id")
    )


def stock_alert_variant_ids(*, user, variant_ids) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        StockAlert.objects.filter(
            user=user, notified_at=None, variant_id__in=list(variant_ids)
        ).values_list("variant_id", flat=True)
    )


def cart_item_count(*, user, session) -> int:
    """Units in the visitor's cart, for the header badge, in one query."""
    if user.is_authenticated:
        items = CartItem.objects.filter(cart__user=user)
    else:
        key = session.get(SESSION_CART_KEY)
        if not key:
            return 0
        items = CartItem.objects.filter(cart__session_key=key)
    return items.aggregate(total=Sum("quantity"))["total"] or 0
