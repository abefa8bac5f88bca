"""Checkout pages: address, shipping, payment hand-off, demo payment, the outcome."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import account_selectors, selectors, services
from marketplace.account_forms import CheckoutWithAddressesForm
from marketplace.errors import MarketplaceError
from marketplace.forms import CheckoutForm
from marketplace.models import OrderStatus
from marketplace.payments.providers import demo_payments_enabled
from marketplace.views._helpers import remember_order, request_cart, session_orders


def checkout(request):
    summary = selectors.cart_summary(cart=request_cart(request))
    if summary.is_empty:
        messages.error(request, _("Your cart is empty."))
        return redirect("marketplace:cart")
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "email": request.user.email,
            "full_name": request.user.get_full_name(),
            "phone": account_selectors.profile_phone(user=request.user),
        }
    # A shopper with saved addresses picks one (or types a new one); guests and
    # shoppers without any get the plain form, and a cart of experiences only asks
    # for no address at all.
    addresses = (
        account_selectors.address_list_for_user(user=request.user)
        if summary.needs_address
        else []
    )
    if addresses:
        form = CheckoutWithAddressesForm(
            request.POST or None,
            groups=summary.groups,
            initial=initial,
            addresses=addresses,
        )
    else:
        form = CheckoutForm(
            request.POST or None,
            groups=summary.groups,
            initial=initial,
            cart_ships=summary.needs_address,
        )
    if request.method == "POST" and form.is_valid():
        try:
            address = services.ShippingAddress.from_data(
                form.cleaned_data, address_required=form.needs_address()
            )
            order = services.checkout_start(
                cart=summary.cart,
                address=address,
                shipping=form.shipping_choices(),
                user=request.user,
                language=get_language() or "id",
            )
            remember_order(request, order)
            if order.checkout_reused:
                # A second submit of the same cart (a double-click, a retry): back to
                # the first order's payment, which is never started twice.
                messages.info(
                    request, _("This cart already has an order awaiting payment.")
                )
                if order.payment_url:
                    return redirect(order.payment_url)
                return redirect("marketplace:order_detail", number=order.number)
            target = services.checkout_begin_payment(
                order=order, base_url=request.build_absolute_uri("/")[:-1]
            )
        except MarketplaceError as error:
            messages.error(request, error.message)
            return (
                redirect("marketplace:checkout")
                if error.code != "empty_cart"
                else redirect("marketplace:cart")
            )
        return redirect(target)
    shipping_total = 0
    return render(
        request,
        "marketplace/checkout.html",
        {
            "summary": summary,
            "form": form,
            "shipping_total": shipping_total,
            "has_pickup_windows": any(g.pickup_windows for g in summary.groups),
            "is_demo": settings.PAYMENT_PROVIDER == "demo",
        },
    )


def _own_order(request, number):
    order = selectors.order_get_for_buyer(
        user=request.user, number=number, session_orders=session_orders(request)
    )
    if order is None:
        raise Http404
    return order


def demo_payment(request, number):
    """DEMO ONLY: no money moves. Confirming calls the same service as Stripe's webhook."""
    if not demo_payments_enabled():
        # Fail closed: with DEBUG off and demo payments not switched on, nobody may
        # confirm their own "payment", whatever provider their order was placed with.
        raise Http404
    order = _own_order(request, number)
    if order.payment_provider != "demo":
        raise Http404
    if request.method == "POST":
        if order.status == OrderStatus.PENDING:
            services.order_mark_paid(order_id=order.pk, note="demo payment")
        elif order.status == OrderStatus.CANCELLED:
            messages.error(
                request, _("This order was cancelled because its reservation expired.")
            )
            return redirect("marketplace:order_detail", number=order.number)
        return redirect("marketplace:checkout_success", number=order.number)
    return render(request, "marketplace/demo_payment.html", {"order": order})


def checkout_success(request, number):
    order = _own_order(request, number)
    return render(request, "marketplace/checkout_success.html", {"order": order})


def checkout_cancel(request, number):
    order = _own_order(request, number)
    return render(request, "marketplace/checkout_cancel.html", {"order": order})


@require_POST
def checkout_cancel_confirm(request, number):
    """The shopper gives up on paying: the order is cancelled and its stock released."""
    order = _own_order(request, number)
    services.order_cancel_unpaid(order_id=order.pk, reason="cancelled by the shopper")
    messages.success(
        request, _("Your order was cancelled; the items are still in your cart.")
    )
    return redirect("marketplace:cart")
