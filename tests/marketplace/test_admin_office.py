"""The office's admin reads like the office works: WITA times, rupiah, yes/no, links to
the queues, the refund from the order, reviews hidden with a reason, Stripe's set-up."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.models import Order, Review, VendorShipping
from tests.marketplace.test_admin import _paid_order
from tests.vendors.factories import UserFactory, VendorFactory
from tests.vendors.orders import make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with translation.override("en"):
        yield client


def test_order_page_shows_wita_rupiah_and_links_the_refund(office):
    order = _paid_order()
    Order.objects.filter(pk=order.pk).update(
        paid_at="2026-11-30T09:30:00+00:00", created_at="2026-11-30T09:29:00+00:00"
    )
    html = (
        office.get(reverse("marketplace_orders:inspect", args=[order.pk]))
        .content.decode()
        .replace("\xa0", " ")
    )
    # 09:30 UTC is 17.30 WITA (the office reads the admin in Indonesian).
    assert "30 Nov. 2026, 17.30 WITA" in html
    assert "2026, 9.30" not in html
    assert "Rp 250.000" in html
    assert reverse("marketplace_refund", args=[order.pk]) in html
    listing = (
        office.get(reverse("marketplace_orders:index")).content.decode()
    ).replace("\xa0", " ")
    assert "Rp 250.000" in listing and "WITA" in listing


def test_shipping_list_reads_yes_no_and_rupiah(office):
    VendorShipping.objects.create(
        vendor=VendorFactory(), flat_rate=15000, pickup_enabled=False
    )
    html = office.get(reverse("marketplace_shipping:index")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    # The office reads the admin in Indonesian: "Tidak" is "No".
    assert re.search(r"Rp 15\.000 Ya Rp 12\.000 Tidak", text), text[-3000:]
    assert "False" not in text


def test_admin_home_counts_link_to_their_queues(office):
    VendorFactory(status="pending")
    html = office.get("/admin/").content.decode()
    assert reverse("wagtailsnippets_vendors_vendor:list") + "?status=pending" in html
    assert reverse("marketplace_orders:index") in html


def test_office_hides_a_review_with_a_reason_and_shows_it_again(office):
    review = make_review(vendor=VendorFactory(), text="Hubungi 0812 untuk diskon")
    url = reverse("marketplace_review_hide", args=[review.pk])
    inspect = office.get(reverse("marketplace_reviews:inspect", args=[review.pk]))
    assert url in inspect.content.decode()
    # No reason: refused, nothing hidden.
    assert office.post(url, {"reason": ""}).status_code == 200
    assert not Review.objects.get(pk=review.pk).is_hidden
    office.post(url, {"reason": "Nomor telepon pribadi."})
    review.refresh_from_db()
    assert review.is_hidden and review.hidden_reason == "Nomor telepon pribadi."
    office.post(url)
    review.refresh_from_db()
    assert not review.is_hidden and review.hidden_reason == ""


def test_a_hidden_review_needs_a_reason_in_the_database():
    from django.db import IntegrityError, transaction

    review = make_review(vendor=VendorFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(is_hidden=True)


def test_missing_stripe_keys_are_said_as_such(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    vendor = VendorFactory()
    client.force_login(vendor.owner)
    with translation.override("en"):
        response = client.post(reverse("vendors:payout_stripe_start"), follow=True)
    html = response.content.decode()
    assert "Stripe is not configured" in html
    assert "cannot be reached" not in html


def test_refund_of_a_stripe_order_without_keys_says_stripe_is_not_configured(
    office, settings
):
    order = _paid_order()
    Order.objects.filter(pk=order.pk).update(payment_provider="stripe")
    settings.STRIPE_SECRET_KEY = ""
    response = office.post(reverse("marketplace_refund", args=[order.pk]), follow=True)
    # The office reads the admin in Indonesian.
    assert "Stripe belum dikonfigurasi" in response.content.decode()
    assert Order.objects.get(pk=order.pk).status == "paid"
