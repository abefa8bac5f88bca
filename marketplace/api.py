"""Marketplace JSON API under /api/v1/marketplace/ (catalogue, cart, checkout, orders).

Authentication: the Django session cookie (guests get a session cart, signed-in buyers
their account's cart and orders). Every write (POST/PATCH/DELETE) must carry the
``X-CSRFToken`` header with the value of the ``csrftoken`` cookie, exactly as a browser
form would; a missing or wrong token gets 403. Errors are ``{"code": ..., "message":
...}``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.utils import check_csrf

from marketplace import selectors, services
from marketplace.errors import MarketplaceError
from marketplace.limits import ID_MAX, Id, InputSchema, PageIn, Slug
from marketplace.models import Order
from marketplace.views._helpers import remember_order, request_cart, session_orders

router = Router(tags=["marketplace"])


class ErrorOut(Schema):
    code: str
    message: str


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
    price_from: int | None
    in_stock: bool


class ProductDetailOut(ProductOut):
    description: str
    variants: list[VariantOut]


class CartLineOut(Schema):
    variant_id: int | None = Field(description="None for a booking of a session")
    session_id: int | None = Field(
        None, description="A booking of an experience's session (see /experiences/)"
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


# Quantities stay plain ints: the cart service refuses anything outside 1..99 with
# its own "bad_quantity" message before any query sees the number.
class CartItemIn(InputSchema):
    variant_id: Id
    quantity: int = 1


class QuantityIn(InputSchema):
    quantity: int


class CheckoutIn(InputSchema):
    # Generous caps (the service checks the exact per-field lengths with a message).
    full_name: str = Field(..., max_length=200)
    email: str = Field(..., max_length=254)
    phone: str = Field(..., max_length=40)
    address_line: str = Field(..., max_length=400)
    province: str = Field(..., max_length=100)
    city: str = Field(..., max_length=100)
    district: str = Field(..., max_length=100)
    postal_code: str = Field(..., max_length=10)
    shipping: dict[Id, str] = Field(
        description="vendor id -> flat | per_kg | pickup", max_length=100
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


class OrderOut(Schema):
    number: str
    status: str
    items_total: int
    shipping_total: int
    grand_total: int
    payment_url: str
    suborders: list[SubOrderOut]


def _csrf(request: HttpRequest) -> None:
    if check_csrf(request) is not None:
        raise HttpError(403, "CSRF token missing or incorrect.")


def _fail(error: MarketplaceError):
    return Status(error.status, {"code": error.code, "message": str(error.message)})


def _product_out(product) -> dict:
    return {
        "slug": product.slug,
        "name": product.name,
        "vendor": product.vendor.name,
        "vendor_slug": product.vendor.slug,
        "category": product.category.slug,
        "price_from": product.price_from,
        "in_stock": bool(product.stock_total),
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


def _order_out(order) -> dict:
    return {
        "number": order.number,
        "status": order.status,
        "items_total": order.items_total,
        "shipping_total": order.shipping_total,
        "grand_total": order.grand_total,
        "payment_url": order.payment_url,
        "suborders": [
            {
                "vendor": sub.vendor.name,
                "status": sub.status,
                "shipping_method": sub.shipping_method,
                "shipping_cost": sub.shipping_cost,
                "items_total": sub.items_total,
                "lines": [
                    {
                        "product_name": line.product_name,
                        "variant_label": line.variant_label,
                        "quantity": line.quantity,
                        "unit_price": line.unit_price,
                        "line_total": line.line_total,
                    }
                    for line in sub.lines.all()
                ],
            }
            for sub in order.suborders.all()
        ],
    }


@router.get("/products", response=list[ProductOut])
def product_list(request, page: Query[PageIn], category: Slug | None = None):
    offset, limit = page.offset, page.limit
    queryset = selectors.product_list_visible().order_by("-published_at", "-id")
    if category:
        found = selectors.category_get(slug=category)
        if found is None:
            return []
        queryset = selectors.product_list_for_category(category=found)
    return [_product_out(p) for p in queryset[offset : offset + limit]]


@router.get("/products/{slug}", response={200: ProductDetailOut, 404: ErrorOut})
def product_get(request, slug: Slug):
    product = selectors.product_get_visible(slug=slug)
    if product is None:
        return Status(404, {"code": "not_found", "message": "No such product."})
    data = _product_out(product)
    data["description"] = product.description
    data["variants"] = [
        {
            "id": v.pk,
            "sku": v.sku,
            "label": v.label,
            "price": v.price,
            "stock": v.sellable,
        }
        for v in product.variants.all()
    ]
    return data


@router.get("/cart", response=CartOut)
def cart_get(request):
    return _cart_out(selectors.cart_summary(cart=request_cart(request)))


@router.post("/cart/items", response={200: CartOut, 400: ErrorOut, 404: ErrorOut})
def cart_add(request, payload: CartItemIn):
    _csrf(request)
    cart = request_cart(request, create=True)
    try:
        services.cart_add_item(
            cart=cart, variant_id=payload.variant_id, quantity=payload.quantity
        )
    except MarketplaceError as error:
        return _fail(error)
    return _cart_out(selectors.cart_summary(cart=cart))


@router.patch(
    "/cart/items/{variant_id}", response={200: CartOut, 400: ErrorOut, 404: ErrorOut}
)
def cart_update(
    request, payload: QuantityIn, variant_id: int = Path(..., ge=1, le=ID_MAX)
):
    _csrf(request)
    cart = request_cart(request)
    if cart is None:
        return Status(
            404, {"code": "not_in_cart", "message": "This item is not in your cart."}
        )
    try:
        services.cart_set_quantity(
            cart=cart, variant_id=variant_id, quantity=payload.quantity
        )
    except MarketplaceError as error:
        return _fail(error)
    return _cart_out(selectors.cart_summary(cart=cart))


@router.delete("/cart/items/{variant_id}", response=CartOut)
def cart_remove(request, variant_id: int = Path(..., ge=1, le=ID_MAX)):
    _csrf(request)
    cart = request_cart(request)
    if cart is not None:
        services.cart_remove_item(cart=cart, variant_id=variant_id)
    return _cart_out(selectors.cart_summary(cart=cart))


@router.post(
    "/checkout",
    response={
        200: OrderOut,
        201: OrderOut,
        400: ErrorOut,
        409: ErrorOut,
        502: ErrorOut,
    },
)
def checkout_start(request, payload: CheckoutIn):
    """Places the order (prices from the database) and returns where to pay.

    A cart has one unpaid order: submitting it again answers 200 with that order.
    """
    _csrf(request)
    cart = request_cart(request)
    try:
        if cart is None:
            raise MarketplaceError("Your cart is empty.", code="empty_cart")
        address = services.ShippingAddress.from_data(payload.dict())
        order = services.checkout_start(
            cart=cart,
            address=address,
            shipping=payload.shipping,
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
        return _fail(error)
    reused = order.checkout_reused
    order = selectors.order_get_for_buyer(
        user=request.user, number=order.number, session_orders=[order.number]
    )
    return Status(200 if reused else 201, _order_out(order))


@router.get("/orders", response=list[OrderOut])
def order_list(request):
    if request.user.is_authenticated:
        orders = selectors.order_list_for_buyer(user=request.user).prefetch_related(
            "suborders__lines"
        )[:50]
    else:
        orders = Order.objects.filter(
            number__in=session_orders(request)
        ).prefetch_related("suborders__vendor", "suborders__lines")
    return [_order_out(order) for order in orders]


@router.get("/orders/{number}", response={200: OrderOut, 404: ErrorOut})
def order_get(request, number: Slug):
    order = selectors.order_get_for_buyer(
        user=request.user, number=number, session_orders=session_orders(request)
    )
    if order is None:
        return Status(404, {"code": "not_found", "message": "No such order."})
    return _order_out(order)
