"""Search in the Wagtail admin: the search report under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from search import admin_views
from search.models import SearchSynonym


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


class SearchSynonymViewSet(ModelViewSet):
    """The office's synonym rules; saving one re-applies synonyms to both engines."""

    model = SearchSynonym
    form_fields = ["terms"]
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]
    search_backend_name = None  # a plain database filter: rules are not indexed
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True


@hooks.register("register_admin_viewset")
def register_search_synonym_viewset():
    return SearchSynonymViewSet("search_synonyms")
