"""The products a vendor manages: create and edit (with variants and photos), archive,
stock; and the office's moderation of a product (hide with a reason).

The marketplace owns the product rows and writes them (``marketplace.services.
catalogue``); this module adds what only the vendors app knows: who may act for the
shop, whether the shop may publish, turning uploads into safe images, and the shop's
audit trail.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from marketplace.models import Product
from marketplace.services import catalogue as marketplace_catalogue
from marketplace.services.catalogue import (
    KEEP,
    MAX_STOCK,
    PRODUCT_FIELDS,
    VariantInput,
    product_hide,
    product_unhide,
    tags_clean,
)
from vendors.models import Vendor
from vendors.photos import photo_ingest, photo_validate
from vendors.services.common import audit, require_actor

__all__ = [
    "KEEP",
    "MAX_STOCK",
    "PRODUCT_FIELDS",
    "VariantInput",
    "product_archive",
    "product_hide",
    "product_save",
    "product_unhide",
    "tags_clean",
    "variant_stock_bulk_update",
]


def product_save(
    *,
    vendor: Vendor,
    actor,
    fields: dict,
    variants: list[VariantInput],
    product: Product | None = None,
    tags: list[str] | None = None,
    photos: list | None = None,
    remove_photo_ids: list[int] | None = None,
) -> Product:
    """Create or update one of the vendor's products with its variants and photos.

    Photos are verified before anything is written, and everything happens in one
    transaction, so a rejected upload or a clashing SKU leaves the product as it was.
    """
    require_actor(actor=actor, vendor=vendor, staff_perm="marketplace.change_product")
    if product is not None and product.vendor_id != vendor.pk:
        raise PermissionDenied
    photos = list(photos or [])
    errors = []
    for upload in photos:
        try:
            photo_validate(upload)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"photos": errors})

    with transaction.atomic():
        # NO KEY locks (here and on the variants): they serialise the vendor's own
        # saves but let checkouts and payments insert rows that point at the vendor
        # or variant (sub-orders, order lines, ledger entries take KEY SHARE), so a
        # payment holding a variant never waits on a vendor this save holds.
        vendor = Vendor.objects.select_for_update(no_key=True).get(pk=vendor.pk)
        title = fields.get("name") or (product.name if product else "")
        images = [
            photo_ingest(upload=upload, title=title, user=actor) for upload in photos
        ]
        saved = marketplace_catalogue.product_write(
            vendor_id=vendor.pk,
            may_publish=vendor.can_publish,
            fields=fields,
            variants=variants,
            product_id=product.pk if product is not None else None,
            tags=tags,
            images=images,
            remove_image_ids=remove_photo_ids,
        )
        audit(
            instance=saved,
            action="wagtail.create" if product is None else "wagtail.edit",
            actor=actor,
            vendor=vendor,
        )
    return saved


def product_archive(*, product: Product, actor) -> Product:
    """Off the storefront for good (kept for orders and history)."""
    require_actor(
        actor=actor, vendor=product.vendor, staff_perm="marketplace.change_product"
    )
    with transaction.atomic():
        archived = marketplace_catalogue.product_set_archived(product_id=product.pk)
        audit(
            instance=archived,
            action="banua.product.archive",
            actor=actor,
            vendor=archived.vendor,
        )
    return archived


def variant_stock_bulk_update(
    *,
    vendor: Vendor,
    actor,
    stocks: dict[int, int],
    loaded: dict[int, int] | None = None,
) -> int:
    """Set the on-hand stock of several of the vendor's variants at once; returns how
    many changed (the rules: ``marketplace.services.catalogue.variants_set_on_hand``).
    """
    require_actor(actor=actor, vendor=vendor, staff_perm="marketplace.change_product")
    with transaction.atomic():
        changed = marketplace_catalogue.variants_set_on_hand(
            vendor_id=vendor.pk, stocks=stocks, loaded=loaded
        )
        if changed:
            audit(
                instance=vendor,
                action="banua.vendor.stock",
                actor=actor,
                vendor=vendor,
                data={"variants": {str(pk): stocks[pk] for pk in sorted(stocks)}},
            )
    return changed
