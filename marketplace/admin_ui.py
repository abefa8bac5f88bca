"""Columns and views of the marketplace's office screens: rupiah as rupiah."""

from wagtail.admin.ui.tables import Column

from core.admin_ui import OfficeInspectView
from marketplace.money import format_rupiah


class RupiahColumn(Column):
    """``250000`` → ``Rp 250.000``."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return "" if value is None else format_rupiah(int(value))


class MarketplaceInspectView(OfficeInspectView):
    format_money = staticmethod(format_rupiah)
