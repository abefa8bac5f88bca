"""The JSON API at /api/v1/ (django-ninja). Each app contributes one router, mounted here.

OpenAPI schema: /api/v1/openapi.json; interactive docs: /api/v1/docs, served from the
Swagger UI files django-ninja ships (static files: "ninja" is in INSTALLED_APPS), with
the online validator badge (an image from validator.swagger.io) turned off: no page
of the site loads anything from another host.
"""

from ninja import NinjaAPI, Swagger

api = NinjaAPI(
    title="Banua API",
    version="1",
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None}),
    description="Catalogue, vendors, cart, checkout, orders and search of the Banua marketplace.",
)

# Routers are added below, one line per app: api.add_router("/<prefix>/", "<app>.api.router")
api.add_router("/marketplace/", "marketplace.api.router")
api.add_router("/search/", "search.api.router")
api.add_router("/vendors/", "vendors.api.router")
