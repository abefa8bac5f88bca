"""Demo marketplace data: shipping options for the seeded shops and one delivered order
with a review, placed through the real services (demo payment provider, no money moves)."""

from django.db.models import F

from marketplace import services
from marketplace.models import Order, Product, ShippingMethod, VendorShipping
from vendors.models import Vendor

DEMO_ADDRESS = {
    "full_name": "Pembeli Demo",
    "email": "pembeli@banua.localhost",
    "phone": "081234567890",
    "address_line": "Jl. Lambung Mangkurat No. 10",
    "province": "Kalimantan Selatan",
    "city": "Kota Banjarmasin",
    "district": "Banjarmasin Tengah",
    "postal_code": "70111",
}


def seed_orders(seeder) -> None:
    for number, vendor in enumerate(Vendor.objects.active().order_by("pk")):
        _, created = VendorShipping.objects.get_or_create(
            vendor=vendor,
            # Alternate the offers a little so the checkout shows the different options.
            defaults={
                "flat_rate": 15_000 + 5_000 * (number % 3),
                "per_kg_enabled": number % 2 == 0,
            },
        )
        seeder.report.count("shipping options", created)
    buyer = getattr(seeder, "users_by_name", {}).get("pembeli")
    if buyer is None or Order.objects.filter(buyer=buyer).exists():
        return
    picks = []
    for vendor in Vendor.objects.active().order_by("pk")[:2]:
        product = Product.objects.visible().filter(vendor=vendor).first()
        variant = (
            product
            and product.variants.filter(is_active=True, stock__gt=F("held")).first()
        )
        if variant:
            picks.append(variant)
    if len(picks) < 2:
        return
    cart = services.cart_get(user=buyer, create=True)
    for variant in picks:
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
    order = services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(DEMO_ADDRESS),
        shipping={
            variant.product.vendor_id: ShippingMethod.PICKUP for variant in picks
        },
        user=buyer,
        provider="demo",
    )
    services.order_mark_paid(order_id=order.pk, note="demo seed")
    for suborder in order.suborders.all():
        services.suborder_mark_shipped(
            suborder=suborder, courier="", tracking_number="", actor=None
        )
        services.suborder_mark_delivered(suborder=suborder, actor=None)
    line = order.suborders.first().lines.first()
    services.review_create(
        user=buyer,
        order_line_id=line.pk,
        rating=5,
        text="Kainnya halus dan warnanya cantik. Terima kasih!",
    )
    seeder.report.count("orders", True)
