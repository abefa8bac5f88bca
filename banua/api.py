"""The JSON API at /api/v1/ (django-ninja). Each app contributes one router, mounted here.

OpenAPI schema: /api/v1/openapi.json; interactive docs: /api/v1/docs, served from the
Swagger UI files django-ninja ships (static files: "ninja" is in INSTALLED_APPS), with
the online validator badge (an image from validator.swagger.io) turned off: no page
of the site loads anything from another host.
"""

from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

api = NinjaAPI(
    title="Banua API",
    version="1",
    urls_namespace="api-v1",
    docs=Swagger(settings={"validatorUrl": None}),
    description="Catalogue, vendors, cart, checkout, orders and search of the Banua marketplace.",
)

# Routers are added below, one line per app: api.add_router("/<prefix>/", "<app>.api.router")
api.add_router("/marketplace/", "marketplace.api.router")
api.add_router("/experiences/", "marketplace.api_experiences.router")
api.add_router("/search/", "search.api.router")
api.add_router("/vendors/", "vendors.api.router")


# --- errors of bad input ---------------------------------------------------------------
# django-ninja answers a value outside a schema's bounds with a 422 listing pydantic's
# errors. These handlers keep the status but give each router's own envelope, with a
# sentence a developer can read: the marketplace router's {"code", "message"}, the
# others' {"detail", "errors": {field: [messages]}}. A later issue unifies them.


def _field_name(loc) -> str:
    # ("body", "payload", "variants", 0, "price") -> "variants.0.price";
    # ("query", "offset") -> "offset".
    parts = [str(part) for part in loc[1:] if part != "payload"]
    return ".".join(parts) or str(loc[0] if loc else "request")


def _bad_input(request: HttpRequest, *, status: int, code: str, errors: dict):
    lines = [f"{field}: {'; '.join(messages)}" for field, messages in errors.items()]
    message = _("Invalid input.") + (" " + " | ".join(lines) if lines else "")
    if request.path.startswith(reverse("api-v1:api-root") + "marketplace/"):
        body = {"code": code, "message": message}
    else:
        body = {"detail": message, "errors": errors}
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        name = _field_name(error.get("loc", ()))
        errors.setdefault(name, []).append(str(error.get("msg", "")))
    return _bad_input(request, status=422, code="invalid", errors=errors)


@api.exception_handler(MultiPartParserError)
def _unparsable_body(request, exc: MultiPartParserError):
    # A multipart Content-Type without a boundary (or a broken body) is the client's
    # mistake; Django's parser raises it lazily, inside the CSRF check.
    return _bad_input(
        request,
        status=400,
        code="unparsable_body",
        errors={"body": [_("The request body cannot be parsed.")]},
    )
