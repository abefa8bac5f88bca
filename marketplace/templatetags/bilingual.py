"""Product and shop texts in the visitor's language (see marketplace.bilingual).

``{% localized product "name" as name %}`` gives a LocalText (``.text``,
``.fallback``); ``{% local product "name" %}`` prints the text, inside
``<span lang="id">`` with a small "in Indonesian" note when the English is missing.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from marketplace.bilingual import LocalText, local_text

register = template.Library()


@register.simple_tag
def localized(obj, field: str) -> LocalText:
    return local_text(obj, field)


@register.simple_tag
def local(obj, field: str, note: bool = True):
    text = local_text(obj, field)
    if not text.fallback:
        return text.text
    if not note:
        return format_html('<span lang="id">{}</span>', text.text)
    return format_html(
        '<span lang="id">{}</span> <span class="lang-note">({})</span>',
        text.text,
        _("in Indonesian"),
    )
