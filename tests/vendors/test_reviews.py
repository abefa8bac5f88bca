"""The vendor's one public reply to each review of its products."""

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace import services as marketplace_services
from tests.vendors.factories import VendorFactory
from tests.vendors.orders import make_review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_vendor_replies_and_the_reply_shows_under_the_review(client):
    vendor = VendorFactory()
    review = make_review(vendor=vendor, text="Warnanya cantik.")
    client.force_login(vendor.owner)
    listing = client.get(reverse("vendors:reviews")).content.decode()
    assert "Warnanya cantik." in listing
    url = reverse("vendors:review_reply", kwargs={"review_id": review.pk})
    assert client.post(url, {"reply": "Terima kasih, Kak!"}).status_code == 302
    # Saving again replaces the one reply.
    client.post(url, {"reply": "Terima kasih banyak, Kak!"})
    review.refresh_from_db()
    assert review.reply == "Terima kasih banyak, Kak!" and review.replied_at
    client.logout()
    page = client.get(
        reverse("marketplace:product_detail", kwargs={"slug": review.product.slug})
    ).content.decode()
    assert page.count("Terima kasih banyak, Kak!") == 1
    assert f"Reply from {vendor.name}" in page


def test_another_shop_cannot_reply():
    review = make_review(vendor=VendorFactory())
    from marketplace.errors import MarketplaceError

    with pytest.raises(MarketplaceError):
        marketplace_services.review_reply(
            vendor=VendorFactory(), review_id=review.pk, text="Spam"
        )
    review.refresh_from_db()
    assert review.reply == ""


def test_a_too_long_reply_is_a_message_not_an_error(client):
    vendor = VendorFactory()
    review = make_review(vendor=vendor)
    client.force_login(vendor.owner)
    response = client.post(
        reverse("vendors:review_reply", kwargs={"review_id": review.pk}),
        {"reply": "x" * 2001},
        follow=True,
    )
    assert response.status_code == 200
    assert "too long" in response.content.decode()
    review.refresh_from_db()
    assert review.reply == ""


def test_a_hidden_review_leaves_the_product_page_and_the_rating(client):
    vendor = VendorFactory()
    shown = make_review(vendor=vendor, rating=5, text="Bagus sekali.")
    hidden = make_review(vendor=vendor, rating=1, text="Nomor HP saya 0812...")
    from marketplace.models import Review

    Review.objects.filter(pk=hidden.pk).update(product=shown.product)
    marketplace_services.review_hide(
        review_id=hidden.pk, actor=None, reason="Data pribadi."
    )
    page = client.get(
        reverse("marketplace:product_detail", kwargs={"slug": shown.product.slug})
    ).content.decode()
    assert "Bagus sekali." in page and "0812" not in page
    assert "★ 5.0 / 5" in page
    # The vendor still sees it, marked, with the office's reason.
    client.force_login(vendor.owner)
    listing = client.get(reverse("vendors:reviews")).content.decode()
    assert "Data pribadi." in listing
