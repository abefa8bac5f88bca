"""JSON API (django-ninja), mounted at /api/v1/vendors/.

Public: the approved shops and their visible products. ``/me/...``: the signed-in
vendor's own shop and product management, session-authenticated with CSRF (anonymous →
401); every object is looked up through the same ``*_for_vendor`` selectors as the
dashboard, so another vendor's id is a 404.
"""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.security import django_auth

from marketplace.limits import (
    DESCRIPTION_MAX_LENGTH,
    ID_MAX,
    INT_MAX,
    LIMIT_MAX,
    NOTE_MAX_LENGTH,
    TAGS_MAX,
    VARIANTS_MAX,
    Id,
    InputSchema,
    PageIn,
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


class VariantOut(Schema):
    sku: str
    label: str
    price: int
    in_stock: bool


class ProductOut(Schema):
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
    variants: list[VariantOut] = []


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


class MyShopOut(Schema):
    slug: str
    name: str
    status: str
    status_reason: str
    payout_status: str
    on_holiday: bool


VariantId = Annotated[int, Field(gt=0, le=2**31 - 1)]
StockValue = Annotated[int, Field(ge=0, le=MAX_STOCK)]


class StockIn(Schema):
    """New on-hand counts by variant id; ``loaded`` (optional) the counts this client
    read, so entries it did not change are skipped."""

    stocks: dict[VariantId, StockValue] = Field(..., max_length=1000)
    loaded: dict[VariantId, StockValue] = Field(default_factory=dict, max_length=1000)


class StockOut(Schema):
    changed: int


class VendorPageIn(PageIn):
    limit: int = Field(50, ge=1, le=LIMIT_MAX)


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


# --- helpers --------------------------------------------------------------------------


def _vendor_out(vendor) -> dict:
    return {
        "slug": vendor.slug,
        "name": vendor.name,
        "owner_name": vendor.owner_name,
        "category": vendor.category,
        "region": vendor.region,
        "craft_village": vendor.craft_village,
        "story": vendor.story,
        "url": reverse("vendors:shop_detail", kwargs={"slug": vendor.slug}),
        "whatsapp_url": vendor.whatsapp_url,
        "on_holiday": vendor.is_on_holiday(),
        "reopens_on": vendor.reopens_on if vendor.is_on_holiday() else None,
    }


def _product_out(product, *, with_variants: bool = False) -> dict:
    data = {
        "slug": product.slug,
        "name": product.name,
        "vendor": product.vendor.slug,
        "category": product.category.slug,
        "description": product.description,
        "price_from": getattr(product, "price_from", None),
        "maker_name": product.maker_name,
        "village": product.village,
        "technique": product.technique,
        "dye": product.dye,
        "motif_name": product.motif_name,
        "motif_meaning": product.motif_meaning,
        "tags": [tag.name for tag in product.tags.all()],
        "url": reverse("marketplace:product_detail", kwargs={"slug": product.slug}),
    }
    if with_variants:
        data["variants"] = [
            {"sku": v.sku, "label": v.label, "price": v.price, "in_stock": v.in_stock}
            for v in product.variants.all()
            if v.is_active
        ]
    return data


def _my_product_out(product) -> dict:
    data = {
        field: getattr(product, field)
        for field in (
            "id",
            "slug",
            "name",
            "description",
            "status",
            "is_hidden",
            "hidden_reason",
            "maker_name",
            "village",
            "technique",
            "dye",
            "motif_name",
            "motif_meaning",
            "name_en",
            "description_en",
            "motif_meaning_en",
        )
    }
    data["category"] = product.category.slug
    data["tags"] = sorted(tag.name for tag in product.tags.all())
    data["variants"] = [
        {
            "id": v.pk,
            "sku": v.sku,
            "motif": v.motif,
            "size": v.size,
            "colour": v.colour,
            "label_en": v.label_en,
            "price": v.price,
            "stock": v.stock,
            "stock_loaded": v.stock,
            "held": v.held,
            "sellable": v.sellable,
            "weight_grams": v.weight_grams,
            "is_active": v.is_active,
        }
        for v in product.variants.all()
    ]
    return data


def _validation_error(error: ValidationError) -> Status:
    if hasattr(error, "error_dict"):
        errors = {
            field: list(messages) for field, messages in error.message_dict.items()
        }
        detail = "; ".join(
            message for messages in errors.values() for message in messages
        )
        return Status(400, {"detail": detail, "errors": errors})
    return Status(400, {"detail": " ".join(error.messages), "errors": {}})


def _my_vendor(request):
    vendor = selectors.vendor_get_for_user(user=request.auth)
    if vendor is None:
        raise Http404("no shop for this account")
    return vendor


# --- the signed-in vendor's own shop (before /{slug} so "me" is never read as a slug) -


@router.get("/me", response=MyShopOut, auth=django_auth, summary="My shop")
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
    "/me/products", response=list[MyProductOut], auth=django_auth, summary="My products"
)
def my_products(request):
    vendor = _my_vendor(request)
    products = selectors.product_list_for_vendor(vendor=vendor).prefetch_related(
        "tags", "variants"
    )
    return [_my_product_out(product) for product in products]


