"""The tourism office's admin for vendors and products: listings with filters, edit
views, and a "moderate" view per object that calls the same services the rest of the
site uses (approve / reject / suspend / reinstate a shop; hide / unhide a product)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView as SnippetEditView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from marketplace.models import Product
from vendors import services
from vendors.forms import ModerationReasonForm
from vendors.models import Vendor, VendorStatus


class ModerateView(WagtailAdminTemplateMixin, FormView):
    """A reason and one button per allowed decision; the service does the rest."""

    template_name = "vendors/admin/moderate.html"
    form_class = ModerationReasonForm
    header_icon = "warning"
    model = None
    viewset_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Moderate “%(name)s”") % {"name": self.object}

    def back_url(self):
        return reverse(
            f"wagtailsnippets_{self.viewset_name}:edit", args=[self.object.pk]
        )

    def actions(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.describe())
        context.update(
            actions=self.actions(), back_url=self.back_url(), object=self.object
        )
        return context

    def form_valid(self, form):
        decision = self.request.POST.get("decision")
        allowed = dict(self.actions())
        if decision not in allowed:
            form.add_error(None, _("Choose one of the buttons."))
            return self.form_invalid(form)
        try:
            self.decide(decision, form.cleaned_data["reason"])
        except PermissionDenied:
            raise
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Done: %(action)s.") % {"action": allowed[decision]}
        )
        return redirect(self.back_url())


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


class ProductModerateView(ModerateView):
    model = Product
    viewset_name = "marketplace_product"

    def describe(self):
        return {
            "current_status": _("Hidden")
            if self.object.is_hidden
            else self.object.get_status_display(),
            "current_reason": self.object.hidden_reason,
        }

    def actions(self):
        if self.object.is_hidden:
            return [("unhide", _("Show again"))]
        return [("hide", _("Hide from the storefront"))]

    def decide(self, decision, reason):
        if decision == "hide":
            services.product_hide(
                product=self.object, actor=self.request.user, reason=reason
            )
        else:
            services.product_unhide(product=self.object, actor=self.request.user)


class ModerateButtonEditView(SnippetEditView):
    """The edit view with a "Moderate" button in its header, next to Delete/History."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Moderate"),
                url=reverse(
                    self.edit_url_name.replace(":edit", ":moderate"),
                    args=[self.object.pk],
                ),
                icon_name="warning",
                priority=5,
            )
        )
        return buttons


class VendorViewSet(SnippetViewSet):
    model = Vendor
    edit_view_class = ModerateButtonEditView
    icon = "group"
    menu_label = gettext_lazy("Shops")
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


class ProductViewSet(SnippetViewSet):
    model = Product
    edit_view_class = ModerateButtonEditView
    icon = "tag"
    menu_label = gettext_lazy("Products")
    list_display = ["name", "vendor", "status", "is_hidden", "updated_at"]
    list_filter = ["status", "is_hidden", "category", "technique", "dye"]
    search_fields = ["name", "motif_name", "maker_name", "village"]
    panels = [
        FieldPanel("vendor", read_only=True),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("maker_name"),
                FieldPanel("village"),
                FieldRowPanel([FieldPanel("technique"), FieldPanel("dye")]),
                FieldPanel("motif_name"),
                FieldPanel("motif_meaning"),
            ],
            heading=gettext_lazy("Provenance"),
        ),
        FieldPanel("is_featured"),
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("is_hidden", read_only=True),
                FieldPanel("hidden_reason", read_only=True),
            ],
            heading=gettext_lazy("Status (hide or show it with “Moderate”)"),
        ),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", ProductModerateView.as_view(), name="moderate"),
        ]


class VendorsGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Vendors")
    menu_icon = "group"
    menu_order = 250
    items = (VendorViewSet, ProductViewSet)


register_snippet(VendorsGroup)


@hooks.register("register_snippet_listing_buttons")
def moderate_button(snippet, user, next_url=None):
    if isinstance(snippet, Vendor) and user.has_perm("vendors.change_vendor"):
        yield Button(
            _("Moderate"),
            reverse("wagtailsnippets_vendors_vendor:moderate", args=[snippet.pk]),
            icon_name="warning",
            priority=5,
        )
    if isinstance(snippet, Product) and user.has_perm("marketplace.change_product"):
        yield Button(
            _("Moderate"),
            reverse("wagtailsnippets_marketplace_product:moderate", args=[snippet.pk]),
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
        ("banua.product.archive", gettext_lazy("Product archived")),
        ("banua.product.hide", gettext_lazy("Product hidden")),
        ("banua.product.unhide", gettext_lazy("Product shown again")),
    ):
        actions.register_action(action, label, label)
