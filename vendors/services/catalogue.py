"""The products a vendor manages: create and edit (with variants and photos), archive,
stock; and the office's moderation of a product (hide with a reason)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.limits import NOTE_MAX_LENGTH, TAG_MAX_LENGTH, TAGS_MAX
from marketplace.models import Product, ProductImage, ProductStatus, ProductVariant
from marketplace.services.stock import variant_set_on_hand
from marketplace.signals import stock_changed
from vendors.models import Vendor
from vendors.photos import photo_ingest, photo_validate
from vendors.services.common import audit, require_actor
from vendors.text import sanitise_text

# Far above any shelf, far below the database's integer range: a typo or a crafted
# number is a form error, never an overflow.
MAX_STOCK = 1_000_000

# The product fields a vendor may set, in the order the dashboard form shows them.
PRODUCT_FIELDS = (
    "name",
    "category",
    "description",
    "status",
    "maker_name",
    "village",
    "technique",
    "dye",
    "motif_name",
    "motif_meaning",
)
_TEXT_FIELDS = {
    "description",
    "motif_meaning",
    "maker_name",
    "village",
    "motif_name",
    "name",
}


# ``VariantInput.low_stock_threshold`` meaning "leave the stored value alone".
KEEP = object()


@dataclass
class VariantInput:
    """One row of the variants formset / API payload; id None for a new variant.

    ``stock`` is the on-hand count the vendor wants, None to leave it. ``stock_loaded``
    is the on-hand value the form or API client showed; when given and equal to
    ``stock`` the vendor did not change it and nothing is written, so a save made
    with a stale page never overwrites stock that payments moved meanwhile.
    """

    sku: str
    price: int
    stock: int | None = 0
    stock_loaded: int | None = None
    motif: str = ""
    size: str = ""
    colour: str = ""
    weight_grams: int = 250
    is_active: bool = True
    id: int | None = None
    delete: bool = False
    # The variant's own low-stock threshold (None: the shop's); the default ``KEEP``
    # leaves the stored value alone, for callers that do not show it (the API).
    low_stock_threshold: int | None | object = KEEP


def tags_clean(tags: list[str]) -> list[str]:
    """The tags as stored (trimmed, lower case, no blanks), or a ValidationError.

    taggit's name column is a varchar(100): PostgreSQL refuses a longer tag with an
    error, SQLite would store it. Checked here so the dashboard form, the API and any
    other caller get the same message on both databases.
    """
    cleaned = list(dict.fromkeys(tag.strip().lower() for tag in tags if tag.strip()))
    errors = []
    if any(len(tag) > TAG_MAX_LENGTH for tag in cleaned):
        errors.append(
            _("A tag can be at most %(max)d characters long.") % {"max": TAG_MAX_LENGTH}
        )
    if len(cleaned) > TAGS_MAX:
        errors.append(_("Use at most %(max)d tags.") % {"max": TAGS_MAX})
    if errors:
        raise ValidationError({"tags": errors})
    return cleaned


def _unique_product_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:140] or "produk"
    slug, number = base, 2
    while Product.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


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
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValueError(f"not product fields: {sorted(unknown)}")
    if tags is not None:
        tags = tags_clean(tags)
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
        is_new = product is None
        if is_new:
            product = Product(vendor=vendor)
        else:
            product = Product.objects.select_for_update().get(
                pk=product.pk, vendor=vendor
            )
        for name, value in fields.items():
            if name in _TEXT_FIELDS:
                value = sanitise_text(value)
            setattr(product, name, value)
        if product.status == ProductStatus.PUBLISHED and not vendor.can_publish:
            raise ValidationError(
                {
                    "status": _(
                        "Only shops approved by the tourism office can publish "
                        "products."
                    )
                }
            )
        if not product.slug:
            product.slug = _unique_product_slug(product.name)
        if product.status == ProductStatus.PUBLISHED and product.published_at is None:
            product.published_at = timezone.now()
        product.full_clean()
        product.save()
        if tags is not None:
            product.tags.set(tags)
        _save_variants(product, variants)
        _save_photos(product, photos, remove_photo_ids or [], actor)
        if (
            product.status == ProductStatus.PUBLISHED
            and not product.variants.filter(is_active=True).exists()
        ):
            raise ValidationError(
                {"status": _("Add at least one variant on sale before publishing.")}
            )
        audit(
            instance=product,
            action="wagtail.create" if is_new else "wagtail.edit",
            actor=actor,
            vendor=vendor,
        )
    return product


def _save_variants(product: Product, variants: list[VariantInput]) -> None:
    existing = {
        variant.pk: variant
        for variant in product.variants.select_for_update(no_key=True).order_by("pk")
    }
    seen_skus = set()
    # Deletions first so a SKU freed by a deleted row can be reused by a new one.
    for row in variants:
        if row.id is not None and row.id not in existing:
            raise ValidationError(_("That variant does not belong to this product."))
        if row.delete and row.id is not None:
            variant = existing.pop(row.id)
            try:
                with transaction.atomic():
                    variant.delete()
            except ProtectedError:
                # Already ordered: keep the row for the order history, take it off sale.
                variant.is_active = False
                variant.save(update_fields=["is_active"])
    for order, row in enumerate(row for row in variants if not row.delete):
        sku = row.sku.strip().upper()
        if sku in seen_skus:
            raise ValidationError(_("The SKU %(sku)s is used twice.") % {"sku": sku})
        seen_skus.add(sku)
        if ProductVariant.objects.filter(sku=sku).exclude(pk=row.id).exists():
            raise ValidationError(
                _("The SKU %(sku)s is already in use.") % {"sku": sku}
            )
        variant = (
            existing.get(row.id)
            if row.id is not None
            else ProductVariant(product=product)
        )
        variant.sku = sku
        variant.price = row.price
        is_new = variant.pk is None
        if is_new:
            variant.stock = _checked_stock(row.stock or 0)
        variant.motif = sanitise_text(row.motif)
        variant.size = sanitise_text(row.size)
        variant.colour = sanitise_text(row.colour)
        variant.weight_grams = row.weight_grams
        variant.is_active = row.is_active
        if row.low_stock_threshold is not KEEP:
            variant.low_stock_threshold = row.low_stock_threshold
        variant.sort_order = order
        variant.full_clean(validate_unique=False)
        if is_new:
            variant.save()
            continue
        # On-hand and held are never written from this (possibly stale) instance:
        # held moves with checkouts, on-hand only when the vendor changed it.
        variant.save(
            update_fields=[
                f.name
                for f in ProductVariant._meta.concrete_fields
                # The low-stock claim is the alert service's column: a save here
                # never clears a claim made meanwhile (which would mail twice).
                if f.name
                not in {"id", "product", "stock", "held", "low_stock_alerted_at"}
            ]
        )
        if row.stock is not None and row.stock != row.stock_loaded:
            _set_on_hand(variant, _checked_stock(row.stock))


def _checked_stock(value) -> int:
    if value is None or value < 0:
        raise ValidationError(_("Stock cannot be negative."))
    if value > MAX_STOCK:
        raise ValidationError(
            _("Stock cannot be more than %(max)s.") % {"max": f"{MAX_STOCK:,}"}
        )
    return value


def _set_on_hand(variant: ProductVariant, stock: int) -> bool:
    """Writes the vendor's on-hand count (the caller holds the variant's row lock);
    returns whether it changed. Refused below what unpaid orders hold."""
    current = ProductVariant.objects.values("stock", "held").get(pk=variant.pk)
    if current["stock"] == stock:
        return False
    if not variant_set_on_hand(variant_id=variant.pk, stock=stock):
        raise ValidationError(
            _(
                "%(variant)s: %(held)d units are held by unpaid orders; stock on "
                "hand cannot be lower than that."
            )
            % {"variant": variant.sku, "held": current["held"]}
        )
    variant.stock = stock
    stock_changed.send(sender=ProductVariant, variant_ids=[variant.pk])
    return True


def _save_photos(product: Product, photos: list, remove_ids: list[int], actor) -> None:
    if remove_ids:
        product.images.filter(pk__in=remove_ids).delete()
    start = (
        product.images.order_by("-sort_order")
        .values_list("sort_order", flat=True)
        .first()
        or 0
    ) + 1
    for index, upload in enumerate(photos):
        image = photo_ingest(upload=upload, title=product.name, user=actor)
        ProductImage.objects.create(
            product=product,
            image=image,
            alt_text=product.name[:200],
            sort_order=start + index,
        )


def product_archive(*, product: Product, actor) -> Product:
    """Off the storefront for good (kept for orders and history)."""
    require_actor(
        actor=actor, vendor=product.vendor, staff_perm="marketplace.change_product"
    )
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        locked.status = ProductStatus.ARCHIVED
        locked.save(update_fields=["status", "updated_at"])
        audit(
            instance=locked,
            action="banua.product.archive",
            actor=actor,
            vendor=locked.vendor,
        )
    return locked


def _require_moderator(actor) -> None:
    if (
        actor is None
        or not actor.is_authenticated
        or not actor.has_perm("marketplace.change_product")
    ):
        raise PermissionDenied


def product_hide(*, product: Product, actor, reason: str) -> Product:
    """The office hides a listing; the vendor sees the reason in the dashboard."""
    _require_moderator(actor)
    reason = sanitise_text(reason)
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason; the vendor will read it.")}
        )
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("The reason can be at most %(max)d characters long.")
                % {"max": NOTE_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        locked.is_hidden = True
        locked.hidden_reason = reason
        locked.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
        audit(
            instance=locked,
            action="banua.product.hide",
            actor=actor,
            vendor=locked.vendor,
            data={"reason": reason},
        )
    return locked


def product_unhide(*, product: Product, actor) -> Product:
    _require_moderator(actor)
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        locked.is_hidden = False
        locked.hidden_reason = ""
        locked.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
        audit(
            instance=locked,
            action="banua.product.unhide",
            actor=actor,
            vendor=locked.vendor,
        )
    return locked


def variant_stock_bulk_update(
    *,
    vendor: Vendor,
    actor,
    stocks: dict[int, int],
    loaded: dict[int, int] | None = None,
) -> int:
    """Set the on-hand stock of several of the vendor's variants at once; returns how
    many changed.

    ``loaded`` maps a variant id to the on-hand value the page or client showed; an
    entry whose new value equals it was not changed by the vendor and is skipped, so
    a stale page never overwrites units a payment took meanwhile. Any id that is not
    the vendor's, or a value below what unpaid orders hold, fails the whole update
    (nothing is half-applied).
    """
    require_actor(actor=actor, vendor=vendor, staff_perm="marketplace.change_product")
    for value in stocks.values():
        _checked_stock(value)
    loaded = loaded or {}
    with transaction.atomic():
        # Locked in id order, the same order every stock writer uses, to avoid
        # deadlocks.
        variants = list(
            ProductVariant.objects.select_for_update(no_key=True)
            .filter(pk__in=stocks, product__vendor=vendor)
            .order_by("pk")
        )
        if len(variants) != len(stocks):
            raise ValidationError(_("Some of these variants are not in your shop."))
        changed = 0
        for variant in variants:
            new_stock = stocks[variant.pk]
            if new_stock == loaded.get(variant.pk):
                continue
            if _set_on_hand(variant, new_stock):
                changed += 1
        if changed:
            audit(
                instance=vendor,
                action="banua.vendor.stock",
                actor=actor,
                vendor=vendor,
                data={"variants": {str(pk): stocks[pk] for pk in sorted(stocks)}},
            )
    return changed
