"""Request-level shortcuts for public pages."""

from wagtail import views as wagtail_views

from banua import page_cache


class CachedSiteMiddleware:
    """Gives Wagtail's page view the request's Site from banua.page_cache instead of
    a query (`Site.find_for_request` returns `request._wagtail_site` when set).

    Only for Wagtail's `serve` view, so API calls and webhooks never pay for a Site
    they do not use, and other views keep Wagtail's own lookup. Goes after
    LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = page_cache.site_for_request(request)
        return None
