from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from tourism.blocks import BodyBlock, ItineraryDayBlock
from tourism.models.base import TourismPage, image_fk


class StoryIndexPage(RoutablePageMixin, TourismPage):
    """Lists stories (campaigns such as "Gebrak Pariwisata") and itineraries.

    Sits directly under a home page. `itineraries/` is the itinerary index: every
    suggested trip, without the stories.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*TourismPage.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["tourism.HomePage"]
    subpage_types = ["tourism.StoryPage", "tourism.ItineraryPage"]

    class Meta:
        verbose_name = _("story index")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context["stories"] = selectors.story_list(index=self)
        context["itineraries"] = selectors.itinerary_list(index=self)
        return context

    @property
    def itineraries_url(self) -> str:
        return self.url + self.reverse_subpage("itineraries")

    @path("itineraries/", name="itineraries")
    def itineraries(self, request):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        return self.render(
            request,
            context_overrides={"itineraries": selectors.itinerary_list(index=self)},
            template="tourism/itinerary_index_page.html",
        )


class StoryPage(TourismPage):
    """An article: a campaign, a maker's portrait, news; under a story index."""

    summary = models.TextField(_("summary"), max_length=300)
    hero_image = image_fk(_("hero image"))
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=120, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *TourismPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("body"),
        *TourismPage.pin_panels,
    ]
    search_fields = [
        *TourismPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("date"),
        APIField("author"),
        APIField("body"),
        APIField("hero_image"),
    ]
    parent_page_types = ["tourism.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")


class ItineraryPage(TourismPage):
    """A suggested trip: day by day, each day a list of stops that link destinations.

    Sits under a story index, beside the stories.
    """

    summary = models.TextField(_("summary"), max_length=300)
    hero_image = image_fk(_("hero image"))
    days = StreamField(
        [("day", ItineraryDayBlock())], verbose_name=_("days"), min_num=1
    )

    content_panels = [
        *TourismPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("days"),
        *TourismPage.pin_panels,
    ]
    search_fields = [
        *TourismPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("days"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("days"),
        APIField("hero_image"),
    ]
    parent_page_types = ["tourism.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("itinerary")
        verbose_name_plural = _("itineraries")

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        context["itinerary_days"] = selectors.itinerary_days(itinerary=self)
        return context
