import datetime as dt

import factory
from django.utils import timezone

from marketplace.models import (
    Category,
    Product,
    ProductImage,
    ProductStatus,
    ProductVariant,
)
from tests.images import make_image
from tests.vendors.factories import VendorFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = "Kain Sasirangan"
    name_en = "Sasirangan cloth"
    slug = "kain-sasirangan"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Kain Sasirangan Motif {n}")
    slug = factory.Sequence(lambda n: f"kain-sasirangan-motif-{n}")
    description = "Kain katun dua meter, dicelup tangan."
    status = ProductStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    colour = "Merah"
    price = 150000
    stock = 5


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(make_image)
    alt_text = "Kain sasirangan merah"


# --- Orders and checkout helpers (marketplace engineer)
# -----------------------------------
ADDRESS = {
    "full_name": "Rina Pembeli",
    "email": "rina@example.test",
    "phone": "081234567890",
    "address_line": "Jl. Lambung Mangkurat No. 1",
    "province": "Kalimantan Selatan",
    "city": "Kota Banjarmasin",
    "district": "Banjarmasin Tengah",
    "postal_code": "70111",
}


def sellable_variant(
    *, vendor=None, price=150000, stock=5, weight_grams=250, **product_fields
):
    """A published product of an approved vendor with one variant on sale."""
    product_kwargs = {"vendor": vendor} if vendor is not None else {}
    product = ProductFactory(**product_kwargs, **product_fields)
    return ProductVariantFactory(
        product=product, price=price, stock=stock, weight_grams=weight_grams
    )


def guest_cart():
    from marketplace.models import Cart

    return Cart.objects.create(
        session_key=f"test-{Cart.objects.count() + 1}-{timezone.now().timestamp()}"
    )


def place_order(
    *, items, user=None, shipping_method="flat", provider="demo", cart=None
):
    """Puts (variant, quantity) pairs in a cart and checks out; returns the pending
    order.
    """
    from marketplace import services

    cart = cart or guest_cart()
    for variant, quantity in items:
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=quantity)
    vendors = {variant.product.vendor_id for variant, _q in items}
    return services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(ADDRESS),
        shipping=dict.fromkeys(vendors, shipping_method),
        user=user,
        provider=provider,
    )


def pickup_point(
    *, vendors=(), event=None, destination=None, name="Dermaga Lok Baintan"
):
    """An active pick-up point offered by ``vendors``."""
    from marketplace.models import PickupPoint, VendorPickupPoint

    point = PickupPoint.objects.create(
        name=name,
        event=event,
        destination=destination,
        meeting_note="Di dermaga, cari perahu berbendera kuning.",
    )
    for vendor in vendors:
        VendorPickupPoint.objects.create(vendor=vendor, point=point)
    return point


def pickup_window(*, point, starts_in_hours=24, hours=2):
    from marketplace.models import PickupWindow

    starts = timezone.now() + dt.timedelta(hours=starts_in_hours)
    return PickupWindow.objects.create(
        point=point, starts_at=starts, ends_at=starts + dt.timedelta(hours=hours)
    )


CONTACT = {key: ADDRESS[key] for key in ("full_name", "email", "phone")}


def place_pickup_order(*, variant, window, user=None, quantity=1, cart=None):
    """Checks out one variant for pick-up in ``window`` with a contact only."""
    from marketplace import services

    cart = cart or guest_cart()
    services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=quantity)
    return services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(CONTACT, address_required=False),
        shipping={variant.product.vendor_id: f"window:{window.pk}"},
        user=user,
        provider="demo",
    )


# --- Experiences (bookable workshops and tours)
# ------------------------------------------------
def bookable_session(
    *,
    vendor=None,
    price=250000,
    child_price=None,
    capacity=10,
    starts_in=dt.timedelta(days=7),
    free_cancellation_hours=24,
    **product_fields,
):
    """A published experience of an approved vendor with one scheduled session."""
    from marketplace.models import Experience, ExperienceSession, ProductKind

    product_kwargs = {"vendor": vendor} if vendor is not None else {}
    product_fields.setdefault("name", "Workshop Sasirangan")
    product = ProductFactory(
        kind=ProductKind.EXPERIENCE, **product_kwargs, **product_fields
    )
    experience = Experience.objects.create(
        product=product,
        price=price,
        child_price=child_price,
        duration_minutes=180,
        languages="Indonesia, English",
        free_cancellation_hours=free_cancellation_hours,
    )
    return ExperienceSession.objects.create(
        experience=experience,
        starts_at=timezone.now() + starts_in,
        capacity=capacity,
    )


def place_booking_order(
    *, bookings=(), items=(), provider="demo", cart=None, shipping_method="flat"
):
    """Puts (session, adults, children) bookings and (variant, quantity) goods in one
    cart and checks out; returns the pending order."""
    from marketplace import services

    cart = cart or guest_cart()
    for session, adults, children in bookings:
        services.cart_add_booking(
            cart=cart, session_id=session.pk, adults=adults, children=children
        )
    for variant, quantity in items:
        services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=quantity)
    vendors = {variant.product.vendor_id for variant, _q in items}
    return services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(
            ADDRESS, address_required=bool(items)
        ),
        shipping=dict.fromkeys(vendors, shipping_method),
        provider=provider,
    )
