"""The office's marketplace menu: orders, balances owed, payouts, commission and
shipping.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from core.permissions import ReadOnlyPolicy
from marketplace import admin_views
from marketplace.models import (
    CommissionRule,
    Order,
    Payout,
    VendorShipping,
    WebhookEvent,
)


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
        "grand_total",
        "payment_provider",
        "created_at",
    ]
    list_filter = ["status", "payment_provider"]
    search_fields = ["number", "full_name", "email"]
    inspect_view_enabled = True
    form_fields = ["status"]


class PayoutViewSet(ModelViewSet):
    name = "marketplace_payouts"
    url_prefix = "marketplace/payouts"
    model = Payout
    icon = "arrow-right-full"
    menu_label = _("Payouts")
    list_display = ["vendor", "method", "status", "amount", "reference", "paid_at"]
    list_filter = ["method", "status"]
    inspect_view_enabled = True
    form_fields = ["reference"]


class CommissionRuleViewSet(ModelViewSet):
    name = "marketplace_commission"
    url_prefix = "marketplace/commission"
    model = CommissionRule
    icon = "cog"
    menu_label = _("Commission rules")
    list_display = ["vendor", "category", "rate_bp"]
    form_fields = ["vendor", "category", "rate_bp"]


class VendorShippingViewSet(ModelViewSet):
    name = "marketplace_shipping"
    url_prefix = "marketplace/shipping"
    model = VendorShipping
    icon = "site"
    menu_label = _("Shipping options")
    list_display = ["vendor", "flat_rate", "per_kg_rate", "pickup_enabled"]
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
    list_display = ["event_id", "type", "status", "attempts", "received_at"]
    list_filter = ["status", "type"]
    inspect_view_enabled = True
    form_fields = ["status"]


for _model in (Order, Payout, WebhookEvent):
    register_permission_policy(_model, ReadOnlyPolicy(_model))


class MarketplaceGroup(ModelViewSetGroup):
    menu_label = _("Marketplace")
    menu_icon = "tag"
    menu_order = 310
    items = (
        OrderViewSet,
        PayoutViewSet,
        CommissionRuleViewSet,
        VendorShippingViewSet,
        WebhookEventViewSet,
    )


@hooks.register("register_admin_viewset")
def register_marketplace_viewsets():
    return MarketplaceGroup()


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
    ]


@hooks.register("register_admin_menu_item")
def register_balances_menu_item():
    return MenuItem(
        _("Balances owed"),
        reverse("marketplace_balances"),
        icon_name="doc-full",
        order=311,
    )


@hooks.register("register_log_actions")
def register_marketplace_log_actions(actions):
    for action, label in (
        ("banua.review.hide", _("Review hidden")),
        ("banua.review.unhide", _("Review shown again")),
    ):
        actions.register_action(action, label, label)
