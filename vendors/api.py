"""JSON API (django-ninja), mounted at /api/v1/vendors/.

Public: the approved shops and their visible products. ``/me/...``: the signed-in
vendor's own shop and product management, ``auth=session_auth`` (anonymous → 401; its
writes need the CSRF header, checked by that auth → 403); every object is looked up
through the same ``*_for_vendor`` selectors as the dashboard, so another vendor's id,
or an account without a shop, is a 404. Errors are ``core.api.ErrorOut``; lists are
``{"items", "count"}`` pages.
"""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from core.api import (
    PAGE_LIMIT_MAX,
    ApiError,
    BoundedLimitOffset,
    errors,
    session_auth,
)
from marketplace.limits import (
    DESCRIPTION_MAX_LENGTH,
    ID_MAX,
    INT_MAX,
    NOTE_MAX_LENGTH,
    TAGS_MAX,
    VARIANTS_MAX,
    Id,
    InputSchema,
    NotBool,
    Slug,
    Tag,
)
from marketplace.models import Category, ProductStatus
from vendors import selectors, services
from vendors.services.catalogue import MAX_STOCK, VariantInput

router = Router(tags=["vendors"])


# --- schemas --------------------------------------------------------------------------


class VendorOut(Schema):
    slug: str
    name: str
    owner_name: str
    category: str
    region: str
    craft_village: str
    story: str
    url: str
    whatsapp_url: str
    on_holiday: bool
    reopens_on: dt.date | None

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("vendors:shop_detail", kwargs={"slug": obj.slug})

    @staticmethod
    def resolve_on_holiday(obj) -> bool:
        return obj.is_on_holiday()

    @staticmethod
    def resolve_reopens_on(obj) -> dt.date | None:
        return obj.reopens_on if obj.is_on_holiday() else None


class ShopVariantOut(Schema):
    sku: str
    label: str
    price: int
    in_stock: bool


class ShopProductOut(Schema):
    slug: str
    name: str
    vendor: str
    category: str
    description: str
    price_from: int | None
    maker_name: str
    village: str
    technique: str
    dye: str
    motif_name: str
    motif_meaning: str
    tags: list[str]
    url: str
    variants: list[ShopVariantOut] = Field(
        [], description="Only in the one-product answer"
    )

    @staticmethod
    def resolve_vendor(obj) -> str:
        return obj.vendor.slug

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.slug

    @staticmethod
    def resolve_price_from(obj) -> int | None:
        return getattr(obj, "price_from", None)

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("marketplace:product_detail", kwargs={"slug": obj.slug})

    @staticmethod
    def resolve_variants(obj) -> list[dict]:
        return []


class ShopProductDetailOut(ShopProductOut):
    @staticmethod
    def resolve_variants(obj) -> list[dict]:
        return [
            {"sku": v.sku, "label": v.label, "price": v.price, "in_stock": v.in_stock}
            for v in obj.variants.all()
            if v.is_active
        ]


class MyVariant(InputSchema):
    id: Id | None = None
    sku: str = Field(..., min_length=1, max_length=64)
    motif: str = Field("", max_length=80)
    size: str = Field("", max_length=40)
    colour: str = Field("", max_length=40)
    label_en: str = Field("", max_length=160, description="English label, under /en/")
    price: int = Field(..., gt=0, le=INT_MAX)
    # On hand (units on the shelf, including those held by unpaid orders). Left as it
    # is when omitted, or when equal to ``stock_loaded`` (the value this client read):
    # sending a product back unchanged never overwrites stock a payment moved.
    stock: int | None = Field(None, ge=0, le=MAX_STOCK)
    stock_loaded: int | None = Field(None, ge=0, le=MAX_STOCK)
    weight_grams: int = Field(250, gt=0, le=INT_MAX)
    is_active: bool = True
    delete: bool = False


class MyVariantOut(MyVariant):
    held: int = Field(0, description="Units held by unpaid orders (read-only)")
    sellable: int = Field(0, description="stock - held (read-only)")


class MyProductIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=140)
    category: str = Field(..., description="category slug", max_length=90)
    description: str = Field("", max_length=DESCRIPTION_MAX_LENGTH)
    status: Literal["draft", "published"] = ProductStatus.DRAFT
    maker_name: str = Field("", max_length=120)
    village: str = Field("", max_length=120)
    technique: str = Field("", max_length=20)
    dye: str = Field("", max_length=20)
    motif_name: str = Field("", max_length=120)
    motif_meaning: str = Field("", max_length=NOTE_MAX_LENGTH)
    # Optional English texts shown under /en/ (blank: the Indonesian, marked as such).
    name_en: str = Field("", max_length=140)
    description_en: str = Field("", max_length=DESCRIPTION_MAX_LENGTH)
    motif_meaning_en: str = Field("", max_length=NOTE_MAX_LENGTH)
    tags: list[Tag] = Field([], max_length=TAGS_MAX)
    variants: list[MyVariant] = Field(..., max_length=VARIANTS_MAX)


