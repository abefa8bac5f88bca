"""Template tags of tourism pages: JSON-LD, absolute URLs, the translation notice."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.translation_urls import path_in_language
from tourism import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context):
    page = context.get("page")
    request = context.get("request")
    if page is None or not hasattr(page, "structured_data"):
        return ""
    data = seo.page_structured_data(page=page, request=request, context=context)
    return mark_safe("".join(seo.json_ld_script(item) for item in data))  # noqa: S308


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return seo.absolute(context.get("request"), url)


@register.inclusion_tag("tourism/includes/fallback_notice.html", takes_context=True)
def translation_fallback_notice(context):
    """Shown when a visitor asked for a language this page has no translation in."""
    request = context.get("request")
    wanted = request.GET.get("fallback", "") if request else ""
    languages = dict(settings.LANGUAGES)
    show = wanted in languages and wanted != get_language()
    return {
        "show": show,
        "wanted": wanted,
        "wanted_name": languages.get(wanted, ""),
        "home_url": path_in_language("/", language=wanted) if show else "",
    }
