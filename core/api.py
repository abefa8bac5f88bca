"""What every router of the JSON API shares: one error envelope, one session auth that
checks CSRF, one bounded pagination, and the exception handlers that give every
refusal the envelope.

It lives in ``core`` (not in the site package) so that the apps' routers, and any
project that mounts them without Banua's site, declare and answer errors the same way;
the project calls :func:`install_error_handlers` on its ``NinjaAPI`` once.

The pattern for an endpoint (README, "JSON API"):

- ``response={200: ThingOut, **errors(404, 422)}``: every status it can answer is
  listed, each error status with :class:`ErrorOut`;
- refusals are raised (:class:`ApiError`, ``Http404``, ``PermissionDenied``) or
  returned as ``Status(code, error_body(...))``; the handlers installed here turn
  ninja's own errors (validation, malformed body, auth, CSRF, throttling) into the
  same envelope;
- endpoints for signed-in users take ``auth=session_auth``; writes open to guests too
  (a guest's cart) take ``auth=csrf_only``; both check CSRF on unsafe methods, so no
  endpoint calls a CSRF check itself;
- lists are ``@paginate(BoundedLimitOffset)``: ``?limit=1..100&offset=0..10000``,
  answered ``{"items": [...], "count": n}``; out-of-range values are a 422.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import (
    AuthenticationError,
    AuthorizationError,
    HttpError,
    Throttled,
    ValidationError,
)
from ninja.pagination import LimitOffsetPagination
from ninja.security.base import AuthBase, SecuritySchema
from ninja.utils import check_csrf

logger = logging.getLogger(__name__)

# --- the error envelope ------------------------------------------------------------


class ErrorOut(Schema):
    """Every 4xx and 5xx JSON answer of the API, whatever router or layer refused."""

    code: str = Field(
        description="Stable, for programs: invalid, not_found, not_authenticated, "
        "csrf_failed, unparsable_body, rate_limited, or a service's own code "
        "(e.g. out_of_stock)."
    )
    message: str = Field(description="For people, in the request's language.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages by input field (dotted path into the body), when the "
        "refusal is about particular fields.",
    )


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """``{status: ErrorOut}`` for a ``response=`` map: ``{200: X, **errors(404, 422)}``."""
    return dict.fromkeys(statuses, ErrorOut)


def error_body(
    code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"code": code, "message": str(message), "fields": fields or {}}


class ApiError(Exception):
    """A refusal an endpoint raises; answered as ``status`` with the envelope."""

    def __init__(
        self,
        status: int,
        *,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
    ):
        super().__init__(str(message))
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields


# --- session auth with CSRF, checked once ------------------------------------------


def _check_csrf(request: HttpRequest) -> None:
    # Django's own check (CsrfViewMiddleware), which passes safe methods.
    if check_csrf(request) is not None:
        raise ApiError(
            403, code="csrf_failed", message=_("CSRF token missing or incorrect.")
        )


class SessionAuth(AuthBase):
    """The Django session cookie, with Django's CSRF check on unsafe methods.

    Set on an endpoint, it is the only CSRF check it needs: a POST/PUT/PATCH/DELETE
    without the ``X-CSRFToken`` header matching the ``csrftoken`` cookie is a 403
    ``csrf_failed`` before the endpoint runs; a request without a signed-in session
    is a 401. Declared in the OpenAPI schema as the ``sessionid`` cookie.
    """

    openapi_type = "apiKey"

    def __init__(self):
        # AuthBase.__init__ would read the cookie name (a setting) when the routers are
        # imported; the security schema below reads it when the schema is built.
        self.is_async = False

    @property
    def openapi_security_schema(self) -> SecuritySchema:  # read by ninja's schema
        return SecuritySchema(
            type="apiKey",
            **{"in": "cookie"},
            name=getattr(settings, "SESSION_COOKIE_NAME", "sessionid"),
            description="Django session cookie; unsafe methods also need the "
            "X-CSRFToken header equal to the csrftoken cookie.",
        )

    def __call__(self, request: HttpRequest):
        _check_csrf(request)
        return request.user if request.user.is_authenticated else None


class CsrfOnly:
    """For writes anyone may make, guests included (a guest's session holds a cart):
    no sign-in, but the same CSRF check, because a guest's session is as forgeable
    as a member's. Not an OpenAPI security scheme (nothing is required of a client
    but the CSRF header), so the schema does not promise a 401 it never gives.
    """

    is_async = False

    def __call__(self, request: HttpRequest):
        _check_csrf(request)
        return request.user  # truthy for ninja; endpoints read request.user


session_auth = SessionAuth()
csrf_only = CsrfOnly()

# --- pagination ----------------------------------------------------------------------

PAGE_LIMIT_MAX = 100
# Deeper than any real catalogue page; past it a client should filter, not page.
PAGE_OFFSET_MAX = 10_000


class BoundedLimitOffset(LimitOffsetPagination):
    """``?limit=&offset=`` with both ends bounded, so a huge or negative value is a
    422 in the envelope instead of a database error (SQLite cannot bind an integer
    past 2**63 - 1)."""

    class Input(Schema):
        limit: int = Field(24, ge=1, le=PAGE_LIMIT_MAX)
        offset: int = Field(0, ge=0, le=PAGE_OFFSET_MAX)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=PAGE_LIMIT_MAX, **kwargs)


# --- exception handlers ------------------------------------------------------------


def _field_name(loc) -> str:
    # ("body", "payload", "variants", 0, "price") -> "variants.0.price";
    # ("query", "offset") -> "offset".
    parts = [str(part) for part in loc[1:] if part != "payload"]
    return ".".join(parts) or str(loc[0] if loc else "request")


def invalid_input_body(fields: dict[str, list[str]]) -> dict[str, Any]:
    """The 422 envelope, with one readable sentence built from the fields' messages."""
    lines = [f"{field}: {'; '.join(messages)}" for field, messages in fields.items()]
    message = _("Invalid input.") + (" " + " | ".join(lines) if lines else "")
    return error_body("invalid", message, fields)


