"""Admin for the tourism office: the dashboard panel with the counts that matter."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from tourism import admin_views, selectors


class OfficeSummaryPanel(Component):
    """Published destinations, upcoming events, vendors to approve, orders this month.

    Translations count once; the month is the office's (WITA).
    """

    name = "banua_office_summary"
    order = 50
    template_name = "tourism/admin/office_summary_panel.html"

    def get_context_data(self, parent_context):
        counts = selectors.dashboard_counts()
        pages = reverse("wagtailadmin_pages:search")
        return {
            "counts": counts,
            # Each count opens the queue it counts.
            "items": [
                (
                    _("Published destinations"),
                    counts.published_destinations,
                    f"{pages}?content_type=tourism.destinationpage",
                ),
                (
                    _("Upcoming events"),
                    counts.upcoming_events,
                    f"{pages}?content_type=tourism.eventpage",
                ),
                (
                    _("Vendors awaiting approval"),
                    counts.vendors_pending,
                    reverse("wagtailsnippets_vendors_vendor:list") + "?status=pending",
                ),
                (
                    _("Orders this month"),
                    counts.orders_this_month,
                    reverse("marketplace_orders:index"),
                ),
            ],
        }


@hooks.register("construct_homepage_panels")
def add_office_summary_panel(request, panels):
    panels.insert(0, OfficeSummaryPanel())


@hooks.register("register_admin_urls")
def register_programme_figures_url():
    return [
        path(
            "programme/",
            admin_views.programme_figures,
            name="tourism_programme_figures",
        )
    ]


class ProgrammeFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.FIGURES_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_programme_figures_menu_item():
    return ProgrammeFiguresMenuItem(
        _("Programme figures"),
        reverse("tourism_programme_figures"),
        icon_name="table",
        order=320,
    )