class MyProductOut(Schema):
    id: int
    slug: str
    name: str
    category: str
    description: str
    status: str
    is_hidden: bool
    hidden_reason: str
    maker_name: str
    village: str
    technique: str
    dye: str
    motif_name: str
    motif_meaning: str
    name_en: str
    description_en: str
    motif_meaning_en: str
    tags: list[str]
    variants: list[MyVariantOut]

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.slug

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return sorted(tag.name for tag in obj.tags.all())

    @staticmethod
    def resolve_variants(obj) -> list[dict]:
        return [_my_variant_out(variant) for variant in obj.variants.all()]


class MyShopOut(Schema):
    slug: str
    name: str
    status: str
    status_reason: str
    payout_status: str
    on_holiday: bool


# Variant ids as JSON object keys (strings): digits only, so the schema says which
# keys are accepted; turned into ints before the service sees them.
VariantId = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,8}$")]
# Field first: after a validator pydantic writes its bounds as raw "ge"/"le" keys.
StockValue = Annotated[int, Field(ge=0, le=MAX_STOCK), NotBool]


class StockIn(InputSchema):
    """New on-hand counts by variant id; ``loaded`` (optional) the counts this client
    read, so entries it did not change are skipped."""

    stocks: dict[VariantId, StockValue] = Field(..., max_length=1000)
    loaded: dict[VariantId, StockValue] = Field(default_factory=dict, max_length=1000)


class StockOut(Schema):
    changed: int


class VendorPage(BoundedLimitOffset):
    """Shops and a shop's products come 50 to a page unless asked otherwise."""

    class Input(BoundedLimitOffset.Input):
        limit: int = Field(50, ge=1, le=PAGE_LIMIT_MAX)


# --- helpers --------------------------------------------------------------------------


def _my_variant_out(variant) -> dict:
    return {
        "id": variant.pk,
        "sku": variant.sku,
        "motif": variant.motif,
        "size": variant.size,
        "colour": variant.colour,
        "label_en": variant.label_en,
        "price": variant.price,
        "stock": variant.stock,
        "stock_loaded": variant.stock,
        "held": variant.held,
        "sellable": variant.sellable,
        "weight_grams": variant.weight_grams,
        "is_active": variant.is_active,
    }


def _invalid(error: ValidationError) -> ApiError:
    """A service's ValidationError as a 400 naming each field (``__all__`` for the
    product as a whole)."""
    if hasattr(error, "error_dict"):
        fields = {
            field: list(messages) for field, messages in error.message_dict.items()
        }
        message = "; ".join(
            message for messages in fields.values() for message in messages
        )
        return ApiError(400, code="invalid", message=message, fields=fields)
    return ApiError(400, code="invalid", message=" ".join(error.messages))


def _my_vendor(request):
    vendor = selectors.vendor_get_for_user(user=request.auth)
    if vendor is None:
        raise ApiError(404, code="no_shop", message=_("This account has no shop."))
    return vendor


def _my_product(vendor, product_id: int):
    product = selectors.product_get_for_vendor(vendor=vendor, product_id=product_id)
    if product is None:
        raise Http404
    return product


# Every /me endpoint: 401 without a session, 404 for an account without a shop (or
# another vendor's product), 422 for a value outside the schema; writes add 403 (CSRF).
MY_READ = errors(401, 404, 422)
MY_WRITE = errors(400, 401, 403, 404, 422)
ProductId = Annotated[int, Path(..., ge=1, le=ID_MAX)]

# --- the signed-in vendor's own shop (before /{slug} so "me" is never read as a slug) -


@router.get(
    "/me",
    response={200: MyShopOut, **errors(401, 404)},
    auth=session_auth,
    summary="My shop",
)
def my_shop(request):
    vendor = _my_vendor(request)
    return {
        "slug": vendor.slug,
        "name": vendor.name,
        "status": vendor.status,
        "status_reason": vendor.status_reason,
        "payout_status": vendor.payout_status,
        "on_holiday": vendor.is_on_holiday(),
    }


