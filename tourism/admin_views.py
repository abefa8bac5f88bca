"""The office's programme figures page in the Wagtail admin, and its CSV export."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from tourism import programme

# Orders and sales are the marketplace's; whoever may read orders may read these.
FIGURES_PERMISSION = "marketplace.view_order"


def programme_figures(request):
    if not request.user.has_perm(FIGURES_PERMISSION):
        raise PermissionDenied
    tables = programme.programme_figures()
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            programme.programme_figures_csv(tables), content_type="text/csv"
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="banua-programme-{stamp}.csv"'
        )
        return response
    return TemplateResponse(
        request, "tourism/admin/programme_figures.html", {"tables": tables}
    )
