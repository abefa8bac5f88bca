"""The buyer's orders, and reviews of delivered items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors, selectors_experiences, services
from marketplace.errors import MarketplaceError
from marketplace.forms import ReviewForm
from marketplace.models import Order
from marketplace.views._helpers import session_orders


def order_list(request):
    if request.user.is_authenticated:
        orders = list(selectors.order_list_for_buyer(user=request.user)[:50])
    else:
        numbers = session_orders(request)
        orders = list(
            Order.objects.filter(number__in=numbers).prefetch_related(
                "suborders__vendor"
            )
        )
    return render(request, "marketplace/order_list.html", {"orders": orders})


def order_detail(request, number):
    order = selectors.order_get_for_buyer(
        user=request.user, number=number, session_orders=session_orders(request)
    )
    if order is None:
        raise Http404
    return render(
        request,
        "marketplace/order_detail.html",
        {
            "order": order,
            "review_form": ReviewForm(),
            "can_cancel": selectors.order_buyer_can_cancel(order=order),
            "tickets": selectors_experiences.ticket_list_for_order(order=order),
        },
    )


@login_required
@require_POST
def review_create(request, number, line_id):
    form = ReviewForm(request.POST)
    if not form.is_valid():
        if "rating" in form.errors:
            messages.error(request, _("Choose a rating from 1 to 5 stars."))
        else:
            messages.error(request, form.errors["text"][0])
        return redirect("marketplace:order_detail", number=number)
    try:
        services.review_create(
            user=request.user,
            order_line_id=line_id,
            rating=form.cleaned_data["rating"],
            text=form.cleaned_data["text"],
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you for your review."))
    return redirect("marketplace:order_detail", number=number)


def _buyer_order_or_404(request, number):
    order = selectors.order_get_for_buyer(
        user=request.user, number=number, session_orders=session_orders(request)
    )
    if order is None:
        raise Http404
    return order


@require_POST
def order_received(request, number, suborder_id):
    """The buyer's "order received" on one shipped parcel (account or guest session)."""
    order = _buyer_order_or_404(request, number)
    suborder = next(
        (sub for sub in order.suborders.all() if str(sub.pk) == str(suborder_id)), None
    )
    if suborder is None:
        raise Http404
    try:
        services.suborder_confirm_received(
            suborder=suborder,
            buyer=request.user,
            session_orders=session_orders(request),
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Thank you! The order is complete; you can now review it.")
        )
    return redirect("marketplace:order_detail", number=order.number)


@require_POST
def order_cancel(request, number):
    """The buyer's cancel before shipping: unpaid orders are released, paid refunded."""
    order = _buyer_order_or_404(request, number)
    try:
        services.order_cancel_by_buyer(
            order=order, buyer=request.user, session_orders=session_orders(request)
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your order is cancelled."))
    return redirect("marketplace:order_detail", number=order.number)
