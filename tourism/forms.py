"""The destination index filter: category and region from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tourism.choices import DestinationCategory, Region


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
