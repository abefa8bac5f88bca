"""A paid sub-order of one vendor, placed through the marketplace's own services."""

from tests.marketplace.factories import place_order, sellable_variant


def make_suborder(*, vendor, quantity: int = 1):
    from marketplace import services

    variant = sellable_variant(vendor=vendor, stock=quantity + 5)
    order = place_order(items=[(variant, quantity)])
    services.order_mark_paid(order_id=order.pk)
    return order.suborders.get(vendor=vendor)


def make_review(*, vendor, rating: int = 4, text: str = "Kainnya bagus."):
    """A review of one of the vendor's products, on a line of a paid order."""
    from marketplace.models import Review
    from tests.vendors.factories import UserFactory

    line = make_suborder(vendor=vendor).lines.first()
    return Review.objects.create(
        product_id=line.variant.product_id,
        order_line=line,
        author=UserFactory(first_name="Rina"),
        rating=rating,
        text=text,
    )