_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "rate_limited",
}


def install_error_handlers(api) -> None:
    """Give every refusal of ``api`` (a NinjaAPI) the :class:`ErrorOut` envelope."""

    def respond(request, status: int, body: dict) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return respond(
            request, exc.status, error_body(exc.code, exc.message, exc.fields)
        )

    @api.exception_handler(ValidationError)
    def _validation_error(request, exc: ValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            name = _field_name(error.get("loc", ()))
            fields.setdefault(name, []).append(str(error.get("msg", "")))
        return respond(request, 422, invalid_input_body(fields))

    @api.exception_handler(MultiPartParserError)
    def _unparsable_multipart(request, exc: MultiPartParserError):
        # A multipart Content-Type without a boundary (or a broken body) is the
        # client's mistake; Django's parser raises it lazily, inside the CSRF check.
        return respond(request, 400, _unparsable())

    @api.exception_handler(AuthenticationError)
    def _not_authenticated(request, exc: AuthenticationError):
        message = _("Sign in first: this needs a session.")
        return respond(request, 401, error_body("not_authenticated", message))

    @api.exception_handler(AuthorizationError)
    def _forbidden(request, exc: AuthorizationError):
        return respond(request, 403, error_body("forbidden", _("Not allowed.")))

    @api.exception_handler(PermissionDenied)
    def _permission_denied(request, exc: PermissionDenied):
        return respond(request, 403, error_body("forbidden", _("Not allowed.")))

    @api.exception_handler(Throttled)
    def _throttled(request, exc: Throttled):
        message = _("Too many requests; try again later.")
        return respond(request, 429, error_body("rate_limited", message))

    @api.exception_handler(Http404)
    def _not_found(request, exc: Http404):
        return respond(request, 404, error_body("not_found", _("Not found.")))

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        status = exc.status_code
        if status == 400 and str(exc).startswith("Cannot parse request body"):
            # ninja's own message for a body that is not JSON.
            return respond(request, 400, _unparsable())
        code = _HTTP_CODES.get(status, "error")
        return respond(request, status, error_body(code, str(exc)))


def _unparsable() -> dict[str, Any]:
    message = _("The request body cannot be parsed.")
    # "body: ..." like the 422's "field: ..." lines, so the field is named in every
    # language (the translated sentence need not contain the word).
    return error_body("unparsable_body", f"body: {message}", {"body": [message]})
