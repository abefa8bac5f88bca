import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from marketplace.models import Product, ProductStatus
from tests.marketplace.factories import (
    CategoryFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.vendors.factories import UserFactory, VendorFactory, office_user
from tests.vendors.images import fake_upload, jpeg_upload, png_upload
from vendors import services
from vendors.models import VendorStatus
from vendors.services.catalogue import VariantInput

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "name": "Kain Sasirangan Gigi Haruan",
        "category": CategoryFactory(),
        "description": "Kain <script>alert(1)</script>katun dua meter.",
        "status": ProductStatus.PUBLISHED,
        "maker_name": "Ratna",
        "village": "Kampung Sasirangan",
        "technique": "tie-dye",
        "dye": "natural",
        "motif_name": "Gigi Haruan",
        "motif_meaning": "Ketajaman berpikir.",
    }
    fields.update(overrides)
    return fields


def _variants():
    return [
        VariantInput(sku="gh-merah", colour="Merah", price=185000, stock=4),
        VariantInput(sku="GH-BIRU", colour="Biru", price=185000, stock=0),
    ]


def test_an_approved_vendor_publishes_a_product_with_variants_photos_and_provenance():
    vendor = VendorFactory()
    product = services.product_save(
        vendor=vendor,
        actor=vendor.owner,
        fields=_fields(),
        variants=_variants(),
        tags=["Kain", " oleh-oleh "],
        photos=[jpeg_upload(), png_upload()],
    )
    assert product.status == ProductStatus.PUBLISHED and product.published_at
    assert product.description == "Kain katun dua meter."
    assert sorted(product.variants.values_list("sku", flat=True)) == [
        "GH-BIRU",
        "GH-MERAH",
    ]
    assert product.images.count() == 2
    assert sorted(product.tags.names()) == ["kain", "oleh-oleh"]
    assert product.technique == "tie-dye" and product.motif_name == "Gigi Haruan"
    assert Product.objects.visible().filter(pk=product.pk).exists()
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", object_id=str(product.pk)
    ).exists()


@pytest.mark.parametrize(
    "status", [VendorStatus.PENDING, VendorStatus.REJECTED, VendorStatus.SUSPENDED]
)
def test_only_approved_vendors_publish(status):
    vendor = VendorFactory(status=status)
    with pytest.raises(ValidationError) as error:
        services.product_save(
            vendor=vendor, actor=vendor.owner, fields=_fields(), variants=_variants()
        )
    assert "status" in error.value.message_dict
    draft = services.product_save(
        vendor=vendor,
        actor=vendor.owner,
        fields=_fields(status=ProductStatus.DRAFT),
        variants=_variants(),
    )
    assert draft.status == ProductStatus.DRAFT


def test_the_model_also_refuses_publishing_for_an_unapproved_shop():
    product = ProductFactory(vendor=VendorFactory(status=VendorStatus.PENDING))
    with pytest.raises(ValidationError):
        product.full_clean()
    # ... and the storefront filters it out even though it was written as published.
    assert not Product.objects.visible().filter(pk=product.pk).exists()


def test_a_rejected_photo_leaves_the_product_unchanged():
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor, name="Nama lama")
    variant = ProductVariantFactory(product=product, stock=5)
    with pytest.raises(ValidationError) as error:
        services.product_save(
            vendor=vendor,
            actor=vendor.owner,
            product=product,
            fields=_fields(name="Nama baru"),
            variants=[
                VariantInput(id=variant.pk, sku=variant.sku, price=1000, stock=99)
            ],
            photos=[png_upload(), fake_upload()],
        )
    assert "photos" in error.value.message_dict
    product.refresh_from_db()
    variant.refresh_from_db()
    assert product.name == "Nama lama"
    assert variant.stock == 5
    assert product.images.count() == 0


def test_a_clashing_sku_rolls_everything_back():
    vendor = VendorFactory()
    ProductVariantFactory(sku="TAKEN-1")
    with pytest.raises(ValidationError):
        services.product_save(
            vendor=vendor,
            actor=vendor.owner,
            fields=_fields(),
            variants=[VariantInput(sku="taken-1", price=1000)],
        )
    assert not Product.objects.filter(vendor=vendor).exists()


