from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared code under every other app. Installed only for its templates: the
    fallback page frame (``base.html``) and the office's "Moderate" screen. The
    label is prefixed so a project's own ``core`` app does not clash with it."""

    name = "core"
    label = "banua_core"
    verbose_name = _("Banua core")
