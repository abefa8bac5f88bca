import datetime as dt
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.images import make_image
from tests.marketplace.factories import (
    ProductFactory,
    ProductImageFactory,
    ProductVariantFactory,
)
from tests.tourism.factories import build_site_tree, make_destination
from tests.vendors.factories import VendorFactory
from vendors.models import VendorStatus

pytestmark = pytest.mark.django_db


def _english_url(vendor):
    with translation.override("en"):
        return reverse("vendors:shop_detail", kwargs={"slug": vendor.slug})


def _shop(**kwargs):
    tree = build_site_tree()
    destination = make_destination(tree.destinations, title="Kampung Sasirangan")
    vendor = VendorFactory(
        name="Sasirangan Galuh",
        slug="sasirangan-galuh",
        logo=make_image("logo"),
        banner=make_image("banner", size=(120, 40)),
        story="Kami membuat kain sejak 1990.",
        craft_village="Kampung Melayu",
        destination=destination,
        **kwargs,
    )
    return vendor, destination


def test_shop_page_shows_banner_logo_story_location_products_and_whatsapp(client):
    vendor, destination = _shop()
    product = ProductFactory(vendor=vendor, name="Kain Gigi Haruan")
    ProductVariantFactory(product=product)
    ProductFactory(vendor=vendor, name="Draf rahasia", status="draft")
    response = client.get(reverse("vendors:shop_detail", kwargs={"slug": vendor.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="shop__banner"' in html and 'class="shop__logo"' in html
    assert "Kami membuat kain sejak 1990." in html
    assert destination.url in html and "Kampung Melayu" in html
    assert "Kain Gigi Haruan" in html and "Draf rahasia" not in html
    assert "No reviews yet" in html or "Belum ada ulasan" in html
    link = response.context["whatsapp_link"]
    assert link.startswith("https://wa.me/6281251000101?text=")
    assert "Sasirangan Galuh" in unquote(link)


def test_holiday_mode_says_when_the_shop_reopens(client):
    today = timezone.localdate()
    vendor, _ = _shop(
        holiday_from=today - dt.timedelta(days=1),
        holiday_until=today + dt.timedelta(days=5),
        holiday_note="Pulang kampung.",
    )
    product = ProductFactory(vendor=vendor, name="Tetap terlihat")
    ProductVariantFactory(product=product)
    with_language = client.get(_english_url(vendor))
    html = with_language.content.decode()
    reopen = today + dt.timedelta(days=6)
    assert f"reopens on {reopen.day}" in html
    assert "Pulang kampung." in html
    assert "Tetap terlihat" in html


@pytest.mark.parametrize(
    "status", [VendorStatus.PENDING, VendorStatus.SUSPENDED, VendorStatus.REJECTED]
)
def test_shops_not_approved_are_not_public(client, status):
    vendor = VendorFactory(status=status)
    assert (
        client.get(
            reverse("vendors:shop_detail", kwargs={"slug": vendor.slug})
        ).status_code
        == 404
    )


def test_vendor_text_never_reaches_the_page_as_markup(client):
    vendor = VendorFactory(
        story='<script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">klik</a>'  # noqa: E501
    )
    html = client.get(
        reverse("vendors:shop_detail", kwargs={"slug": vendor.slug})
    ).content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html.replace("&quot;", '"') or "&lt;a" in html
    assert 'onclick="x()"' not in html


def test_shop_page_queries_stay_constant(client, django_assert_max_num_queries):
    vendor, _ = _shop()
    for _n in range(12):
        product = ProductFactory(vendor=vendor)
        ProductVariantFactory(product=product)
        ProductImageFactory(product=product)
    url = reverse("vendors:shop_detail", kwargs={"slug": vendor.slug})
    client.get(url)  # renditions are made on the first view
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_product_cards_of_a_shop_on_holiday_say_so(client):
    today = timezone.localdate()
    vendor = VendorFactory(
        holiday_from=today, holiday_until=today + dt.timedelta(days=2)
    )
    ProductVariantFactory(product=ProductFactory(vendor=vendor, name="Dodol Libur"))
    html = client.get(_english_url(vendor)).content
    assert "Dodol Libur" in html.decode()
    assert "Shop on holiday: not for sale until it reopens" in html.decode()


def test_shop_page_shows_the_average_of_its_reviews(client):
    """The shop's rating comes from the marketplace's reviews (it said "no reviews
    yet" on every shop while the lookup was feature-detected)."""
    from marketplace.models import Review
    from tests.marketplace.factories import place_order, sellable_variant
    from tests.vendors.factories import UserFactory

    vendor, _destination = _shop()
    first = sellable_variant(vendor=vendor, stock=5)
    second = sellable_variant(vendor=vendor, stock=5)
    order = place_order(items=[(first, 1), (second, 1)])
    for line, rating in zip(
        order.suborders.get().lines.order_by("pk"), (5, 4), strict=True
    ):
        Review.objects.create(
            product=line.variant.product,
            order_line=line,
            author=UserFactory(),
            rating=rating,
        )
    with translation.override("en"):
        response = client.get(_english_url(vendor))
    html = response.content.decode()
    assert "No reviews yet" not in html
    assert "★ 4.5 from 2 reviews" in html
