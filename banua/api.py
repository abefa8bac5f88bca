"""The JSON API at /api/v1/ (django-ninja). Each app contributes one router, mounted here.

OpenAPI schema: /api/v1/openapi.json; interactive docs: /api/v1/docs, served from the
Swagger UI files django-ninja ships (static files: "ninja" is in INSTALLED_APPS), with
the online validator badge (an image from validator.swagger.io) turned off: no page
of the site loads anything from another host.

Every refusal, whichever router or layer it comes from (ninja's validation, a body that
is not JSON, auth, CSRF, 404, a service's refusal), is answered with one envelope,
``core.api.ErrorOut``: ``{"code", "message", "fields"}``; the handlers are installed
here once (``core.api.install_error_handlers``). README, "JSON API", has the pattern
a new endpoint follows.
"""

from ninja import NinjaAPI, Swagger

from core.api import install_error_handlers

api = NinjaAPI(
    title="Banua API",
    version="1",
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None}),
    description="Catalogue, vendors, cart, checkout, orders and search of the Banua "
    "marketplace. Errors: {code, message, fields} on every 4xx/5xx. Auth: the Django "
    "session cookie; writes also need the X-CSRFToken header.",
)
install_error_handlers(api)

# Routers are added below, one line per app: api.add_router("/<prefix>/", "<app>.api.router")
api.add_router("/marketplace/", "marketplace.api.router")
api.add_router("/experiences/", "marketplace.api_experiences.router")
api.add_router("/search/", "search.api.router")
api.add_router("/vendors/", "vendors.api.router")
