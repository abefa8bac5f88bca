"""Cart writes: add, change, remove and merge, always bounded by stock and sellability."""

import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace import selectors
from marketplace.errors import MarketplaceError
from marketplace.limits import id_or_none
from marketplace.models import Cart, CartItem, Product, ProductVariant
from marketplace.models.cart import SESSION_CART_KEY

# More than any real shopper buys of one item; anything above is a typo or an attack.
MAX_QUANTITY = 99


def _parse_quantity(quantity) -> int:
    try:
        value = int(quantity)
    except (TypeError, ValueError):
        raise MarketplaceError(
            _("The quantity must be a whole number."), code="bad_quantity"
        ) from None
    if isinstance(quantity, float) and quantity != value:
        raise MarketplaceError(
            _("The quantity must be a whole number."), code="bad_quantity"
        )
    return value


def _sellable_variant(*, variant_id) -> ProductVariant:
    """The variant if it may be bought right now, else a clear refusal."""
    variant_pk = id_or_none(variant_id)
    if variant_pk is None:
        raise MarketplaceError(
            _("This product does not exist."), code="unknown_variant", status=404
        )
    variant = (
        ProductVariant.objects.select_related("product__vendor")
        .filter(pk=variant_pk, product__in=Product.objects.visible())
        .first()
    )
    if variant is None:
        raise MarketplaceError(
            _("This product does not exist."), code="unknown_variant", status=404
        )
    if not variant.is_active:
        raise MarketplaceError(
            _("This variant is no longer sold."), code="archived_variant"
        )
    if variant.product.vendor.is_on_holiday():
        raise MarketplaceError(
            _("%(shop)s is on holiday and not taking orders right now.")
            % {"shop": variant.product.vendor.name},
            code="vendor_on_holiday",
        )
    return variant


def _check_stock(variant: ProductVariant, quantity: int, *, cart: Cart) -> None:
    # What this cart's own unpaid order holds is still the cart's to buy.
    available = variant.sellable + selectors.units_held_for_cart(cart=cart).get(
        variant.pk, 0
    )
    if quantity > available:
        if available == 0:
            message = _("%(product)s is out of stock.") % {"product": variant}
        else:
            message = _("Only %(count)d of %(product)s left in stock.") % {
                "count": available,
                "product": variant,
            }
        raise MarketplaceError(message, code="insufficient_stock")


def cart_get(*, user=None, session=None, create: bool = False) -> Cart | None:
    """The account's cart, or the guest cart whose random key lives in the session.

    The key is kept in the session *data* (not the session key) because login rotates
    the session key; that lets the guest cart be found and merged after login.
    """
    if user is not None and user.is_authenticated:
        cart = Cart.objects.filter(user=user).first()
        if cart is None and create:
            cart, _created = Cart.objects.get_or_create(user=user)
        return cart
    if session is None:
        return None
    key = session.get(SESSION_CART_KEY)
    cart = Cart.objects.filter(session_key=key).first() if key else None
    if cart is None and create:
        key = secrets.token_urlsafe(24)
        cart = Cart.objects.create(session_key=key)
        session[SESSION_CART_KEY] = key
    return cart


