"""The office's view of the outbox (Settings → Outgoing e-mails): what was sent, what
waits for a retry and why. Read-only: rows change only through the sending service."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import ReadOnlyPolicy
from notifications.models import OutboundEmail

register_permission_policy(OutboundEmail, ReadOnlyPolicy(OutboundEmail))


class OutboundEmailViewSet(ModelViewSet):
    name = "notifications_outbox"
    url_prefix = "notifications/outbox"
    model = OutboundEmail
    icon = "mail"
    menu_label = _("Outgoing e-mails")
    add_to_settings_menu = True
    list_display = ["to", "subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject"]
    inspect_view_enabled = True
    form_fields = ["status"]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboundEmailViewSet()
