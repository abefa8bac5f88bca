"""CSV export of the vendor's orders and products, and the import with a preview.

The preview page carries the file back to the confirm as a signed hidden field (signed
per shop, valid for an hour): nothing is stored and nothing saved until the vendor
confirms, and the confirm checks the whole file again.
"""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vendors.csv_export import orders_csv, products_csv
from vendors.forms import CatalogueImportForm
from vendors.services.catalogue_csv import (
    catalogue_import_apply,
    catalogue_import_preview,
)
from vendors.views.dashboard import vendor_required

PAYLOAD_MAX_AGE = 3600


def _salt(vendor) -> str:
    return f"vendors.catalogue-import.{vendor.pk}"


def _attachment(text: str, name: str) -> HttpResponse:
    # A byte-order mark so spreadsheet programs open the file as UTF-8.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@vendor_required
def csv_page(request, vendor):
    return render(
        request,
        "vendors/dashboard/csv.html",
        {"vendor": vendor, "form": CatalogueImportForm()},
    )


@vendor_required
def csv_products(request, vendor):
    stamp = timezone.localdate().isoformat()
    return _attachment(products_csv(vendor=vendor), f"{vendor.slug}-produk-{stamp}.csv")


@vendor_required
def csv_orders(request, vendor):
    stamp = timezone.localdate().isoformat()
    return _attachment(orders_csv(vendor=vendor), f"{vendor.slug}-pesanan-{stamp}.csv")


@require_POST
@vendor_required
def csv_import(request, vendor):
    if "payload" not in request.POST:
        form = CatalogueImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(
                request,
                "vendors/dashboard/csv.html",
                {"vendor": vendor, "form": form},
                status=400,
            )
        text = form.cleaned_data["file"]
        plan = catalogue_import_preview(vendor=vendor, text=text)
        payload = signing.dumps(
            {"text": text, "loaded": plan.loaded}, salt=_salt(vendor), compress=True
        )
        return render(
            request,
            "vendors/dashboard/csv_preview.html",
            {"vendor": vendor, "plan": plan, "payload": payload},
        )
    try:
        data = signing.loads(
            request.POST["payload"], salt=_salt(vendor), max_age=PAYLOAD_MAX_AGE
        )
    except signing.BadSignature:
        messages.error(
            request, _("This preview has expired. Please upload the file again.")
        )
        return redirect("vendors:csv")
    try:
        changed = catalogue_import_apply(
            vendor=vendor, actor=request.user, text=data["text"], loaded=data["loaded"]
        )
    except ValidationError as error:
        for message in error.messages[:20]:
            messages.error(request, message)
        return redirect("vendors:csv")
    messages.success(
        request, _("Import saved: %(count)d rows changed.") % {"count": changed}
    )
    return redirect("vendors:product_list")