@router.get(
    "/me/products",
    response={200: list[MyProductOut], **MY_READ},
    auth=session_auth,
    summary="My products",
)
@paginate(VendorPage)
def my_products(request):
    vendor = _my_vendor(request)
    return selectors.product_list_for_vendor(vendor=vendor).prefetch_related(
        "tags", "variants"
    )


@router.get(
    "/me/products/{product_id}",
    response={200: MyProductOut, **MY_READ},
    auth=session_auth,
)
def my_product(request, product_id: ProductId):
    return _my_product(_my_vendor(request), product_id)


def _save(request, payload: MyProductIn, product=None):
    vendor = _my_vendor(request)
    category = Category.objects.filter(slug=payload.category).first()
    if category is None:
        message = _("Unknown category.")
        raise ApiError(
            400, code="invalid", message=message, fields={"category": [message]}
        )
    fields = payload.dict(exclude={"tags", "variants"})
    fields["category"] = category
    variants = [VariantInput(**variant.dict()) for variant in payload.variants]
    try:
        saved = services.product_save(
            vendor=vendor,
            actor=request.auth,
            product=product,
            fields=fields,
            tags=payload.tags,
            variants=variants,
        )
    except ValidationError as error:
        raise _invalid(error) from error
    except PermissionDenied:
        raise Http404 from None
    saved = selectors.product_get_for_vendor(vendor=vendor, product_id=saved.pk)
    return Status(201 if product is None else 200, saved)


@router.post(
    "/me/products",
    response={201: MyProductOut, **MY_WRITE},
    auth=session_auth,
    summary="Add a product",
)
def my_product_create(request, payload: MyProductIn):
    return _save(request, payload)


@router.put(
    "/me/products/{product_id}",
    response={200: MyProductOut, **MY_WRITE},
    auth=session_auth,
)
def my_product_update(request, payload: MyProductIn, product_id: ProductId):
    product = _my_product(_my_vendor(request), product_id)
    return _save(request, payload, product=product)


@router.post(
    "/me/products/{product_id}/archive",
    response={200: MyProductOut, **MY_WRITE},
    auth=session_auth,
)
def my_product_archive(request, product_id: ProductId):
    vendor = _my_vendor(request)
    product = _my_product(vendor, product_id)
    services.product_archive(product=product, actor=request.auth)
    return _my_product(vendor, product_id)


@router.post(
    "/me/stock",
    response={200: StockOut, **MY_WRITE},
    auth=session_auth,
    summary="Bulk stock update",
)
def my_stock(request, payload: StockIn):
    vendor = _my_vendor(request)
    try:
        changed = services.variant_stock_bulk_update(
            vendor=vendor,
            actor=request.auth,
            stocks={int(key): value for key, value in payload.stocks.items()},
            loaded={int(key): value for key, value in payload.loaded.items()},
        )
    except ValidationError as error:
        # Another vendor's variant id is reported like a missing one: nothing leaks.
        raise _invalid(error) from error
    return {"changed": changed}


# --- public reads ---------------------------------------------------------------------


@router.get(
    "/", response={200: list[VendorOut], **errors(422)}, summary="Approved shops"
)
@paginate(VendorPage)
def vendor_list(request):
    return selectors.vendor_list_public().order_by("name")


@router.get(
    "/{slug}", response={200: VendorOut, **errors(404, 422)}, summary="One shop"
)
def vendor_detail(request, slug: Slug):
    vendor = selectors.vendor_get_public(slug=slug)
    if vendor is None:
        raise Http404
    return vendor


@router.get(
    "/{slug}/products",
    response={200: list[ShopProductOut], **errors(404, 422)},
    summary="A shop's products",
)
@paginate(VendorPage)
def vendor_products(request, slug: Slug):
    vendor = selectors.vendor_get_public(slug=slug)
    if vendor is None:
        raise Http404
    return selectors.product_list_public_for_vendor(vendor=vendor).prefetch_related(
        "tags"
    )


@router.get(
    "/{slug}/products/{product_slug}",
    response={200: ShopProductDetailOut, **errors(404, 422)},
    summary="One product",
)
def vendor_product(request, slug: Slug, product_slug: Slug):
    vendor = selectors.vendor_get_public(slug=slug)
    product = None
    if vendor is not None:
        product = (
            selectors.product_list_public_for_vendor(vendor=vendor)
            .prefetch_related("tags", "variants")
            .filter(slug=product_slug)
            .first()
        )
    if product is None:
        raise Http404
    return product
