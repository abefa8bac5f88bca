"""The one StreamBlock that every tourism page body uses."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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
