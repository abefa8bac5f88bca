"""The office's marketplace menu: products (with their moderation), orders, balances
owed, payouts, commission and shipping.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_moderation import ModerateButtonEditView, ModerateView
from core.admin_ui import LocalTimeColumn, YesNoColumn
from core.permissions import ReadOnlyPolicy
from marketplace import admin_views, services
from marketplace.admin_ui import MarketplaceInspectView, RupiahColumn
from marketplace.models import (
    CommissionRule,
    EventStall,
    Order,
    Payout,
    PickupPoint,
    PickupWindow,
    Product,
    Review,
    VendorPickupPoint,
    VendorShipping,
    WebhookEvent,
)
from marketplace.services.pickup import pickup_window_check


class ProductModerateView(ModerateView):
    model = Product
    viewset_name = "marketplace_product"

    def describe(self):
        return {
            "current_status": gettext("Hidden")
            if self.object.is_hidden
            else self.object.get_status_display(),
            "current_reason": self.object.hidden_reason,
        }

    def actions(self):
        if self.object.is_hidden:
            return [("unhide", gettext("Show again"))]
        return [("hide", gettext("Hide from the storefront"))]

    def decide(self, decision, reason):
        if decision == "hide":
            services.product_hide(
                product=self.object, actor=self.request.user, reason=reason
            )
        else:
            services.product_unhide(product=self.object, actor=self.request.user)


class ProductViewSet(SnippetViewSet):
    """A snippet viewset, so products keep their snippet URLs, history and chooser.
    The status is read-only here: it changes through "Moderate" or the vendor's
    dashboard, whose services check and record it."""

    model = Product
    edit_view_class = ModerateButtonEditView
    icon = "tag"
    menu_label = _("Products")
    # Listed in the Marketplace menu, so the generic "Snippets" menu leaves it out.
    menu_item_is_registered = True
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
            heading=_("Provenance"),
        ),
        FieldPanel("is_featured"),
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("is_hidden", read_only=True),
                FieldPanel("hidden_reason", read_only=True),
            ],
            heading=_("Status (hide or show it with “Moderate”)"),
        ),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("moderate/<int:pk>/", ProductModerateView.as_view(), name="moderate"),
        ]


class OrderInspectView(MarketplaceInspectView):
    """The order as the office reads it, with the refund action in its header."""

    money_fields = ("items_total", "shipping_total", "grand_total")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.paid_at and self.request.user.has_perm(
            "marketplace.change_order"
        ):
            buttons.append(
                HeaderButton(
                    _("Refund"),
                    url=reverse("marketplace_refund", args=[self.object.pk]),
                    icon_name="undo",
                )
            )
        return buttons


class ReviewInspectView(MarketplaceInspectView):
    """A review with "Hide" (asks for a reason) or "Show again" in its header."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("marketplace.change_review"):
            buttons.append(
                HeaderButton(
                    _("Show again") if self.object.is_hidden else _("Hide"),
                    url=reverse("marketplace_review_hide", args=[self.object.pk]),
                    icon_name="view" if self.object.is_hidden else "no-view",
                )
            )
        return buttons


class OrderViewSet(ModelViewSet):
    name = "marketplace_orders"
    url_prefix = "marketplace/orders"
    model = Order
    icon = "list-ul"
    menu_label = _("Orders")
    list_display = [
        "number",
        "full_name",
        "status",
        RupiahColumn("grand_total", label=_("Total"), sort_key="grand_total"),
        "payment_provider",
        LocalTimeColumn("created_at", label=_("Placed at"), sort_key="created_at"),
        Column(
            "refund",
            label=_("Refund"),
            accessor=lambda order: _("Refund") if order.paid_at else "",
        ),
    ]
    list_filter = ["status", "payment_provider"]
    search_fields = ["number", "full_name", "email"]
    inspect_view_enabled = True
    inspect_view_class = OrderInspectView
    form_fields = ["status"]