def cart_add_item(*, cart: Cart, variant_id, quantity=1) -> CartItem:
    quantity = _parse_quantity(quantity)
    if not 1 <= quantity <= MAX_QUANTITY:
        raise MarketplaceError(
            _("Choose a quantity between 1 and %(max)d.") % {"max": MAX_QUANTITY},
            code="bad_quantity",
        )
    with transaction.atomic():
        variant = _sellable_variant(variant_id=variant_id)
        item = (
            CartItem.objects.select_for_update()
            .filter(cart=cart, variant=variant)
            .first()
        )
        new_quantity = quantity + (item.quantity if item else 0)
        if new_quantity > MAX_QUANTITY:
            raise MarketplaceError(
                _("Choose a quantity between 1 and %(max)d.") % {"max": MAX_QUANTITY},
                code="bad_quantity",
            )
        _check_stock(variant, new_quantity, cart=cart)
        if item is None:
            try:
                with transaction.atomic():
                    item = CartItem.objects.create(
                        cart=cart, variant=variant, quantity=new_quantity
                    )
            except IntegrityError:
                # A parallel request added the same variant first: add to its row.
                item = CartItem.objects.select_for_update().get(
                    cart=cart, variant=variant
                )
                item.quantity = min(
                    item.quantity + quantity, variant.sellable, MAX_QUANTITY
                )
                item.save(update_fields=["quantity"])
        else:
            item.quantity = new_quantity
            item.save(update_fields=["quantity"])
    return item


def cart_set_quantity(*, cart: Cart, variant_id, quantity) -> CartItem | None:
    """Sets an item's quantity; 0 removes it. Returns the item, or None if removed."""
    quantity = _parse_quantity(quantity)
    if not 0 <= quantity <= MAX_QUANTITY:
        raise MarketplaceError(
            _("Choose a quantity between 1 and %(max)d.") % {"max": MAX_QUANTITY},
            code="bad_quantity",
        )
    with transaction.atomic():
        variant_pk = id_or_none(variant_id)
        item = (
            CartItem.objects.select_for_update()
            .filter(cart=cart, variant_id=variant_pk)
            .first()
            if variant_pk is not None
            else None
        )
        if item is None:
            raise MarketplaceError(
                _("This item is not in your cart."), code="not_in_cart", status=404
            )
        if quantity == 0:
            item.delete()
            return None
        variant = _sellable_variant(variant_id=item.variant_id)
        _check_stock(variant, quantity, cart=cart)
        item.quantity = quantity
        item.save(update_fields=["quantity"])
    return item


def cart_remove_item(*, cart: Cart, variant_id) -> None:
    variant_pk = id_or_none(variant_id)
    if variant_pk is None:
        return  # never ``variant_id=None``: that would match every booking
    CartItem.objects.filter(cart=cart, variant_id=variant_pk).delete()


def cart_merge(*, source: Cart, target: Cart) -> Cart:
    """Moves a guest cart into the account's cart at login, bounded by stock, then drops
    it.
    """
    if source.pk == target.pk:
        return target
    with transaction.atomic():
        existing = {
            item.variant_id: item
            for item in CartItem.objects.select_for_update().filter(
                cart=target, variant__isnull=False
            )
        }
        booked = set(
            CartItem.objects.filter(cart=target, session__isnull=False).values_list(
                "session_id", flat=True
            )
        )
        # Bookings move as they are unless the account already books that session;
        # checkout checks the seats.
        CartItem.objects.filter(cart=source, session__isnull=False).exclude(
            session_id__in=booked
        ).update(cart=target)
        for item in CartItem.objects.filter(
            cart=source, variant__isnull=False
        ).select_related("variant"):
            limit = min(item.variant.sellable, MAX_QUANTITY)
            if item.variant_id in existing:
                kept = existing[item.variant_id]
                kept.quantity = max(
                    kept.quantity, min(kept.quantity + item.quantity, limit)
                )
                kept.save(update_fields=["quantity"])
            elif limit > 0:
                CartItem.objects.create(
                    cart=target,
                    variant_id=item.variant_id,
                    quantity=min(item.quantity, limit),
                )
        source.delete()
    return target


def cart_merge_at_login(*, user, session) -> None:
    """Called from the user_logged_in signal: the guest's cart joins the account's cart."""
    key = session.get(SESSION_CART_KEY)
    if not key:
        return
    guest = Cart.objects.filter(session_key=key, user__isnull=True).first()
    session.pop(SESSION_CART_KEY, None)
    if guest is None:
        return
    target, _created = Cart.objects.get_or_create(user=user)
    cart_merge(source=guest, target=target)
