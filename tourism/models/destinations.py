from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index

from core.choices import Region
from tourism import opening_hours, page_cache
from tourism.api_fields import ExperiencesHereField
from tourism.blocks import BodyBlock, GalleryBlock, OpeningHoursBlock
from tourism.choices import DestinationCategory
from tourism.forms import DestinationFilterForm
from tourism.models.base import TourismPage, image_fk


class DestinationIndexPage(TourismPage):
    """Lists the destinations under it, filterable by category and region (GET params).

    Sits directly under a home page.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*TourismPage.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["tourism.HomePage"]
    subpage_types = ["tourism.DestinationPage"]

    class Meta:
        verbose_name = _("destination index")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        form = DestinationFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["destinations"] = selectors.destination_list(
            index=self,
            category=filters.get("category") or None,
            region=filters.get("region") or None,
        )
        return context


def _latitude_validators():
    message = _("Latitude must be between -90 and 90 degrees.")
    return [MinValueValidator(-90, message), MaxValueValidator(90, message)]


def _longitude_validators():
    message = _("Longitude must be between -180 and 180 degrees.")
    return [MinValueValidator(-180, message), MaxValueValidator(180, message)]


class DestinationPage(TourismPage):
    """One place to visit: what and where it is, when to go, the makers around it.

    Sits under a destination index; events may name it as their venue and vendors may
    belong to it.
    """

    # Nothing in its content depends on the visitor (see TourismPage).
    content_fragment_seconds = 300

    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences for cards and search results."),
    )
    hero_image = image_fk(_("hero image"))
    category = models.CharField(
        _("category"), max_length=20, choices=DestinationCategory.choices
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=_latitude_validators(),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=_longitude_validators(),
    )
    opening_hours_spec = StreamField(
        [("hours", OpeningHoursBlock())],
        blank=True,
        verbose_name=_("opening hours"),
        help_text=_("One row per group of days with the same times."),
    )
    # Until 2026 the only opening hours, one "Indonesian / English" string; now a note
    # in the page's own language beside the structured hours ("outside prayer times").
    opening_hours = models.CharField(
        _("opening hours note"), max_length=255, blank=True
    )
    ticket_price = models.PositiveIntegerField(
        _("ticket price (Rp)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                0, _("A ticket price cannot be negative; use 0 for free.")
            )
        ],
        help_text=_("Whole rupiah for an adult ticket; 0 means free, empty unknown."),
    )
    how_to_get_there = models.TextField(_("how to get there"), blank=True)
    best_time_to_visit = models.CharField(
        _("best time to visit"), max_length=255, blank=True
    )
    facilities = models.TextField(_("facilities and accessibility"), blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    gallery = StreamField(GalleryBlock(), blank=True, verbose_name=_("gallery"))

    content_panels = [
        *TourismPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("region")]),
        FieldPanel("body"),
        FieldPanel("gallery"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("how_to_get_there"),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours_spec"),
                FieldPanel("opening_hours"),
                FieldPanel("ticket_price"),
                FieldPanel("best_time_to_visit"),
                FieldPanel("facilities"),
                FieldPanel("whatsapp"),
            ],
            heading=_("Visiting"),
        ),
        *TourismPage.pin_panels,
    ]
    search_fields = [
        *TourismPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("address"),
        index.FilterField("category"),
        index.FilterField("region"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("category"),
        APIField("region"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("opening_hours"),
        APIField("opening_hours_spec"),
        APIField("ticket_price"),
        APIField("how_to_get_there"),
        APIField("best_time_to_visit"),
        APIField("facilities"),
        APIField("whatsapp"),
        APIField("body"),
        APIField("gallery"),
        APIField("hero_image"),
        APIField(
            "hero_image_thumbnail",
            serializer=ImageRenditionField("fill-480x320", source="hero_image"),
        ),
        # Experiences meeting here with their next bookable sessions (issue 11).
        APIField("experiences", serializer=ExperiencesHereField()),
    ]
    parent_page_types = ["tourism.DestinationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("destination")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def opening_hours_lines(self):
        """The structured hours in the active language, for the template."""
        return opening_hours.describe(
            [block.value for block in self.opening_hours_spec]
        )

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def osm_url(self) -> str:
        lat, lng = self.latitude, self.longitude
        return (
            f"https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map=15/{lat}/{lng}"
        )

    @property
    def geo_uri(self) -> str:
        """RFC 5870 geo: URI; phones open it in their own map app, offline maps too."""
        return f"geo:{self.latitude},{self.longitude}"

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        # The "makers and products nearby" block is a cached fragment (its key changes
        # with any page or marketplace change): built, queries and all, only on a miss.
        context["neighbourhood"] = SimpleLazyObject(
            lambda: selectors.destination_neighbourhood(destination=self)
        )
        context["neighbourhood_key"] = page_cache.fragment_key()
        context["upcoming_events_here"] = SimpleLazyObject(
            lambda: selectors.event_list_at_venue(venue=self)
        )
        context["pickup_points"] = SimpleLazyObject(
            lambda: selectors.destination_pickup_points(destination=self)
        )
        # Lazy, like the neighbourhood: rendered inside the same cached fragment.
        context["experiences_here"] = SimpleLazyObject(
            lambda: selectors.experience_list_at_destination(destination=self)
        )
        return context
