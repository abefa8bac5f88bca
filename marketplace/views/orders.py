"""The buyer's orders, and reviews of delivered items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors, services
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
        {"order": order, "review_form": ReviewForm()},
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
