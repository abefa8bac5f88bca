"""The bridge to the marketplace: makers nearby by region, link and distance; pins."""

from decimal import Decimal

import pytest

from tests.marketplace.factories import ProductFactory, ProductVariantFactory
from tests.tourism.factories import build_site_tree, make_destination
from tests.vendors.factories import VendorFactory
from tourism import selectors
from vendors.models import VendorStatus


@pytest.fixture
def destination(db):
    tree = build_site_tree()
    return make_destination(
        tree.destinations,
        title="Pasar Terapung Lok Baintan",
        region="banjar",
        latitude=Decimal("-3.293900"),
        longitude=Decimal("114.668500"),
    )


def test_distance_between_lok_baintan_and_banjarmasin_is_about_eight_km():
    km = selectors.distance_km(-3.2939, 114.6685, -3.3208, 114.5962)
    assert 8 < km < 9


def test_bounding_box_contains_the_radius():
    min_lat, max_lat, min_lng, max_lng = selectors.bounding_box(-3.3, 114.6, 25)
    assert min_lat < Decimal("-3.3") < max_lat
    assert float(max_lat - min_lat) == pytest.approx(50 / 111.32, abs=1e-5)
    assert float(max_lng - min_lng) > float(max_lat - min_lat)


def test_vendors_nearby_by_link_region_and_distance(destination):
    linked = VendorFactory(
        name="A di Lok Baintan", region="tapin", destination=destination
    )
    same_region = VendorFactory(name="B di Martapura", region="banjar")
    close_other_region = VendorFactory(
        name="C di Banjarmasin",
        region="banjarmasin",
        latitude=Decimal("-3.320800"),
        longitude=Decimal("114.596200"),
    )
    VendorFactory(
        name="D di Kotabaru",
        region="kotabaru",
        latitude=Decimal("-3.230000"),
        longitude=Decimal("116.200000"),
    )
    VendorFactory(name="E menunggu", region="banjar", status=VendorStatus.PENDING)

    nearby = selectors.vendor_list_near_destination(destination=destination)

    assert [v.name for v in nearby] == [
        linked.name,
        close_other_region.name,
        same_region.name,
    ]
    assert nearby[0].is_at_destination
    assert 8 < nearby[1].distance_km < 9
    assert nearby[2].distance_km is None


def test_a_vendor_just_inside_the_box_but_beyond_the_radius_is_left_out(destination):
    # ~0.2 degrees north-east: inside the 25 km bounding box's corner, 31 km away.
    VendorFactory(
        name="Di pojok",
        region="barito-kuala",
        latitude=Decimal("-3.093900"),
        longitude=Decimal("114.868500"),
    )
    assert selectors.vendor_list_near_destination(destination=destination) == []


def test_products_of_nearby_makers(destination):
    vendor = VendorFactory(region="banjar")
    product = ProductFactory(vendor=vendor)
    ProductVariantFactory(product=product)
    ProductFactory(vendor=VendorFactory(region="kotabaru"))
    context = selectors.destination_neighbourhood(destination=destination)
    assert context["nearby_products"] == [product]


def test_pins_keep_the_editor_order_and_hide_what_is_not_public(destination):
    first, second = ProductFactory(name="Kedua"), ProductFactory(name="Pertama")
    hidden = ProductFactory(is_hidden=True)
    pending_vendor = VendorFactory(status=VendorStatus.PENDING)
    vendor = VendorFactory()
    destination.pins = [
        ("product", second),
        ("product", hidden),
        ("product", first),
        ("vendor", pending_vendor),
        ("vendor", vendor),
    ]
    destination.save_revision().publish()
    destination.refresh_from_db()
    pins = selectors.page_pins(page=destination)
    assert pins["pinned_products"] == [second, first]
    assert pins["pinned_vendors"] == [vendor]


def test_pinned_items_show_on_the_page(client, destination):
    product = ProductFactory(name="Tanggui Purun")
    ProductVariantFactory(product=product)
    destination.pins = [("product", product)]
    destination.save_revision().publish()
    html = client.get(destination.url).content.decode()
    assert "Picked by our editors" in html or "Pilihan redaksi" in html
    assert "Tanggui Purun" in html


def test_destination_page_shows_makers_and_distance(client, destination):
    VendorFactory(
        name="Anyaman Purun",
        region="banjarmasin",
        latitude=Decimal("-3.300000"),
        longitude=Decimal("114.660000"),
    )
    html = client.get(destination.url).content.decode()
    assert "Anyaman Purun" in html
    assert "1,2 km" in html or "1.2 km" in html
