"""The vendor's forms for experiences: the listing, weekly sessions, a check-in code.

They validate input only; every write goes through ``marketplace.services``.
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import sanitise_text
from marketplace.limits import INT_MAX, NOTE_MAX_LENGTH
from marketplace.models import Category, Experience
from marketplace.services import ExperienceData

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def _meeting_point_queryset():
    # The destination pages live in the tourism app, above this one: reached through
    # the model's foreign key, as the shop form does for its destination.
    model = Experience._meta.get_field("meeting_point").related_model
    return model.objects.live().order_by("title")


class ExperienceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=140)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all()
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=10_080, initial=120
    )
    price = forms.IntegerField(
        label=_("Price per person (Rp)"), min_value=1, max_value=INT_MAX
    )
    child_price = forms.IntegerField(
        label=_("Child price (Rp)"),
        min_value=0,
        max_value=INT_MAX,
        required=False,
        help_text=_("Leave empty if children pay the full price."),
    )
    meeting_point = forms.ModelChoiceField(
        label=_("Meeting point"), queryset=None, required=False
    )
    meeting_note = forms.CharField(
        label=_("How to find the meeting point"), max_length=255, required=False
    )
    languages = forms.CharField(
        label=_("Languages offered"), max_length=120, required=False
    )
    included = forms.CharField(
        label=_("What's included"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        required=False,
    )
    free_cancellation_hours = forms.IntegerField(
        label=_("Free cancellation until (hours before)"),
        min_value=0,
        max_value=24 * 60,
        initial=24,
    )
    publish = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_point"].queryset = _meeting_point_queryset()

    @classmethod
    def initial_for(cls, experience: Experience) -> dict:
        product = experience.product
        return {
            "name": product.name,
            "description": product.description,
            "category": product.category_id,
            "duration_minutes": experience.duration_minutes,
            "price": experience.price,
            "child_price": experience.child_price,
            "meeting_point": experience.meeting_point_id,
            "meeting_note": experience.meeting_note,
            "languages": experience.languages,
            "included": experience.included,
            "free_cancellation_hours": experience.free_cancellation_hours,
            "publish": product.status == "published",
        }

    def data_for_service(self) -> ExperienceData:
        data = self.cleaned_data
        return ExperienceData(
            name=sanitise_text(data["name"]),
            description=sanitise_text(data["description"]),
            category_id=data["category"].pk,
            duration_minutes=data["duration_minutes"],
            price=data["price"],
            child_price=data["child_price"],
            meeting_point_id=data["meeting_point"].pk
            if data["meeting_point"]
            else None,
            meeting_note=sanitise_text(data["meeting_note"]),
            languages=sanitise_text(data["languages"]),
            included=sanitise_text(data["included"]),
            free_cancellation_hours=data["free_cancellation_hours"],
        )


class WeeklySessionsForm(forms.Form):
    """ "Every Saturday at 08:00 for eight weeks"."""

    weekday = forms.TypedChoiceField(label=_("Day"), choices=WEEKDAYS, coerce=int)
    time = forms.TimeField(
        label=_("Start time (WITA)"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    weeks = forms.IntegerField(
        label=_("For how many weeks"), min_value=1, max_value=52, initial=8
    )
    capacity = forms.IntegerField(
        label=_("Seats per session"), min_value=1, max_value=10_000, initial=10
    )
    first_day = forms.DateField(
        label=_("Starting from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )

    def clean_first_day(self):
        return self.cleaned_data.get("first_day") or timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        first = cleaned.get("first_day")
        if first and first > timezone.localdate() + dt.timedelta(days=366):
            self.add_error("first_day", _("Start within the next year."))
        return cleaned


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
