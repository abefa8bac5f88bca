import functools

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from tourism.blocks import BodyBlock
from tourism.models.base import TourismPage, image_fk
from tourism.pages import CachedRoutingMixin


class HomePage(CachedRoutingMixin, TourismPage):
    """The site's front page, one per language, directly under the root.

    Shows the hero, featured destinations, upcoming events, featured products of the
    marketplace, and the latest stories.
    """

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = image_fk(_("hero image"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    # Nothing in its content depends on the visitor (see TourismPage).
    content_fragment_seconds = 300

    content_panels = [
        *TourismPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
        *TourismPage.pin_panels,
    ]
    api_fields = [APIField("hero_title"), APIField("hero_text"), APIField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "tourism.DestinationIndexPage",
        "tourism.EventIndexPage",
        "tourism.StoryIndexPage",
        "tourism.StandardPage",
    ]

    class Meta:
        verbose_name = _("home page")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.hero_text

    def get_context(self, request, *args, **kwargs):
        # Lazy: selectors query these page models (a Wagtail page is also its view).
        from tourism import selectors

        context = super().get_context(request, *args, **kwargs)
        # Lazy: a cached content (content_fragment_seconds) never reads them.
        sections = SimpleLazyObject(lambda: selectors.home_page_sections(home=self))
        for name in HOME_SECTIONS:
            context[name] = SimpleLazyObject(
                functools.partial(_section, sections, name)
            )
        return context


HOME_SECTIONS = (
    "featured_destinations",
    "upcoming_events",
    "featured_products",
    "latest_stories",
)


def _section(sections, name):
    return sections[name]
