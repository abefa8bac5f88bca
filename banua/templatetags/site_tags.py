"""Tags for the site chrome: the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


def _page_alternates(page, request):
    """The URL of this page in each language; None where no translation is live."""
    translations = {
        translated.locale.language_code: translated
        for translated in page.get_translations(inclusive=True).live().select_related("locale")
    }
    return {code: (translations[code].get_url(request) if code in translations else None) for code, _ in settings.LANGUAGES}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page")
    current = get_language()
    alternates = _page_alternates(page, request) if page is not None and hasattr(page, "get_translations") else {}
    links = []
    for code, name in settings.LANGUAGES:
        url = alternates.get(code) or translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"links": links}
