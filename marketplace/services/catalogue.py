"""Writes to the catalogue the marketplace owns: a product with its variants, tags and
photos; archiving; the office hiding a listing; on-hand stock.

Other apps (the vendor dashboard and API, the admin) call these after their own checks
(who may act for the shop, whether the shop may publish); the rules of the rows
themselves (slugs, unique SKUs, stock bounds, "a published product has a variant on
sale") live here, once. Stock numbers move only through ``marketplace.services.stock``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.text import sanitise_text
from marketplace.limits import NOTE_MAX_LENGTH, TAG_MAX_LENGTH, TAGS_MAX
from marketplace.models import Product, ProductImage, ProductStatus, ProductVariant
from marketplace.services.stock import variant_set_on_hand
from marketplace.signals import stock_changed

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

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
    # Optional English texts, shown under /en/ (marketplace.bilingual).
    "name_en",
    "description_en",
    "motif_meaning_en",
)
_TEXT_FIELDS = {
    "name_en",
    "description_en",
    "motif_meaning_en",
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
    label_en: str = ""
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


def stock_check(value: int | None) -> int:
    """The on-hand count as stored, or a ValidationError (negative or absurd)."""
    if value is None or value < 0:
        raise ValidationError(_("Stock cannot be negative."))
    if value > MAX_STOCK:
        raise ValidationError(
            _("Stock cannot be more than %(max)s.") % {"max": f"{MAX_STOCK:,}"}
        )
    return value


def _unique_product_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:140] or "produk"
    slug, number = base, 2
    while Product.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def product_write(
    *,
    vendor_id: int,
    may_publish: bool,
    fields: dict,
    variants: list[VariantInput],
    product_id: int | None = None,
    tags: list[str] | None = None,
    images: list[AbstractImage] | None = None,
    remove_image_ids: list[int] | None = None,
) -> Product:
    """Create (``product_id`` None) or update one of the shop's products with its
    variants, tags and photos, in one transaction.

    ``may_publish`` is the shop's standing, decided by its owner app; ``images`` are
    Wagtail images already made from verified uploads. A clashing SKU, a stock below
    what unpaid orders hold or a published product with nothing on sale rolls the
    whole write back.
    """
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValueError(f"not product fields: {sorted(unknown)}")
    if tags is not None:
        tags = tags_clean(tags)
    with transaction.atomic():
        if product_id is None:
            product = Product(vendor_id=vendor_id)
        else:
            product = Product.objects.select_for_update().get(
                pk=product_id, vendor_id=vendor_id
            )
        for name, value in fields.items():
            if name in _TEXT_FIELDS:
                value = sanitise_text(value)
            setattr(product, name, value)
        if product.status == ProductStatus.PUBLISHED and not may_publish:
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
        _save_images(product, images or [], remove_image_ids or [])
        if (
            product.status == ProductStatus.PUBLISHED
            and not product.variants.filter(is_active=True).exists()
        ):
            raise ValidationError(
                {"status": _("Add at least one variant on sale before publishing.")}
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
            variant.stock = stock_check(row.stock or 0)
        variant.motif = sanitise_text(row.motif)
        variant.size = sanitise_text(row.size)
        variant.colour = sanitise_text(row.colour)
        variant.label_en = sanitise_text(row.label_en)
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
            _set_on_hand(variant, stock_check(row.stock))


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


def _save_images(product: Product, images: list, remove_ids: list[int]) -> None:
    if remove_ids:
        product.images.filter(pk__in=remove_ids).delete()
    start = (
        product.images.order_by("-sort_order")
        .values_list("sort_order", flat=True)
        .first()
        or 0
    ) + 1
    for index, image in enumerate(images):
        ProductImage.objects.create(
            product=product,
            image=image,
            alt_text=product.name[:200],
            sort_order=start + index,
        )


def product_set_archived(*, product_id: int) -> Product:
    """Off the storefront for good (kept for orders and history)."""
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product_id)
        locked.status = ProductStatus.ARCHIVED
        locked.save(update_fields=["status", "updated_at"])
    return locked


def variants_set_on_hand(
    *, vendor_id: int, stocks: dict[int, int], loaded: dict[int, int] | None = None
) -> int:
    """Set the on-hand stock of several of the shop's variants at once; returns how
    many changed.

    ``loaded`` maps a variant id to the on-hand value the page or client showed; an
    entry whose new value equals it was not changed by the vendor and is skipped, so
    a stale page never overwrites units a payment took meanwhile. Any id that is not
    the shop's, or a value below what unpaid orders hold, fails the whole update
    (nothing is half-applied).
    """
    for value in stocks.values():
        stock_check(value)
    loaded = loaded or {}
    with transaction.atomic():
        # Locked in id order, as every stock writer does, so none can deadlock.
        variants = list(
            ProductVariant.objects.select_for_update(no_key=True)
            .filter(pk__in=stocks, product__vendor_id=vendor_id)
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
    return changed


# --- the office's moderation ----------------------------------------------------------


def _require_moderator(actor) -> None:
    if (
        actor is None
        or not actor.is_authenticated
        or not actor.has_perm("marketplace.change_product")
    ):
        raise PermissionDenied


def _log(*, product: Product, action: str, actor, data: dict | None = None) -> None:
    """Staff acting on a shop's product are marked so the shop's history shows it."""
    payload = dict(data or {})
    if actor.pk != product.vendor.owner_id:
        payload["on_behalf_of_vendor"] = product.vendor_id
    log(instance=product, action=action, user=actor, data=payload)


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
        _log(
            product=locked,
            action="banua.product.hide",
            actor=actor,
            data={"reason": reason},
        )
    return locked


def product_unhide(*, product: Product, actor) -> Product:
    """The office shows a hidden listing again and clears the reason."""
    _require_moderator(actor)
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        locked.is_hidden = False
        locked.hidden_reason = ""
        locked.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
        _log(product=locked, action="banua.product.unhide", actor=actor)
    return locked
