"""Search in the Wagtail admin: the search report under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchqueryday")


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("search/insight/", admin_views.insight, name="search_insight")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Site search"), reverse("search_insight"), icon_name="search", order=900
    )
