"""Request-level behaviour of the public site."""

from wagtail import views as wagtail_views

from banua.edge_cache import is_cacheable_view, mark_response
from tourism import views as tourism_views

# Wagtail pages: served by tourism.views (cached routing), or by Wagtail itself in a
# project that mounts wagtail.urls.
PAGE_VIEWS = (tourism_views.serve, wagtail_views.serve)


class EdgeCacheMiddleware:
    """Sends `Cache-Control: public, s-maxage=N, max-age=0` on anonymous pages that
    any visitor may share, `private` on everything else (see banua.edge_cache).

    Goes right below WhiteNoise and above SessionMiddleware and CsrfViewMiddleware,
    so on the way out it sees every cookie they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return mark_response(request, self.get_response(request))

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        request.banua_edge_cacheable = view_func in PAGE_VIEWS or (
            match is not None and is_cacheable_view(match.view_name)
        )
        return None
