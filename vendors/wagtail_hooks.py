"""The tourism office's admin for shops: the listing with filters, the edit view, and
a "moderate" view that calls the same services the rest of the site uses (approve /
reject / suspend / reinstate). Products are the marketplace's: their admin lives in
``marketplace/wagtail_hooks.py``."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_moderation import ModerateButtonEditView, ModerateView
from vendors import services
from vendors.models import Vendor, VendorStatus


class VendorModerateView(ModerateView):
    model = Vendor
    viewset_name = "vendors_vendor"

    def describe(self):
        return {
            "current_status": self.object.get_status_display(),
            "current_reason": self.object.status_reason,
        }

    def actions(self):
        status = self.object.status
        choices = []
        if status in (VendorStatus.PENDING, VendorStatus.REJECTED):
            choices.append(("approve", _("Approve")))
        if status == VendorStatus.PENDING:
            choices.append(("reject", _("Reject")))
        if status == VendorStatus.APPROVED:
            choices.append(("suspend", _("Suspend")))
        if status == VendorStatus.SUSPENDED:
            choices.append(("reinstate", _("Reinstate")))
        return choices

    def decide(self, decision, reason):
        action = {
            "approve": services.vendor_approve,
            "reject": services.vendor_reject,
            "suspend": services.vendor_suspend,
            "reinstate": services.vendor_reinstate,
        }[decision]
        action(vendor=self.object, actor=self.request.user, reason=reason)


class VendorViewSet(SnippetViewSet):
    model = Vendor
    edit_view_class = ModerateButtonEditView
    icon = "group"
    menu_label = gettext_lazy("Shops")
    add_to_admin_menu = True
    menu_order = 250
    list_display = [
        "name",
        "owner_name",
        "status",
        "region",
        "payout_status",
        "updated_at",
    ]
    list_filter = ["status", "region", "category", "payout_status"]
    search_fields = ["name", "owner_name", "craft_village"]
    # The status is not editable here: decisions go through "Moderate" so that the
    # vendor and the office are e-mailed and the reason is recorded.
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("owner_name"),
                FieldPanel("category"),
            ],
            heading=gettext_lazy("Shop details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("whatsapp"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("craft_village")]),
                FieldPanel("destination"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("nib"),
            ],
            heading=gettext_lazy("Contact and location"),
        ),
        MultiFieldPanel(
            [FieldPanel("story"), FieldPanel("logo"), FieldPanel("banner")],
            heading=gettext_lazy("Shop page"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("holiday_from"), FieldPanel("holiday_until")]
                ),
                FieldPanel("holiday_note"),
            ],
            heading=gettext_lazy("Holiday"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("status_reason", read_only=True),
                FieldPanel("payout_status", read_only=True),
            ],
            heading=gettext_lazy("Status (change it with “Moderate”)"),
        ),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", VendorModerateView.as_view(), name="moderate"),
        ]


register_snippet(VendorViewSet)


@hooks.register("register_snippet_listing_buttons")
def moderate_button(snippet, user, next_url=None):
    if isinstance(snippet, Vendor) and user.has_perm("vendors.change_vendor"):
        yield Button(
            _("Moderate"),
            reverse("wagtailsnippets_vendors_vendor:moderate", args=[snippet.pk]),
            icon_name="warning",
            priority=5,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in (
        ("banua.vendor.apply", gettext_lazy("Shop application sent")),
        ("banua.vendor.approve", gettext_lazy("Shop approved")),
        ("banua.vendor.reject", gettext_lazy("Shop rejected")),
        ("banua.vendor.suspend", gettext_lazy("Shop suspended")),
        ("banua.vendor.reinstate", gettext_lazy("Shop reinstated")),
        ("banua.vendor.stock", gettext_lazy("Stock updated")),
        ("banua.vendor.import", gettext_lazy("Products imported from a CSV file")),
        ("banua.vendor.payout_start", gettext_lazy("Stripe payouts started")),
        ("banua.vendor.payout_status", gettext_lazy("Payout status changed")),
        ("banua.vendor.bank_account", gettext_lazy("Bank account saved")),
    ):
        actions.register_action(action, label, label)
