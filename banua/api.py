"""The JSON API at /api/v1/ (django-ninja). Each app contributes one router, mounted here.

OpenAPI schema: /api/v1/openapi.json; interactive docs: /api/v1/docs.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Banua API",
    version="1",
    urls_namespace="api-v1",
    description="Catalogue, vendors, cart, checkout, orders and search of the Banua marketplace.",
)

# Routers are added below, one line per app: api.add_router("/<prefix>/", "<app>.api.router")
api.add_router("/marketplace/", "marketplace.api.router")
api.add_router("/search/", "search.api.router")
api.add_router("/vendors/", "vendors.api.router")
