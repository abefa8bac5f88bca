"""Wagtail's page-serving view with the routing from tourism.pages.

`wagtail.views.serve` finds the Site by hostname, the root page's translation and its
specific row with three ORM queries on every request (Wagtail 8 keeps none of them
between requests, and has no setting or hook to change that). This view answers the
same from the page cache, then runs the same public hooks in the same order
(`before_serve_page`, then the `on_serve_page` chain, which holds Wagtail's own
view-restriction check), so private pages, passwords and hooks behave as before.
"""

from django.http import Http404, HttpResponse
from wagtail import hooks

from tourism.pages import route_for_request


def serve(request, path):
    route = route_for_request(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route

    def serve_page(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_page
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)
