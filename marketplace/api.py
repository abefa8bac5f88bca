"""Marketplace JSON API under /api/v1/marketplace/ (catalogue, cart, checkout, orders).

Authentication: the Django session cookie (guests get a session cart, signed-in buyers
their account's cart and orders). The writes (cart and checkout) carry
``auth=csrf_only``: anyone may use them, guests included, and that auth is where
the CSRF check happens (``X-CSRFToken`` header equal to the ``csrftoken`` cookie, a
403 ``csrf_failed`` otherwise). Errors are ``core.api.ErrorOut``; lists are
``{"items", "count"}`` pages (``core.api.BoundedLimitOffset``).
"""

from typing import Annotated

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from core.api import ApiError, BoundedLimitOffset, ErrorOut, csrf_only, errors
from marketplace import selectors, services
from marketplace.errors import MarketplaceError
from marketplace.limits import ID_MAX, Id, IdKey, InputSchema, Slug
from marketplace.models import Order
from marketplace.views._helpers import remember_order, request_cart, session_orders

router = Router(tags=["marketplace"])

__all__ = ["ErrorOut", "router"]


class VariantOut(Schema):
    id: int
    sku: str
    label: str
    price: int = Field(description="Whole rupiah")
    stock: int = Field(
        description="Units that may be bought now (on hand minus units held by "
        "unpaid orders)"
    )


class ProductOut(Schema):
    slug: str
    name: str
    vendor: str
    vendor_slug: str
    category: str
    price_from: int | None = Field(description="Lowest active variant price, rupiah")
    in_stock: bool

    @staticmethod
    def resolve_vendor(obj) -> str:
        return obj.vendor.name

    @staticmethod
    def resolve_vendor_slug(obj) -> str:
        return obj.vendor.slug

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.slug

    @staticmethod
    def resolve_price_from(obj) -> int | None:
        return getattr(obj, "price_from", None)

    @staticmethod
    def resolve_in_stock(obj) -> bool:
        return bool(getattr(obj, "stock_total", 0))


class ProductDetailOut(ProductOut):
    description: str
    variants: list[VariantOut]

    @staticmethod
    def resolve_variants(obj) -> list[dict]:
        return [_variant_out(variant) for variant in obj.variants.all()]


# The cart's answers leave out a null id (exclude_none): a line has a variant_id or a
# session_id, and a client following ids into /cart/items/{variant_id} or
# /experiences/sessions/{session_id} must not find a null there (the fuzzer's links
# sent it as "None").
class CartLineOut(Schema):
    variant_id: int | None = Field(
        None, description="Absent for a booking of a session"
    )
    session_id: int | None = Field(
        None,
        description="A booking of an experience's session (see /experiences/); "
        "absent for goods",
    )
    product: str
    label: str
    quantity: int
    unit_price: int
    line_total: int
    problem: str


class CartGroupOut(Schema):
    vendor_id: int
    vendor: str
    items_total: int
    lines: list[CartLineOut]
    shipping_options: dict[str, int]


class CartOut(Schema):
    groups: list[CartGroupOut]
    items_total: int
    count: int


# Quantities are bounded here for the schema (and the fuzzer); the cart service keeps
# its own 1..99 rule with a "bad_quantity" message a shopper can read.
class CartItemIn(InputSchema):
    variant_id: Id
    quantity: int = Field(1, ge=1, le=99)


class QuantityIn(InputSchema):
    quantity: int = Field(..., ge=0, le=99, description="0 removes the line")


# The value's own pattern (not an ``additionalProperties`` schema, which let any key
# through in the OpenAPI schema while pydantic refused it: keys are IdKey only).
ShippingMethod = Annotated[
    str, Field(pattern=r"^(flat|per_kg|pickup|window:[1-9][0-9]{0,9})$")
]


class CheckoutIn(InputSchema):
    # Generous caps (the service checks the exact per-field lengths with a message).
    full_name: str = Field(..., max_length=200)
    email: str = Field(..., max_length=254)
    phone: str = Field(..., max_length=40)
    # The postal address is needed only when a parcel goes by courier (flat or
    # per_kg): a pick-up, or a cart of experiences only, needs the contact alone.
    address_line: str = Field("", max_length=400)
    province: str = Field("", max_length=100)
    city: str = Field("", max_length=100)
    district: str = Field("", max_length=100)
    postal_code: str = Field("", max_length=10)
    shipping: dict[IdKey, ShippingMethod] = Field(
        description="vendor id -> shipping method: flat, per_kg, pickup (at the "
        "shop) or window:<id> (a pick-up window the vendor offers); vendors whose "
        "items are all experiences need none",
        max_length=100,
    )


class OrderLineOut(Schema):
    product_name: str
    variant_label: str
    quantity: int
    unit_price: int
    line_total: int


class SubOrderOut(Schema):
    vendor: str
    status: str
    shipping_method: str
    shipping_cost: int
    items_total: int
    lines: list[OrderLineOut]

    @staticmethod
    def resolve_vendor(obj) -> str:
        return obj.vendor.name

    @staticmethod
    def resolve_lines(obj):
        return obj.lines.all()


class OrderOut(Schema):
    number: str
    status: str
    items_total: int
    shipping_total: int
    grand_total: int
    payment_url: str
    suborders: list[SubOrderOut]

    @staticmethod
    def resolve_suborders(obj):
        return obj.suborders.all()


def _refused(error: MarketplaceError) -> ApiError:
    return ApiError(error.status, code=error.code, message=error.message)


def _variant_out(variant) -> dict:
    return {
        "id": variant.pk,
        "sku": variant.sku,
        "label": variant.label,
        "price": variant.price,
        "stock": variant.sellable,
    }


