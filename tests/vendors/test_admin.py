"""The office's admin: the viewsets list and edit, and "Moderate" calls the services."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from marketplace.models import Product
from tests.marketplace.factories import ProductFactory, ProductVariantFactory
from tests.vendors.factories import VendorFactory
from tests.vendors.factories import office_user as _office_user
from vendors.models import VendorStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English source messages; Indonesian is the site default, so
    URLs are reversed (and pages served) under /en/."""
    with translation.override("en"):
        yield


def office_user(**kwargs):
    """An office member who reads the Wagtail admin in English (the site default is id)."""
    from wagtail.users.models import UserProfile

    user = _office_user(**kwargs)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_office_lists_and_filters_shops_and_products(client):
    client.force_login(office_user())
    VendorFactory(name="Toko Menunggu", status=VendorStatus.PENDING)
    ProductFactory(name="Kain Terlihat")
    listing = client.get(
        reverse("wagtailsnippets_vendors_vendor:list"), {"status": "pending"}
    )
    assert listing.status_code == 200 and "Toko Menunggu" in listing.content.decode()
    products = client.get(reverse("wagtailsnippets_marketplace_product:list"))
    assert products.status_code == 200 and "Kain Terlihat" in products.content.decode()


def test_office_approves_a_shop_from_the_admin(
    client, django_capture_on_commit_callbacks
):
    office = office_user(email="dinas@banua.test")
    client.force_login(office)
    vendor = VendorFactory(status=VendorStatus.PENDING)
    url = reverse("wagtailsnippets_vendors_vendor:moderate", args=[vendor.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.APPROVED
    assert {vendor.owner.email, office.email} <= {a for m in mail.outbox for a in m.to}


def test_rejecting_without_a_reason_is_a_form_error(client):
    client.force_login(office_user())
    vendor = VendorFactory(status=VendorStatus.PENDING)
    url = reverse("wagtailsnippets_vendors_vendor:moderate", args=[vendor.pk])
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 200
    assert "Give the reason" in response.content.decode()
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.PENDING


def test_suspending_from_the_admin_hides_the_shop_and_its_products(client):
    client.force_login(office_user())
    vendor = VendorFactory()
    ProductVariantFactory(product=ProductFactory(vendor=vendor))
    url = reverse("wagtailsnippets_vendors_vendor:moderate", args=[vendor.pk])
    client.post(url, {"decision": "suspend", "reason": "Keluhan pembeli."})
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.SUSPENDED
    assert not Product.objects.visible().filter(vendor=vendor).exists()
    assert (
        client.get(
            reverse("vendors:shop_detail", kwargs={"slug": vendor.slug})
        ).status_code
        == 404
    )


def test_hiding_a_product_from_the_admin_shows_the_reason_to_the_vendor(client):
    client.force_login(office_user())
    product = ProductFactory(name="Kain Tiruan")
    ProductVariantFactory(product=product)
    url = reverse("wagtailsnippets_marketplace_product:moderate", args=[product.pk])
    client.post(url, {"decision": "hide", "reason": "Motif meniru merek lain."})
    product.refresh_from_db()
    assert product.is_hidden
    client.force_login(product.vendor.owner)
    assert (
        "Motif meniru merek lain."
        in client.get(reverse("vendors:dashboard")).content.decode()
    )
    assert (
        client.get(
            reverse("marketplace:product_detail", kwargs={"slug": product.slug})
        ).status_code
        == 404
    )


def test_a_decision_not_allowed_from_the_current_status_is_refused(client):
    client.force_login(office_user())
    vendor = VendorFactory(status=VendorStatus.APPROVED)
    url = reverse("wagtailsnippets_vendors_vendor:moderate", args=[vendor.pk])
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 200
    assert "Choose one of the buttons" in response.content.decode()


def test_the_vendor_cannot_reach_the_admin_moderation(client):
    vendor = VendorFactory(status=VendorStatus.PENDING)
    client.force_login(vendor.owner)
    response = client.post(
        reverse("wagtailsnippets_vendors_vendor:moderate", args=[vendor.pk]),
        {"decision": "approve"},
    )
    assert response.status_code in (302, 403)
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.PENDING


def test_staff_edits_in_the_admin_are_logged(client):
    from wagtail.models import ModelLogEntry

    office = office_user()
    client.force_login(office)
    vendor = VendorFactory()
    edit = client.get(reverse("wagtailsnippets_vendors_vendor:edit", args=[vendor.pk]))
    assert edit.status_code == 200
    form = edit.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["holiday_note"] = "Libur Lebaran"
    response = client.post(
        reverse("wagtailsnippets_vendors_vendor:edit", args=[vendor.pk]), data
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = ModelLogEntry.objects.filter(
        object_id=str(vendor.pk), action="wagtail.edit"
    ).get()
    assert entry.user_id == office.pk


def test_the_edit_view_offers_the_moderate_button(client):
    client.force_login(office_user())
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor)
    html = client.get(
        reverse("wagtailsnippets_vendors_vendor:edit", args=[vendor.pk])
    ).content
    assert (
        reverse("wagtailsnippets_vendors_vendor:moderate", args=[vendor.pk])
        in html.decode()
    )
    html = client.get(
        reverse("wagtailsnippets_marketplace_product:edit", args=[product.pk])
    ).content
    assert (
        reverse("wagtailsnippets_marketplace_product:moderate", args=[product.pk])
        in html.decode()
    )