class PayoutViewSet(ModelViewSet):
    name = "marketplace_payouts"
    url_prefix = "marketplace/payouts"
    model = Payout
    icon = "arrow-right-full"
    menu_label = _("Payouts")
    list_display = [
        "vendor",
        "method",
        "status",
        RupiahColumn("amount", label=_("Amount"), sort_key="amount"),
        "reference",
        LocalTimeColumn("paid_at", label=_("Paid at"), sort_key="paid_at"),
    ]
    list_filter = ["method", "status"]
    inspect_view_enabled = True
    inspect_view_class = type(
        "PayoutInspectView", (MarketplaceInspectView,), {"money_fields": ("amount",)}
    )
    form_fields = ["reference"]


class CommissionRuleViewSet(ModelViewSet):
    name = "marketplace_commission"
    url_prefix = "marketplace/commission"
    model = CommissionRule
    icon = "cog"
    menu_label = _("Commission rules")
    list_display = [
        "vendor",
        "category",
        Column(
            "rate_bp",
            label=_("Commission"),
            accessor=lambda rule: f"{rule.rate_bp / 100:g} %",
        ),
    ]
    form_fields = ["vendor", "category", "rate_bp"]


class VendorShippingViewSet(ModelViewSet):
    name = "marketplace_shipping"
    url_prefix = "marketplace/shipping"
    model = VendorShipping
    icon = "site"
    menu_label = _("Shipping options")
    list_display = [
        "vendor",
        YesNoColumn("flat_enabled", label=_("Flat rate")),
        RupiahColumn("flat_rate", label=_("Flat rate (Rp)")),
        YesNoColumn("per_kg_enabled", label=_("Per kg")),
        RupiahColumn("per_kg_rate", label=_("Per kg (Rp)")),
        YesNoColumn("pickup_enabled", label=_("Pick-up")),
    ]
    form_fields = [
        "vendor",
        "flat_enabled",
        "flat_rate",
        "per_kg_enabled",
        "per_kg_rate",
        "pickup_enabled",
    ]


class WebhookEventViewSet(ModelViewSet):
    name = "marketplace_stripe_events"
    url_prefix = "marketplace/stripe-events"
    model = WebhookEvent
    icon = "warning"
    menu_label = _("Stripe events")
    list_display = [
        "event_id",
        "type",
        "status",
        "attempts",
        LocalTimeColumn("received_at", label=_("Received at"), sort_key="received_at"),
    ]
    list_filter = ["status", "type"]
    inspect_view_enabled = True
    inspect_view_class = MarketplaceInspectView
    form_fields = ["status"]


class ReviewViewSet(ModelViewSet):
    """Reviews, read-only; the office hides one with a reason (or shows it again)
    from its page, through ``marketplace.services.review_hide``."""

    name = "marketplace_reviews"
    url_prefix = "marketplace/reviews"
    model = Review
    icon = "openquote"
    menu_label = _("Reviews")
    list_display = [
        "product",
        "rating",
        Column("text", label=_("Review"), accessor=lambda r: r.text[:80]),
        YesNoColumn("is_hidden", label=_("Hidden")),
        LocalTimeColumn("created_at", label=_("Written at"), sort_key="created_at"),
    ]
    list_filter = ["is_hidden", "rating"]
    search_fields = ["text"]
    inspect_view_enabled = True
    inspect_view_class = ReviewInspectView
    form_fields = ["hidden_reason"]


for _model in (Order, Payout, WebhookEvent, Review):
    register_permission_policy(_model, ReadOnlyPolicy(_model))


class MarketplaceGroup(ModelViewSetGroup):
    menu_label = _("Marketplace")
    menu_icon = "tag"
    menu_order = 310
    items = (
        ProductViewSet,
        OrderViewSet,
        PayoutViewSet,
        CommissionRuleViewSet,
        VendorShippingViewSet,
        WebhookEventViewSet,
        ReviewViewSet,
    )


# Registered as a snippet (at app loading, not with the admin URLs) so the product
# snippet's chooser, checks and ``Product.snippet_viewset`` exist before any request.
register_snippet(MarketplaceGroup)


