"""Wagtail's read-only content API at /api/v2/, so the city's own app can reuse pages.

Pages (with each type's `api_fields`; filter with ?type=tourism.DestinationPage and
?locale=en), images and documents. ``?search=`` goes through search.pages, which
keeps answering (from titles) when Elasticsearch is down.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from search.pages import PagesSearchAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesSearchAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
