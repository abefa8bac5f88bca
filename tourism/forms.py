"""The destination index filter: category and region from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import Region
from tourism.choices import DestinationCategory


class DestinationFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *DestinationCategory.choices],
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
    )


class EventDateFilterForm(forms.Form):
    """The event index's date filter: one day, `?date=YYYY-MM-DD` (a date input)."""

    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
