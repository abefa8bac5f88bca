"""The vendor's dashboard: the site's own pages, built for a phone.

Every view finds the shop through ``selectors.vendor_get_for_user`` and every object
through a ``*_for_vendor`` selector, so another vendor's id is simply not found (404).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.models import Product
from vendors import selectors, services
from vendors.charts import sales_chart
from vendors.forms import (
    BulkStockForm,
    ProductForm,
    ShopForm,
    VariantFormSet,
    VendorApplicationForm,
    variant_inputs,
)


def vendor_required(view):
    """Logged in (else the log-in page) and owning a shop (else the application)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        vendor = selectors.vendor_get_for_user(user=request.user)
        if vendor is None:
            return redirect("vendors:apply")
        return view(request, vendor, *args, **kwargs)

    return wrapper


def errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def apply(request):
    if selectors.vendor_get_for_user(user=request.user) is not None:
        return redirect("vendors:dashboard")
    form = VendorApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vendor_apply(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! The tourism office will review your shop and e-mail "
                    "you."
                ),
            )
            return redirect("vendors:dashboard")
    return render(request, "vendors/dashboard/apply.html", {"form": form})


@vendor_required
def home(request, vendor):
    return render(
        request,
        "vendors/dashboard/home.html",
        {
            "vendor": vendor,
            "attention": list(
                selectors.product_list_needing_attention(vendor=vendor)[:30]
            ),
            "chart": sales_chart(selectors.vendor_sales_series(vendor=vendor, days=30)),
            "low_stock_threshold": vendor.low_stock_threshold,
        },
    )


@vendor_required
def shop_edit(request, vendor):
    form = ShopForm(request.POST or None, request.FILES or None, instance=vendor)
    if request.method == "POST" and form.is_valid():
        try:
            services.vendor_shop_update(
                vendor=vendor,
                actor=request.user,
                fields=form.shop_fields(),
                logo=form.cleaned_data.get("logo"),
                banner=form.cleaned_data.get("banner"),
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Your shop details are saved."))
            return redirect("vendors:dashboard")
    return render(
        request, "vendors/dashboard/shop_form.html", {"vendor": vendor, "form": form}
    )


@vendor_required
def product_list(request, vendor):
    products = selectors.product_list_for_vendor(vendor=vendor)
    return render(
        request,
        "vendors/dashboard/product_list.html",
        {
            "vendor": vendor,
            "products": products,
            "low_stock_threshold": vendor.low_stock_threshold,
        },
    )


def _product_or_404(vendor, product_id) -> Product:
    product = selectors.product_get_for_vendor(vendor=vendor, product_id=product_id)
    if product is None:
        raise Http404
    return product


@vendor_required
def product_form(request, vendor, product_id=None):
    product = _product_or_404(vendor, product_id) if product_id is not None else None
    instance = product or Product(vendor=vendor)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ProductForm(data, files, instance=instance, vendor=vendor)
    formset = VariantFormSet(data, instance=instance, prefix="variants")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = services.product_save(
                vendor=vendor,
                actor=request.user,
                product=product,
                fields=form.product_fields(),
                tags=form.tags(),
                variants=variant_inputs(formset),
                photos=form.cleaned_data.get("photos") or [],
                remove_photo_ids=[
                    image.pk for image in form.cleaned_data.get("remove_photos") or []
                ],
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": saved.name})
            return redirect("vendors:product_list")
    return render(
        request,
        "vendors/dashboard/product_form.html",
        {"vendor": vendor, "form": form, "formset": formset, "product": product},
    )


@require_POST
@vendor_required
def product_archive(request, vendor, product_id):
    product = _product_or_404(vendor, product_id)
    services.product_archive(product=product, actor=request.user)
    messages.success(request, _("“%(name)s” is archived.") % {"name": product.name})
    return redirect("vendors:product_list")


@vendor_required
def stock_bulk(request, vendor):
    variants = selectors.variant_list_for_vendor(vendor=vendor)
    form = BulkStockForm(request.POST or None, variants=variants)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.variant_stock_bulk_update(
                vendor=vendor, actor=request.user, stocks=form.stocks()
            )
        except ValidationError as error:
            errors_to_form(form, error)
        except PermissionDenied as error:
            raise Http404 from error
        else:
            messages.success(
                request, _("Stock updated for %(count)s variants.") % {"count": changed}
            )
            return redirect("vendors:product_list")
    return render(
        request,
        "vendors/dashboard/stock_form.html",
        {
            "vendor": vendor,
            "form": form,
            "low_stock_threshold": vendor.low_stock_threshold,
        },
    )
