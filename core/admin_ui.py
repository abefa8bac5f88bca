"""Wagtail admin pieces every app's office screens share: readable values, local times.

The office reads the admin in WITA. Wagtail's listings already convert times to the
current zone, but its inspect view prints a datetime as stored (UTC), so an order paid
at 17.30 WITA read "9.30"; ``OfficeInspectView`` converts every time and names the zone.
Booleans read "Yes"/"No" (words, not icons a screen reader announces as "tick"), and an
empty value a dash instead of "None".
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView


def local_datetime(value: datetime | None) -> str:
    """``30 Nov 2026, 17.30 WITA``: the site's zone, with its name."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    return f"{date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"


def yes_no(value) -> str:
    if value is None:
        return "—"
    return _("Yes") if value else _("No")


class YesNoColumn(Column):
    """A boolean column that reads "Yes" or "No"."""

    def get_value(self, instance):
        return yes_no(super().get_value(instance))


class LocalTimeColumn(Column):
    """A datetime column in the site's zone, with the zone's name (WITA)."""

    def get_value(self, instance):
        return local_datetime(super().get_value(instance))


class OfficeInspectView(InspectView):
    """Inspect view with local times, yes/no and dashes; ``money_fields`` are shown
    with ``format_money`` (set by the app that knows its currency)."""

    money_fields: tuple[str, ...] = ()
    format_money = staticmethod(str)

    def get_field_display_value(self, field_name, field):
        if field_name in self.money_fields:
            return self.format_money(getattr(self.object, field_name))
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            return local_datetime(value)
        if isinstance(value, bool):
            return yes_no(value)
        if value is None or value == "":
            return "—"
        return value