@hooks.register("register_admin_urls")
def register_marketplace_admin_urls():
    return [
        path(
            "marketplace/balances/", admin_views.balances, name="marketplace_balances"
        ),
        path(
            "marketplace/balances/<int:vendor_id>/bank-payout/",
            admin_views.record_bank_payout,
            name="marketplace_bank_payout",
        ),
        path(
            "marketplace/orders/<int:order_id>/refund/",
            admin_views.refund,
            name="marketplace_refund",
        ),
        path(
            "marketplace/reviews/<int:review_id>/hide/",
            admin_views.review_hide,
            name="marketplace_review_hide",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_balances_menu_item():
    return MenuItem(
        _("Balances owed"),
        reverse("marketplace_balances"),
        icon_name="doc-full",
        order=311,
    )


# --- Stalls and pick-up points: the office places vendors at events and opens windows.
class PickupWindowForm(forms.ModelForm):
    """The window must fit its point's event; the rule lives in the service."""

    class Meta:
        model = PickupWindow
        fields = ["point", "starts_at", "ends_at"]

    def clean(self):
        cleaned = super().clean()
        point = cleaned.get("point")
        if point is not None:
            try:
                pickup_window_check(
                    point=point,
                    starts_at=cleaned.get("starts_at"),
                    ends_at=cleaned.get("ends_at"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class PickupPointViewSet(ModelViewSet):
    name = "marketplace_pickup_points"
    url_prefix = "marketplace/pickup-points"
    model = PickupPoint
    icon = "site"
    menu_label = _("Pick-up points")
    list_display = ["name", "destination", "event", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "destination",
        "event",
        "address",
        "meeting_note",
        "is_active",
    ]


class PickupWindowViewSet(ModelViewSet):
    name = "marketplace_pickup_windows"
    url_prefix = "marketplace/pickup-windows"
    model = PickupWindow
    icon = "time"
    menu_label = _("Pick-up windows")
    list_display = ["point", "starts_at", "ends_at"]
    list_filter = ["point"]

    def get_form_class(self, for_update=False):
        return PickupWindowForm


class VendorPickupPointViewSet(ModelViewSet):
    name = "marketplace_vendor_pickup_points"
    url_prefix = "marketplace/vendor-pickup-points"
    model = VendorPickupPoint
    icon = "group"
    menu_label = _("Vendors at pick-up points")
    list_display = ["vendor", "point"]
    list_filter = ["point"]
    form_fields = ["vendor", "point"]


class EventStallViewSet(ModelViewSet):
    name = "marketplace_event_stalls"
    url_prefix = "marketplace/event-stalls"
    model = EventStall
    icon = "home"
    menu_label = _("Event stalls")
    list_display = ["event", "label", "vendor", "pickup_point"]
    list_filter = ["event"]
    search_fields = ["label", "vendor__name"]
    form_fields = ["event", "vendor", "label", "pickup_point"]


class StallsGroup(ModelViewSetGroup):
    menu_label = _("Stalls and pick-up")
    menu_icon = "home"
    menu_order = 312
    items = (
        EventStallViewSet,
        PickupPointViewSet,
        PickupWindowViewSet,
        VendorPickupPointViewSet,
    )


@hooks.register("register_admin_viewset")
def register_stalls_viewsets():
    return StallsGroup()


@hooks.register("register_snippet_listing_buttons")
def product_moderate_button(snippet, user, next_url=None):
    if isinstance(snippet, Product) and user.has_perm("marketplace.change_product"):
        yield Button(
            gettext("Moderate"),
            reverse("wagtailsnippets_marketplace_product:moderate", args=[snippet.pk]),
            icon_name="warning",
            priority=5,
        )


@hooks.register("register_log_actions")
def register_product_log_actions(actions):
    for action, label in (
        ("banua.product.archive", _("Product archived")),
        ("banua.product.hide", _("Product hidden")),
        ("banua.product.unhide", _("Product shown again")),
    ):
        actions.register_action(action, label, label)


@hooks.register("register_log_actions")
def register_marketplace_log_actions(actions):
    for action, label in (
        ("banua.review.hide", _("Review hidden")),
        ("banua.review.unhide", _("Review shown again")),
    ):
        actions.register_action(action, label, label)
