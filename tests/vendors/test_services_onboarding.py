import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from marketplace.models import Product
from tests.marketplace.factories import ProductFactory, ProductVariantFactory
from tests.vendors.factories import UserFactory, VendorFactory, office_user
from vendors import services
from vendors.models import VendorStatus

pytestmark = pytest.mark.django_db

APPLICATION = {
    "name": "Sasirangan Ibu Ratna",
    "owner_name": "Ratna",
    "whatsapp": "6281234567890",
    "address": "Jl. Sungai Jingah 5, Banjarmasin",
    "region": "banjarmasin",
    "category": "sasirangan",
    "craft_village": "Kampung Sasirangan",
    "story": "Sejak 1990 <script>alert('x')</script>kami membuat kain.",
    "nib": "1234567890123",
}


def test_apply_creates_a_pending_shop_with_clean_story_and_tells_the_office(
    django_capture_on_commit_callbacks,
):
    office = office_user(email="dinas@banua.test")
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        vendor = services.vendor_apply(user=user, **APPLICATION)
    assert vendor.status == VendorStatus.PENDING
    assert vendor.slug == "sasirangan-ibu-ratna"
    assert "<script" not in vendor.story and "kami membuat kain" in vendor.story
    assert [m.to for m in mail.outbox] == [[office.email]]
    assert ModelLogEntry.objects.filter(
        action="banua.vendor.apply", object_id=str(vendor.pk)
    ).exists()


def test_one_shop_per_account():
    user = UserFactory()
    services.vendor_apply(user=user, **APPLICATION)
    with pytest.raises(ValidationError):
        services.vendor_apply(user=user, **APPLICATION)


def test_bad_whatsapp_number_is_refused():
    with pytest.raises(ValidationError) as error:
        services.vendor_apply(user=UserFactory(), **{**APPLICATION, "whatsapp": "0812"})
    assert "whatsapp" in error.value.message_dict


def test_approve_emails_both_sides_and_logs_who_did_it(
    django_capture_on_commit_callbacks,
):
    office = office_user(email="dinas@banua.test")
    vendor = VendorFactory(status=VendorStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_approve(vendor=vendor, actor=office)
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.APPROVED and vendor.approved_at is not None
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([vendor.owner.email, office.email])
    entry = ModelLogEntry.objects.get(
        action="banua.vendor.approve", object_id=str(vendor.pk)
    )
    assert entry.user_id == office.pk
    assert entry.data["on_behalf_of_vendor"] == vendor.pk


def test_reject_needs_a_reason_and_the_vendor_reads_it(
    django_capture_on_commit_callbacks,
):
    office = office_user()
    vendor = VendorFactory(status=VendorStatus.PENDING)
    with pytest.raises(ValidationError):
        services.vendor_reject(vendor=vendor, actor=office, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_reject(
            vendor=vendor, actor=office, reason="Foto produk belum ada."
        )
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.REJECTED
    assert vendor.status_reason == "Foto produk belum ada."
    assert any(
        "Foto produk belum ada." in m.body
        for m in mail.outbox
        if vendor.owner.email in m.to
    )


def test_only_the_office_may_decide():
    vendor = VendorFactory(status=VendorStatus.PENDING)
    with pytest.raises(PermissionDenied):
        services.vendor_approve(vendor=vendor, actor=vendor.owner)
    with pytest.raises(PermissionDenied):
        services.vendor_approve(vendor=vendor, actor=UserFactory(is_staff=True))


def test_a_decision_from_the_wrong_status_is_refused():
    office = office_user()
    vendor = VendorFactory(status=VendorStatus.APPROVED)
    with pytest.raises(ValidationError):
        services.vendor_reject(vendor=vendor, actor=office, reason="x")


def test_suspending_a_shop_takes_its_products_off_the_storefront():
    office = office_user()
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor)
    ProductVariantFactory(product=product)
    assert Product.objects.visible().filter(pk=product.pk).exists()
    services.vendor_suspend(
        vendor=vendor, actor=office, reason="Produk palsu dilaporkan."
    )
    assert not Product.objects.visible().filter(pk=product.pk).exists()
    services.vendor_reinstate(vendor=vendor, actor=office)
    assert Product.objects.visible().filter(pk=product.pk).exists()


def test_shop_update_sanitises_the_story_and_never_touches_the_status():
    vendor = VendorFactory(status=VendorStatus.PENDING)
    updated = services.vendor_shop_update(
        vendor=vendor,
        actor=vendor.owner,
        fields={
            "story": '<b onmouseover="x()">Halo</b> '
            '<a href="javascript:alert(1)">klik</a>'
        },
    )
    assert updated.story == "Halo klik"
    assert updated.status == VendorStatus.PENDING
    with pytest.raises(ValueError):
        services.vendor_shop_update(
            vendor=vendor, actor=vendor.owner, fields={"status": "approved"}
        )


def test_another_user_cannot_update_the_shop():
    vendor = VendorFactory()
    with pytest.raises(PermissionDenied):
        services.vendor_shop_update(
            vendor=vendor, actor=UserFactory(), fields={"story": "x"}
        )
