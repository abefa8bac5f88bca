"""Tags for the site chrome: the language switcher, the hreflang alternates, the
chrome's static files and the key of its shared fragments."""

import functools

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language

from core import generations
from core.site_url import absolute_url
from core.translation_urls import path_in_language
from tourism.selectors import page_alternates

register = template.Library()


@register.simple_tag
@functools.cache
def chrome_static(path: str) -> str:
    """``{% static %}`` worked out once per process for the files every page links
    (Django's tag looks the storage up again on each use). Static names only change
    with a deploy (collectstatic), which restarts the processes."""
    return static(path)


@register.simple_tag(takes_context=True)
def chrome_fragment_key(context, part: str) -> str:
    """The key under which the header or footer is a shared fragment
    (marketplace.fragments: never read nor stored for a logged-in visitor).

    The header shows the page's own path (the log-in link comes back to it, the
    language switcher links its translations), the navigation of the page tree, and,
    for a visitor with a session, the cart count: the key holds each, with both
    generation tokens (a page or storefront change retires it) and the host. A request
    with a query string (a search, a page number, a language fallback notice) and an
    error page get no key: their header is rendered each time, so the cache never
    holds one per query or per unknown URL. The footer depends on the language, the
    host and the page tree only.
    """
    request = context.get("request")
    if request is None:
        return ""
    common = (part, get_language(), request.get_host(), generations.fragment_key())
    if part == "footer":
        return ":".join(common)
    if request.GET or "request_path" in context:
        # "request_path": Django's error pages (404, 403), one per unknown URL.
        return ""
    shopper = context.get("shopper_nav") or {}
    return ":".join((*common, request.path, str(shopper.get("cart_count") or 0)))


def _page_alternates(page, request):
    """The URL of this page in each language; None where no translation is live.

    Computed once per request: the switcher and the <head> alternates both need it.
    """
    cached = getattr(request, "_banua_page_alternates", None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]

    alternates = page_alternates(page=page, request=request)
    request._banua_page_alternates = (page.pk, alternates)
    return alternates


def _is_page(page):
    return page is not None and hasattr(page, "get_translations") and page.pk


def _language_links(context):
    """The switcher's links, worked out once per request and language: the switcher
    and the <head> alternates both need them."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    key = (page.pk if _is_page(page) else None, current)
    cached = getattr(request, "_banua_language_links", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    links = _build_language_links(request, page, current)
    request._banua_language_links = (key, links)
    return links


def _build_language_links(request, page, current):
    alternates = _page_alternates(page, request) if _is_page(page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        url, fallback = alternates.get(code), False
        if url is None and alternates:
            # No translation yet: the page as it exists, with a notice, never a 404.
            fallback = True
            url = (
                alternates.get(current) or page.get_url(request)
            ) + f"?fallback={code}"
        elif url is None:
            url = path_in_language(request.get_full_path(), language=code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "fallback": fallback,
            }
        )
    return links


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"links": _language_links(context)}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_alternates(context):
    """<link rel="alternate" hreflang> for each language that really has this page,
    at the site's configured address (as canonical and Open Graph URLs are)."""
    links = [link for link in _language_links(context) if not link["fallback"]]
    default = next(
        (link for link in links if link["code"] == settings.LANGUAGE_CODE), None
    )
    return {
        "links": [{**link, "url": absolute_url(link["url"])} for link in links],
        "x_default": absolute_url(default["url"]) if default else None,
    }
