"""Which responses a shared HTTP cache (Varnish, deploy/varnish/banua.vcl) may keep.

A page is shareable when every anonymous visitor would get the same bytes: the view
is Wagtail's page view or a storefront view named in BANUA_EDGE_CACHE_VIEWS (the
apps themselves know nothing of the cache), the request
carries no session and no credentials, and rendering neither set a cookie, changed
the session nor put a CSRF token in the page (Django flags a used token in
`request.META["CSRF_COOKIE_NEEDS_UPDATE"]`). Everything else is `private`, so no
cache in between keeps a page that belongs to one visitor.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

DEFAULT_SECONDS = 300
# The public storefront pages: product, shop, shop directory, catalogue, categories,
# and the search page (its purges are the storefront's and the pages' own).
DEFAULT_VIEWS = (
    "search:results",
    "marketplace:catalogue",
    "marketplace:category",
    "marketplace:product_detail",
    "vendors:shop_detail",
    "vendors:shop_directory",
)


def is_cacheable_view(view_name: str | None) -> bool:
    return view_name in getattr(settings, "BANUA_EDGE_CACHE_VIEWS", DEFAULT_VIEWS)


def edge_cache_seconds() -> int:
    return int(getattr(settings, "BANUA_EDGE_CACHE_SECONDS", DEFAULT_SECONDS))


def is_shareable(request, response) -> bool:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if not getattr(request, "banua_edge_cacheable", False):
        return False
    # The view (or Wagtail, for restricted pages and previews) already decided.
    if response.has_header("Cache-Control") or response.cookies:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return not (
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or request.META.get("CSRF_COOKIE_USED")
    )


def mark_response(request, response):
    seconds = edge_cache_seconds()
    if seconds > 0 and is_shareable(request, response):
        patch_cache_control(response, public=True, s_maxage=seconds, max_age=0)
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)
    return response
