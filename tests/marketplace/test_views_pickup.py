"""The checkout page with pick-up windows: a contact is enough when nothing goes by
courier; the address comes back as soon as something does."""

import pytest

from marketplace.models import Order
from tests.marketplace.factories import (
    CONTACT,
    pickup_point,
    pickup_window,
    sellable_variant,
)
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(settings):
    settings.PAYMENT_PROVIDER = "demo"


def test_checkout_for_pick_up_asks_only_the_contact(client):
    vendor = VendorFactory()
    variant = sellable_variant(vendor=vendor)
    window = pickup_window(point=pickup_point(vendors=[vendor]))
    client.post("/keranjang/tambah/", {"variant": variant.pk, "quantity": 1})
    page = client.get("/checkout/").content.decode()
    assert f'value="window:{window.pk}"' in page and window.point.name in page
    courier = client.post(
        "/checkout/", dict(CONTACT, **{f"shipping_{vendor.pk}": "flat"})
    )
    assert courier.status_code == 200
    assert "address_line" in courier.context["form"].errors
    assert not Order.objects.exists()
    response = client.post(
        "/checkout/", dict(CONTACT, **{f"shipping_{vendor.pk}": f"window:{window.pk}"})
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert response["Location"].endswith(f"/checkout/{order.number}/demo/")
    assert order.address_line == "" and order.shipping_total == 0
    assert order.suborders.get().pickup_window == window
