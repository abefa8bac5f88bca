"""The data step of the on-hand/held migration: held reservations move from "already
subtracted from stock" to being counted in ``held``, and sellable does not change."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps

import marketplace.migrations
from marketplace.models import ProductVariant
from tests.marketplace.factories import place_order, sellable_variant

pytestmark = pytest.mark.django_db


def _migration():
    # Found by name: the migration is renumbered when branches are merged.
    folder = Path(marketplace.migrations.__file__).parent
    (path,) = folder.glob("*_variant_held_and_one_open_order_per_cart.py")
    return importlib.import_module(f"marketplace.migrations.{path.stem}")


def test_held_reservations_are_added_back_to_on_hand_and_counted_as_held():
    from marketplace import services

    variant = sellable_variant(stock=5)
    untouched = sellable_variant(stock=4)
    place_order(items=[(variant, 2)])
    place_order(items=[(variant, 1)])
    cancelled = place_order(items=[(variant, 1)])
    services.order_cancel_unpaid(order_id=cancelled.pk)
    # Before the migration, the 3 held units were already taken off stock.
    ProductVariant.objects.filter(pk=variant.pk).update(stock=2, held=0)
    _migration().held_reservations_to_held(apps, None)
    variant.refresh_from_db()
    untouched.refresh_from_db()
    assert (variant.stock, variant.held, variant.sellable) == (5, 3, 2)
    assert (untouched.stock, untouched.held) == (4, 0)
    _migration().held_back_to_stock(apps, None)
    variant.refresh_from_db()
    assert (variant.stock, variant.held) == (2, 0)
