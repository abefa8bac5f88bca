"""The only writes to a variant's stock numbers, each one conditional UPDATE.

``ProductVariant.stock`` is on-hand (units on the vendor's shelf), ``held`` the units
held by unpaid orders, sellable = stock - held. Checkout, expiry and payment move
``held`` (and payment ``stock``) relative to the current row, never from a value read
earlier, and the vendor sets on-hand only; so a vendor's form saved while a checkout
holds units can neither double nor drop them. The database checks ``held <= stock``
and both are never negative.

Callers run these inside their own transaction, for several variants in id order
(the lock order every stock writer uses, so they never deadlock), and send
``stock_changed`` after.
"""

from __future__ import annotations

from django.db.models import F

from marketplace.models import ProductVariant


def variant_hold(*, variant_id: int, quantity: int) -> bool:
    """Holds ``quantity`` units for an unpaid order if that many are sellable."""
    return bool(
        ProductVariant.objects.filter(
            pk=variant_id, stock__gte=F("held") + quantity
        ).update(held=F("held") + quantity)
    )


def variant_release(*, variant_id: int, quantity: int) -> None:
    """An unpaid order gave its units back (cancelled or expired)."""
    ProductVariant.objects.filter(pk=variant_id).update(held=F("held") - quantity)


def variant_commit(*, variant_id: int, quantity: int) -> None:
    """A held order was paid: its units leave the shelf and stop being held."""
    ProductVariant.objects.filter(pk=variant_id).update(
        stock=F("stock") - quantity, held=F("held") - quantity
    )


def variant_take(*, variant_id: int, quantity: int) -> bool:
    """A payment arrived after its hold was released: take the units off the shelf
    if that many are still sellable."""
    return bool(
        ProductVariant.objects.filter(
            pk=variant_id, stock__gte=F("held") + quantity
        ).update(stock=F("stock") - quantity)
    )


def variant_untake(*, variant_id: int, quantity: int) -> None:
    """Undoes ``variant_take`` when another line of the same late order is sold out."""
    ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)


def variant_set_on_hand(*, variant_id: int, stock: int) -> bool:
    """The vendor counted the shelf: sets on-hand, refused (False) below what unpaid
    orders hold."""
    return bool(
        ProductVariant.objects.filter(pk=variant_id, held__lte=stock).update(
            stock=stock
        )
    )


def variant_low_stock_claim(*, variant_id: int, threshold: int, now) -> bool:
    """Claims the low-stock alert of a variant whose sellable stock is at or below
    ``threshold``: True for exactly one caller per low spell (a conditional UPDATE, so
    two workers checking the same variant never both mail)."""
    return bool(
        ProductVariant.objects.filter(
            pk=variant_id,
            is_active=True,
            low_stock_alerted_at__isnull=True,
            stock__lte=F("held") + threshold,
        ).update(low_stock_alerted_at=now)
    )


def variant_low_stock_rearm(*, variant_id: int, threshold: int) -> bool:
    """Sellable stock rose above ``threshold``: the next fall is mailed again."""
    return bool(
        ProductVariant.objects.filter(
            pk=variant_id,
            low_stock_alerted_at__isnull=False,
            stock__gt=F("held") + threshold,
        ).update(low_stock_alerted_at=None)
    )
