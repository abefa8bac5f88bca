"""Sessions for the Lighthouse audit of the private pages, in the throwaway demo database.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/lighthouse_sessions.py [--public]

Run by bench/lighthouse.py after seed_demo, never against a real database: it writes a
guest cart and an address, a favourite and a back-in-stock alert for the seeded shopper
"pembeli". Prints JSON: the session cookie name, the guest cart's session key, the
shopper's session key and the paths of the public pages that depend on the data (a
destination, a product, a shop). Everything goes through the services, as a shopper's
requests would, so the audited pages show what they show in real use.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.test import Client  # noqa: E402

from marketplace.models import Product, ProductKind, ProductVariant  # noqa: E402
from marketplace.services import accounts, cart  # noqa: E402
from tourism.models import DestinationPage  # noqa: E402
from vendors.models import Vendor  # noqa: E402

ADDRESS = {
    "label": "Rumah",
    "recipient_name": "Pembeli Demo",
    "phone": "081234567890",
    "address_line": "Jl. Lambung Mangkurat No. 10",
    "province": "Kalimantan Selatan",
    "city": "Kota Banjarmasin",
    "district": "Banjarmasin Tengah",
    "village": "Kertak Baru Ilir",
    "postal_code": "70111",
}


def two_vendor_variants() -> list[ProductVariant]:
    """One sellable variant from each of two different shops."""
    chosen: dict[int, ProductVariant] = {}
    for variant in ProductVariant.objects.filter(
        is_active=True, product__in=Product.objects.visible()
    ).select_related("product"):
        if variant.product.vendor_id not in chosen and variant.sellable > 0:
            chosen[variant.product.vendor_id] = variant
        if len(chosen) == 2:
            break
    return list(chosen.values())


def guest_cart_session() -> str:
    session = SessionStore()
    guest = cart.cart_get(session=session, create=True)
    session.save()
    for variant in two_vendor_variants():
        cart.cart_add_item(cart=guest, variant_id=variant.pk, quantity=1)
    return session.session_key


def shopper_session() -> str:
    user = get_user_model().objects.get(username="pembeli")
    if not user.shopper_addresses.exists():
        accounts.address_save(user=user, data=ADDRESS)
    variants = two_vendor_variants()
    accounts.favourite_product_set(user=user, product=variants[0].product, on=True)
    sold_out = ProductVariant.objects.filter(is_active=True, stock=0).first()
    if sold_out is None:
        # The demo stocks everything: empty one variant so the alerts list has a row.
        sold_out = variants[-1].product.variants.exclude(pk=variants[-1].pk).first()
        if sold_out is not None:
            ProductVariant.objects.filter(pk=sold_out.pk).update(stock=0)
    if sold_out is not None:
        accounts.stock_alert_subscribe(user=user, variant=sold_out, language="id")
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def public_paths() -> dict[str, str]:
    """The data-dependent public pages: a destination, a product (goods: an experience's
    page shows live seats and stores no fragments) and a shop. Reads only."""
    destination = (
        DestinationPage.objects.live().filter(locale__language_code="id").first()
    )
    product = Product.objects.visible().filter(kind=ProductKind.GOODS).first()
    shop = Vendor.objects.active().order_by("pk").first()
    return {
        "destination": destination.url,
        "product": f"/produk/{product.slug}/",
        "shop": f"/toko/{shop.slug}/",
    }


def main() -> None:
    """With ``--public``, only the public paths (bench/pages.py and page_calls.py)."""
    found = public_paths()
    if "--public" not in sys.argv[1:]:
        found.update(
            cookie=settings.SESSION_COOKIE_NAME,
            guest=guest_cart_session(),
            shopper=shopper_session(),
        )
    print(json.dumps(found))


if __name__ == "__main__":
    main()