def test_publishing_needs_a_variant_on_sale():
    vendor = VendorFactory()
    with pytest.raises(ValidationError):
        services.product_save(
            vendor=vendor,
            actor=vendor.owner,
            fields=_fields(),
            variants=[VariantInput(sku="X-1", price=1000, is_active=False)],
        )


def test_a_vendor_cannot_edit_another_vendors_product_or_variant():
    mine, theirs = VendorFactory(), VendorFactory()
    their_product = ProductFactory(vendor=theirs)
    their_variant = ProductVariantFactory(product=their_product)
    with pytest.raises(PermissionDenied):
        services.product_save(
            vendor=mine,
            actor=mine.owner,
            product=their_product,
            fields=_fields(),
            variants=_variants(),
        )
    with pytest.raises(PermissionDenied):
        services.product_save(
            vendor=theirs, actor=mine.owner, fields=_fields(), variants=_variants()
        )
    my_product = ProductFactory(vendor=mine)
    with pytest.raises(ValidationError):
        services.product_save(
            vendor=mine,
            actor=mine.owner,
            product=my_product,
            fields=_fields(),
            variants=[VariantInput(id=their_variant.pk, sku="STEAL", price=1)],
        )
    their_variant.refresh_from_db()
    assert their_variant.sku != "STEAL"


def test_staff_editing_for_a_vendor_leave_an_audit_entry():
    vendor = VendorFactory()
    office = office_user()
    product = services.product_save(
        vendor=vendor, actor=office, fields=_fields(), variants=_variants()
    )
    entry = ModelLogEntry.objects.get(
        action="wagtail.create", object_id=str(product.pk)
    )
    assert entry.user_id == office.pk and entry.data["on_behalf_of_vendor"] == vendor.pk


def test_archive_takes_the_product_off_the_storefront():
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor)
    ProductVariantFactory(product=product)
    services.product_archive(product=product, actor=vendor.owner)
    assert not Product.objects.visible().filter(pk=product.pk).exists()
    with pytest.raises(PermissionDenied):
        services.product_archive(product=product, actor=UserFactory())


def test_office_hides_a_product_with_a_reason():
    office = office_user()
    product = ProductFactory()
    ProductVariantFactory(product=product)
    with pytest.raises(ValidationError):
        services.product_hide(product=product, actor=office, reason="")
    with pytest.raises(PermissionDenied):
        services.product_hide(product=product, actor=product.vendor.owner, reason="x")
    services.product_hide(
        product=product, actor=office, reason="Foto milik orang lain."
    )
    product.refresh_from_db()
    assert product.is_hidden and product.hidden_reason == "Foto milik orang lain."
    assert not Product.objects.visible().filter(pk=product.pk).exists()
    services.product_unhide(product=product, actor=office)
    assert Product.objects.visible().filter(pk=product.pk).exists()


def test_bulk_stock_update_changes_only_the_vendors_own_variants():
    vendor, other = VendorFactory(), VendorFactory()
    mine = ProductVariantFactory(product=ProductFactory(vendor=vendor), stock=1)
    mine2 = ProductVariantFactory(product=ProductFactory(vendor=vendor), stock=2)
    theirs = ProductVariantFactory(product=ProductFactory(vendor=other), stock=3)
    assert (
        services.variant_stock_bulk_update(
            vendor=vendor, actor=vendor.owner, stocks={mine.pk: 10, mine2.pk: 2}
        )
        == 1
    )
    mine.refresh_from_db()
    assert mine.stock == 10
    with pytest.raises(ValidationError):
        services.variant_stock_bulk_update(
            vendor=vendor, actor=vendor.owner, stocks={mine.pk: 7, theirs.pk: 0}
        )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.stock, theirs.stock) == (10, 3)
    with pytest.raises(ValidationError):
        services.variant_stock_bulk_update(
            vendor=vendor, actor=vendor.owner, stocks={mine.pk: -1}
        )
