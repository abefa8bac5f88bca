"""Page types of the tourism site.

Tree: Root -> HomePage (one per locale) -> DestinationIndexPage -> DestinationPage
                                        -> EventIndexPage -> EventPage
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from tourism.blocks import BodyBlock
from tourism.choices import DestinationCategory, Region


def _image_fk(verbose_name):
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


class HomePage(Page):
    """The site's front page, one per language: hero, featured destinations, events, products."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = _image_fk(_("hero image"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["tourism.DestinationIndexPage", "tourism.EventIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_page_sections(home=self))
        return context


class DestinationIndexPage(Page):
    """Lists every destination under it; sits directly under the home page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["tourism.HomePage"]
    subpage_types = ["tourism.DestinationPage"]

    class Meta:
        verbose_name = _("destination index")

    def get_context(self, request, *args, **kwargs):
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context["destinations"] = selectors.destination_list(index=self)
        return context


class DestinationPage(Page):
    """One place to visit: what it is, where it is, when to go, and the makers around it."""

    summary = models.TextField(_("summary"), max_length=300, help_text=_("One or two sentences for cards and search results."))
    hero_image = _image_fk(_("hero image"))
    category = models.CharField(_("category"), max_length=20, choices=DestinationCategory.choices)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    ticket_price = models.PositiveIntegerField(
        _("ticket price (Rp)"),
        null=True,
        blank=True,
        help_text=_("Whole rupiah for an adult ticket; 0 means free, empty means unknown."),
    )
    how_to_get_there = models.TextField(_("how to get there"), blank=True)
    best_time_to_visit = models.CharField(_("best time to visit"), max_length=255, blank=True)
    facilities = models.TextField(_("facilities and accessibility"), blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("region")]),
        FieldPanel("body"),
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
                FieldPanel("opening_hours"),
                FieldPanel("ticket_price"),
                FieldPanel("best_time_to_visit"),
                FieldPanel("facilities"),
                FieldPanel("whatsapp"),
            ],
            heading=_("Visiting"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("address"),
        index.FilterField("category"),
        index.FilterField("region"),
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
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def get_context(self, request, *args, **kwargs):
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.destination_neighbourhood(destination=self))
        return context


class EventIndexPage(Page):
    """Lists upcoming events; sits directly under the home page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["tourism.HomePage"]
    subpage_types = ["tourism.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context["events"] = selectors.event_list_upcoming(index=self)
        return context


class EventPage(Page):
    """A festival or happening with a start and end time (shown in WITA) and a venue."""

    summary = models.TextField(_("summary"), max_length=300)
    hero_image = _image_fk(_("hero image"))
    start_at = models.DateTimeField(_("starts at"))
    end_at = models.DateTimeField(_("ends at"))
    is_yearly = models.BooleanField(_("held every year"), default=False)
    venue = models.ForeignKey(
        "tourism.DestinationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("venue"),
    )
    venue_name = models.CharField(
        _("venue name"), max_length=255, blank=True, help_text=_("When the venue is not a destination page.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
        FieldPanel("is_yearly"),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("venue_name")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("start_at"),
    ]
    parent_page_types = ["tourism.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start_at and self.end_at and self.end_at < self.start_at:
            raise ValidationError({"end_at": _("An event cannot end before it starts.")})

    @property
    def is_upcoming(self) -> bool:
        return self.end_at >= timezone.now()