@router.get("/me/products/{product_id}", response=MyProductOut, auth=django_auth)
def my_product(request, product_id: int = Path(..., ge=1, le=ID_MAX)):
    vendor = _my_vendor(request)
    product = selectors.product_get_for_vendor(vendor=vendor, product_id=product_id)
    if product is None:
        raise Http404
    return _my_product_out(product)


def _save(request, payload: MyProductIn, product=None):
    vendor = _my_vendor(request)
    category = Category.objects.filter(slug=payload.category).first()
    if category is None:
        message = _("Unknown category.")
        return Status(400, {"detail": message, "errors": {"category": [message]}})
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
        return _validation_error(error)
    except PermissionDenied:
        raise Http404 from None
    saved = selectors.product_get_for_vendor(vendor=vendor, product_id=saved.pk)
    return Status(201 if product is None else 200, _my_product_out(saved))


@router.post(
    "/me/products",
    response={201: MyProductOut, 400: Error},
    auth=django_auth,
    summary="Add a product",
)
def my_product_create(request, payload: MyProductIn):
    return _save(request, payload)


@router.put(
    "/me/products/{product_id}",
    response={200: MyProductOut, 400: Error},
    auth=django_auth,
)
def my_product_update(
    request, payload: MyProductIn, product_id: int = Path(..., ge=1, le=ID_MAX)
):
    vendor = _my_vendor(request)
    product = selectors.product_get_for_vendor(vendor=vendor, product_id=product_id)
    if product is None:
        raise Http404
    return _save(request, payload, product=product)


@router.post(
    "/me/products/{product_id}/archive", response=MyProductOut, auth=django_auth
)
def my_product_archive(request, product_id: int = Path(..., ge=1, le=ID_MAX)):
    vendor = _my_vendor(request)
    product = selectors.product_get_for_vendor(vendor=vendor, product_id=product_id)
    if product is None:
        raise Http404
    services.product_archive(product=product, actor=request.auth)
    return _my_product_out(
        selectors.product_get_for_vendor(vendor=vendor, product_id=product_id)
    )


@router.post(
    "/me/stock",
    response={200: StockOut, 400: Error},
    auth=django_auth,
    summary="Bulk stock update",
)
def my_stock(request, payload: StockIn):
    vendor = _my_vendor(request)
    try:
        changed = services.variant_stock_bulk_update(
            vendor=vendor,
            actor=request.auth,
            stocks=payload.stocks,
            loaded=payload.loaded,
        )
    except ValidationError as error:
        # Another vendor's variant id is reported like a missing one: nothing leaks.
        return _validation_error(error)
    return Status(200, {"changed": changed})


# --- public reads ---------------------------------------------------------------------


@router.get("/", response=list[VendorOut], summary="Approved shops")
def vendor_list(request, page: Query[VendorPageIn]):
    vendors = selectors.vendor_list_public().order_by("name")[
        page.offset : page.offset + page.limit
    ]
    return [_vendor_out(vendor) for vendor in vendors]


@router.get("/{slug}", response=VendorOut, summary="One shop")
def vendor_detail(request, slug: Slug):
    vendor = selectors.vendor_get_public(slug=slug)
    if vendor is None:
        raise Http404
    return _vendor_out(vendor)


@router.get("/{slug}/products", response=list[ProductOut], summary="A shop's products")
def vendor_products(request, slug: Slug, page: Query[VendorPageIn]):
    vendor = selectors.vendor_get_public(slug=slug)
    if vendor is None:
        raise Http404
    products = selectors.product_list_public_for_vendor(vendor=vendor).prefetch_related(
        "tags"
    )
    return [
        _product_out(product)
        for product in products[page.offset : page.offset + page.limit]
    ]


@router.get(
    "/{slug}/products/{product_slug}", response=ProductOut, summary="One product"
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
    return _product_out(product, with_variants=True)
