"""Page behaviour that keeps public pages within the query budget.

Wagtail's defaults cost a query per URL segment (child by slug, then `.specific`),
two for the view-restriction check, and before any of that three for the request's
Site, the active Locale and the site's root page. These give the same answers from
`tourism.page_cache` and one lookup by url_path.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

from tourism import page_cache


class CachedRestrictionsMixin:
    """View restrictions without a query while the site has none (the usual case).

    Once any page is restricted, the same pages as Wagtail's own check are looked at
    (this page and its ancestors, each alias replaced by its source page), found in
    one query instead of one plus one per alias; the restrictions themselves are only
    fetched when one of those pages carries one.
    """

    def get_view_restrictions(self):
        restricted_ids = page_cache.restricted_page_ids()
        if not restricted_ids:
            return PageViewRestriction.objects.none()
        ancestors = Page.objects.filter(
            path__in=[
                self.path[:end]
                for end in range(self.steplen, len(self.path), self.steplen)
            ]
        ).values_list("pk", "alias_of_id")
        ids = {self.alias_of_id or self.pk}
        ids.update(alias_of_id or pk for pk, alias_of_id in ancestors)
        if ids.isdisjoint(restricted_ids):
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=ids)


class CachedRoutingMixin:
    """For the site's home pages: route a whole URL with one url_path lookup plus one
    query for the specific page (public `Page.route` override, no private API).

    The walk down the path is simulated on the fetched rows so pages with their own
    `route()` (RoutablePageMixin sub-routes such as an event's `ical/`) still take
    precedence exactly where Wagtail would let them; anything unusual falls back to
    Wagtail's own routing.
    """

    def route(self, request, path_components):
        if not path_components or not self.live:
            return super().route(request, path_components)
        prefixes = []
        url_path = self.url_path
        for component in path_components:
            url_path += component + "/"
            prefixes.append(url_path)

        def lookup():
            return {
                row["url_path"]: row
                for row in Page.objects.filter(
                    path__startswith=self.path,
                    depth__gt=self.depth,
                    depth__lte=self.depth + len(path_components),
                    url_path__in=prefixes,
                ).values("pk", "path", "depth", "url_path", "content_type_id")
            }

        def lookup_existing():
            # Only URLs that lead to a page are kept: random URLs fill no cache.
            found = lookup()
            return found if prefixes[-1] in found else None

        # Derived from pages only: cached for the page generation (any page change
        # replaces it). Previews look afresh (a draft shares the live page's id).
        preview = getattr(request, "is_preview", False)
        rows = (
            lookup()
            if preview
            else page_cache.cached(f"route:{url_path}", lookup_existing) or {}
        )
        parent = {"path": self.path, "depth": self.depth}
        for index, url_path in enumerate(prefixes):
            row = rows.get(url_path)
            if (
                row is None
                or row["depth"] != parent["depth"] + 1
                or not row["path"].startswith(parent["path"])
            ):
                return super().route(request, path_components)
            model = _model_for(row["content_type_id"])
            if model is None:
                return super().route(request, path_components)
            remaining = path_components[index + 1 :]
            if not remaining or _handles_own_route(model, remaining):

                def fetch(model=model, pk=row["pk"]):
                    return (
                        model._default_manager.select_related(
                            *page_cache.route_joins(model)
                        )
                        .filter(pk=pk)
                        .first()
                    )

                page = (
                    fetch()
                    if preview
                    else page_cache.cached(f"page:{row['pk']}", fetch)
                )
                if page is None:
                    raise Http404
                return page.route(request, remaining)
            parent = row
        return super().route(request, path_components)


def _model_for(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model if model is not None and issubclass(model, Page) else None


def _handles_own_route(model, remaining) -> bool:
    """Would this intermediate page answer `remaining` itself instead of a child?

    RoutablePageMixin pages answer when one of their sub-routes matches (their class's
    resolver tells without a query); any other custom route() is assumed to.
    """
    if model.route is Page.route:
        return False
    if issubclass(model, RoutablePageMixin) and (
        model.route is RoutablePageMixin.route
    ):
        try:
            model.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:
            return False
        return True
    return True


# Cached in place of "this host has no Site" (page_cache treats None as a miss).
_NO_ROOT = "no-root"


def site_root_page(request):
    """The page Wagtail routes a request from: the request's Site's root page in the
    active language, as its specific page (`Site.find_for_request(request)
    .root_page.localized.specific`, Wagtail's own answer, all public API).

    Cached per host, port and language for the page generation, which any change to
    pages, sites or locales replaces: a warm request looks up no Site, Locale or root
    page (three queries, the Site's compiled per request). The host is Django's
    validated `get_host()` (CommonMiddleware has already checked it against
    ALLOWED_HOSTS), so the entries are bounded by the allowed hosts.
    """

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return _NO_ROOT
        return site.root_page.localized.specific

    root = page_cache.cached(
        f"root:{request.get_host()}:{request.get_port()}:{get_language()}", build
    )
    return None if root == _NO_ROOT else root


def route_for_request(request, path: str):
    """What Wagtail's `Page.route_for_request` answers (a RouteResult, or None for a
    404), with the root page from `site_root_page`: the walk itself is the root page's
    own public `route()` (CachedRoutingMixin on the home pages)."""
    root = site_root_page(request)
    if root is None:
        return None
    try:
        return root.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None