def _cart_out(summary) -> dict:
    return {
        "items_total": summary.items_total,
        "count": summary.count,
        "groups": [
            {
                "vendor_id": group.vendor.pk,
                "vendor": group.vendor.name,
                "items_total": group.items_total,
                "shipping_options": {
                    method: cost for method, _label, cost in group.shipping_options()
                },
                "lines": [
                    {
                        "variant_id": line.variant.pk if line.variant else None,
                        "session_id": line.session.pk if line.session else None,
                        "product": line.product.name,
                        "label": line.variant.label if line.variant else line.label,
                        "quantity": line.quantity,
                        "unit_price": line.unit_price,
                        "line_total": line.line_total,
                        "problem": str(line.problem),
                    }
                    for line in group.lines
                ],
            }
            for group in summary.groups
        ],
    }


@router.get("/products", response={200: list[ProductOut], **errors(422)})
@paginate(BoundedLimitOffset)
def product_list(request, category: Slug | None = None):
    """Visible products, newest first; ``category`` (a slug) includes its children."""
    if category:
        found = selectors.category_get(slug=category)
        if found is None:
            return selectors.product_list_visible().none()
        return selectors.product_list_for_category(category=found)
    return selectors.product_list_visible().order_by("-published_at", "-id")


@router.get("/products/{slug}", response={200: ProductDetailOut, **errors(404, 422)})
def product_get(request, slug: Slug):
    product = selectors.product_get_visible(slug=slug)
    if product is None:
        raise ApiError(404, code="not_found", message=_("No such product."))
    return product


@router.get("/cart", response={200: CartOut}, exclude_none=True)
def cart_get(request):
    return _cart_out(selectors.cart_summary(cart=request_cart(request)))


@router.post(
    "/cart/items",
    response={200: CartOut, **errors(400, 403, 404, 422)},
    auth=csrf_only,
    exclude_none=True,
)
def cart_add(request, payload: CartItemIn):
    cart = request_cart(request, create=True)
    try:
        services.cart_add_item(
            cart=cart, variant_id=payload.variant_id, quantity=payload.quantity
        )
    except MarketplaceError as error:
        raise _refused(error) from error
    return _cart_out(selectors.cart_summary(cart=cart))


@router.patch(
    "/cart/items/{variant_id}",
    response={200: CartOut, **errors(400, 403, 404, 422)},
    auth=csrf_only,
    exclude_none=True,
)
def cart_update(
    request, payload: QuantityIn, variant_id: int = Path(..., ge=1, le=ID_MAX)
):
    cart = request_cart(request)
    try:
        if cart is None:
            raise MarketplaceError(
                _("This item is not in your cart."), code="not_in_cart", status=404
            )
        services.cart_set_quantity(
            cart=cart, variant_id=variant_id, quantity=payload.quantity
        )
    except MarketplaceError as error:
        raise _refused(error) from error
    return _cart_out(selectors.cart_summary(cart=cart))


@router.delete(
    "/cart/items/{variant_id}",
    response={200: CartOut, **errors(403, 422)},
    auth=csrf_only,
    exclude_none=True,
)
def cart_remove(request, variant_id: int = Path(..., ge=1, le=ID_MAX)):
    """Removing a line that is not there is not an error: the cart is as asked."""
    cart = request_cart(request)
    if cart is not None:
        services.cart_remove_item(cart=cart, variant_id=variant_id)
    return _cart_out(selectors.cart_summary(cart=cart))


@router.post(
    "/checkout",
    response={200: OrderOut, 201: OrderOut, **errors(400, 403, 409, 422, 502)},
    auth=csrf_only,
)
def checkout_start(request, payload: CheckoutIn):
    """Places the order (prices from the database) and returns where to pay.

    A cart has one unpaid order: submitting it again answers 200 with that order.
    """
    cart = request_cart(request)
    try:
        if cart is None:
            raise MarketplaceError(_("Your cart is empty."), code="empty_cart")
        address = services.ShippingAddress.from_data(
            payload.dict(),
            address_required=services.shipping_needs_address(payload.shipping.values()),
        )
        order = services.checkout_start(
            cart=cart,
            address=address,
            shipping={
                int(vendor): method for vendor, method in payload.shipping.items()
            },
            user=request.user,
            language=get_language() or "id",
        )
        remember_order(request, order)
        if not order.checkout_reused:
            # A repeated submit gets the cart's open order back (its payment_url
            # included) without starting a second payment.
            services.checkout_begin_payment(
                order=order, base_url=request.build_absolute_uri("/")[:-1]
            )
    except MarketplaceError as error:
        raise _refused(error) from error
    reused = order.checkout_reused
    order = selectors.order_get_for_buyer(
        user=request.user, number=order.number, session_orders=[order.number]
    )
    return Status(200 if reused else 201, order)


@router.get("/orders", response={200: list[OrderOut], **errors(422)})
@paginate(BoundedLimitOffset)
def order_list(request):
    """The signed-in buyer's orders, or the ones this guest session placed."""
    if request.user.is_authenticated:
        return selectors.order_list_for_buyer(user=request.user).prefetch_related(
            "suborders__lines"
        )
    return (
        Order.objects.filter(number__in=session_orders(request))
        .prefetch_related("suborders__vendor", "suborders__lines")
        .order_by("-created_at", "-id")
    )


@router.get("/orders/{number}", response={200: OrderOut, **errors(404, 422)})
def order_get(request, number: Slug):
    order = selectors.order_get_for_buyer(
        user=request.user, number=number, session_orders=session_orders(request)
    )
    if order is None:
        raise ApiError(404, code="not_found", message=_("No such order."))
    return order
