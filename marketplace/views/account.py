"""The shopper's account pages under /akun/: profile, saved addresses, favourites and
back-in-stock alerts. Thin: forms check shape, ``services.accounts`` writes.

Hearts and alerts are plain POST forms (they work without JavaScript) that return to
the page they came from. Anonymous visitors get a log-in link instead of a form, so
product pages carry no CSRF token for them and stay shareable by the HTTP cache.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import account_selectors as selectors
from marketplace.account_forms import AddressForm, ProfileForm
from marketplace.errors import MarketplaceError
from marketplace.models import FavouriteVendor, Product, ProductVariant
from marketplace.services import accounts as services


def _back(request, fallback: str):
    """The page the form was on (same host only), else ``fallback``."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def account_home(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": selectors.profile_phone(user=user),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("marketplace:account")
    return render(
        request,
        "marketplace/account/home.html",
        {
            "form": form,
            "addresses": selectors.address_list_for_user(user=user),
            "alerts": selectors.stock_alerts_waiting_for_user(user=user),
        },
    )


@login_required
def address_list(request):
    return render(
        request,
        "marketplace/account/address_list.html",
        {"addresses": selectors.address_list_for_user(user=request.user)},
    )


@login_required
def address_form(request, address_id=None):
    address = None
    if address_id is not None:
        address = selectors.address_get_for_user(
            user=request.user, address_id=address_id
        )
        if address is None:
            raise Http404
    form = AddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        make_default = data.pop("make_default", False)
        try:
            services.address_save(
                user=request.user,
                data=data,
                address=address,
                make_default=make_default,
            )
        except ValidationError as error:
            _form_errors(form, error)
        except MarketplaceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The address is saved."))
            return redirect("marketplace:address_list")
    return render(
        request,
        "marketplace/account/address_form.html",
        {"form": form, "address": address},
    )


@login_required
@require_POST
def address_delete(request, address_id):
    try:
        services.address_delete(user=request.user, address_id=address_id)
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The address is deleted."))
    return redirect("marketplace:address_list")


@login_required
@require_POST
def address_default(request, address_id):
    try:
        services.address_set_default(user=request.user, address_id=address_id)
    except MarketplaceError as error:
        messages.error(request, error.message)
    return redirect("marketplace:address_list")


@login_required
def favourites(request):
    return render(
        request,
        "marketplace/account/favourites.html",
        {
            "products": selectors.favourite_products_for_user(user=request.user),
            "favourite_vendors": selectors.favourite_vendors_for_user(
                user=request.user
            ),
            "favourite_product_ids": selectors.favourite_product_ids(user=request.user),
        },
    )


def _on(request) -> bool:
    return request.POST.get("on", "1") != "0"


@login_required
@require_POST
def favourite_product(request, product_id):
    product = Product.objects.visible().filter(pk=product_id).first()
    on = _on(request)
    if product is None and on:
        raise Http404
    if product is None:
        product = Product.objects.filter(pk=product_id).first()
        if product is None:
            raise Http404
    services.favourite_product_set(user=request.user, product=product, on=on)
    messages.success(
        request,
        _("Saved to your favourites.") if on else _("Removed from your favourites."),
    )
    return _back(request, "marketplace:favourites")


@login_required
@require_POST
def favourite_vendor(request, vendor_id):
    on = _on(request)
    vendor_model = FavouriteVendor._meta.get_field("vendor").related_model
    vendor = vendor_model.objects.filter(pk=vendor_id).first()
    if vendor is None or (on and not vendor.can_publish):
        raise Http404
    services.favourite_vendor_set(user=request.user, vendor=vendor, on=on)
    messages.success(
        request,
        _("Saved to your favourites.") if on else _("Removed from your favourites."),
    )
    return _back(request, "marketplace:favourites")


@login_required
@require_POST
def stock_alert_create(request):
    try:
        variant_id = int(request.POST.get("variant", ""))
    except ValueError:
        raise Http404 from None
    variant = (
        ProductVariant.objects.filter(
            pk=variant_id, product__in=Product.objects.visible()
        )
        .select_related("product")
        .first()
    )
    if variant is None:
        # Hidden or withdrawn since its page was loaded, so that page is gone too.
        messages.error(request, _("This product is no longer for sale."))
        return redirect("marketplace:catalogue")
    try:
        services.stock_alert_subscribe(
            user=request.user, variant=variant, language=get_language() or "id"
        )
    except MarketplaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("We will e-mail %(email)s once when it is back in stock.")
            % {"email": request.user.email},
        )
    return _back(request, "marketplace:account")


@login_required
@require_POST
def stock_alert_cancel(request, alert_id):
    services.stock_alert_cancel(user=request.user, alert_id=alert_id)
    messages.success(request, _("The alert is cancelled."))
    return _back(request, "marketplace:account")
