"""URLs of the "Kampung" test project: its own NinjaAPI with the marketplace's catalogue
router mounted, and Wagtail's pages."""

from django.urls import include, path
from ninja import NinjaAPI
from wagtail import urls as wagtail_urls

from marketplace.api import router as catalogue_router

api = NinjaAPI(urls_namespace="kampung_api")
api.add_router("/catalogue/", catalogue_router)

urlpatterns = [
    path("api/", api.urls),
    path("", include(wagtail_urls)),
]
