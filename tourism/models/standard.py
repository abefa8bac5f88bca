from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from tourism.blocks import BodyBlock
from tourism.models.base import TourismPage


class StandardPage(TourismPage):
    """A plain page the office writes: contact, about, terms, privacy, returns policy.

    Sits directly under a home page (one per language). Those with "show in footer"
    ticked are linked from every page's footer, in the tree's order.
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=True,
        help_text=_("Link this page from the footer of every page."),
    )

    content_panels = [
        *TourismPage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = [*TourismPage.promote_panels, FieldPanel("show_in_footer")]
    search_fields = [
        *TourismPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]
    parent_page_types = ["tourism.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("standard page")

    @property
    def meta_description(self) -> str:
        return self.search_description or self.intro
