"""A paid sub-order of one vendor, placed through the marketplace's own services."""

from tests.marketplace.factories import place_order, sellable_variant


def make_suborder(*, vendor, quantity: int = 1):
    from marketplace import services

    variant = sellable_variant(vendor=vendor, stock=quantity + 5)
    order = place_order(items=[(variant, quantity)])
    services.order_mark_paid(order_id=order.pk)
    return order.suborders.get(vendor=vendor)
