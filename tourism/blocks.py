"""The one StreamBlock that every tourism page body uses."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        form_classname = "title"
        description = _("A section heading (rendered as h2)")
        preview_value = "Pasar Terapung Lok Baintan"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A quotation with who said it")
        preview_value = {"text": "Kayuh baimbai.", "attribution": "Pepatah Banjar"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text"),
        preview_value="<p>Sungai adalah jalan raya orang Banjar.</p>",
    )
    image = ImageBlock(
        template="blocks/image_block.html",
        description=_("A picture with alternative text"),
    )
    quote = QuoteBlock()

    class Meta:
        template = "blocks/body_block.html"


class GalleryBlock(blocks.StreamBlock):
    """Photos of a destination, shown as a grid of lazily loaded thumbnails."""

    image = ImageBlock(
        template="blocks/gallery_image_block.html",
        description=_("A photo with alternative text"),
    )

    class Meta:
        template = "blocks/gallery_block.html"


class ItineraryStopBlock(blocks.StructBlock):
    """One stop of a day: a destination page, or a named place that has no page."""

    destination = blocks.PageChooserBlock(
        page_type="tourism.DestinationPage", required=False, label=_("Destination")
    )
    name = blocks.CharBlock(
        required=False,
        label=_("Place name"),
        help_text=_("Only when the stop is not a destination page."),
    )
    time = blocks.CharBlock(required=False, max_length=40, label=_("Time"))
    note = blocks.TextBlock(required=False, label=_("Note"))

    class Meta:
        icon = "site"
        label = _("Stop")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("destination") and not value.get("name"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "destination": ValidationError(
                        _("Choose a destination or write a place name.")
                    )
                }
            )
        return value


class ItineraryDayBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title of the day"))
    description = blocks.TextBlock(required=False, label=_("Description"))
    stops = blocks.ListBlock(ItineraryStopBlock(), min_num=1, label=_("Stops"))

    class Meta:
        icon = "date"
        template = "blocks/itinerary_day_block.html"
        description = _("One day of an itinerary and its stops")
        preview_value = {
            "title": "Hari 1: Banjarmasin",
            "description": "Pasar terapung saat subuh, lalu Kampung Sasirangan.",
            "stops": [{"name": "Lok Baintan", "time": "05.30", "note": ""}],
        }


class PinsBlock(blocks.StreamBlock):
    """Products and makers an editor pins on a page (snippets of the vendors app)."""

    product = SnippetChooserBlock("marketplace.Product", icon="tag", label=_("Product"))
    vendor = SnippetChooserBlock("vendors.Vendor", icon="user", label=_("Maker"))

    class Meta:
        max_num = 12


class OpeningHoursBlock(blocks.StructBlock):
    """Days of the week that share one opening and closing time (local time, WITA)."""

    days = blocks.MultipleChoiceBlock(
        label=_("Days"),
        choices=[
            ("mo", _("Monday")),
            ("tu", _("Tuesday")),
            ("we", _("Wednesday")),
            ("th", _("Thursday")),
            ("fr", _("Friday")),
            ("sa", _("Saturday")),
            ("su", _("Sunday")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(
        label=_("Closes"), help_text=_("Open all day: opens 00:00, closes 23:59.")
    )

    class Meta:
        icon = "time"
        description = _("Days and opening times")
        preview_value = {
            "days": ["mo", "tu", "we"],
            "opens": "08:00",
            "closes": "17:00",
        }
