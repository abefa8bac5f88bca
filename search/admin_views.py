"""The office's search report in the Wagtail admin: what visitors search for and what
they did not find, over the last 30 days (aggregated counts, no user identity)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from search import selectors

REPORT_DAYS = 30


def insight(request):
    if not request.user.has_perm("search.view_searchqueryday"):
        raise PermissionDenied
    report = selectors.search_insight(days=REPORT_DAYS)
    return TemplateResponse(
        request,
        "search/admin/insight.html",
        {"top": report["top"], "zero": report["zero"], "days": REPORT_DAYS},
    )
