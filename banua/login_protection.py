"""Log-in protection for every login form (ours, Wagtail's), built on django-axes.

The site, not the reusable apps, chooses django-axes: the apps only call Django's
``authenticate``/``login``; axes hooks in through ``AUTHENTICATION_BACKENDS``, the auth
signals and ``axes.middleware.AxesMiddleware``. This module holds the few places where
Banua's rules differ from axes' defaults (settings in ``banua/settings/base.py``):

- different limits per lockout parameter (5 failures per account, 20 per address);
  axes compares every parameter with one ``AXES_FAILURE_LIMIT``;
- a successful log-in forgets only that account's failures, never the whole address's
  (otherwise logging in to one's own account would wipe the failures piled up against
  someone else's from the same address);
- one account whatever the case of the typed name;
- a lockout page in the visitor's language with HTTP 429;
- code that authenticates without a request (the test client's ``login()``, a shell)
  is not an HTTP login form and is not counted.
"""

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def _parameter_key(parameter) -> str:
    return parameter if isinstance(parameter, str) else "+".join(parameter)


class PerParameterLimitHandler(AxesDatabaseHandler):
    """axes' database handler with one failure limit per lockout parameter.

    The database handler keeps the counters in the ``axes_accessattempt`` table, so every
    worker process (and every machine) sees the same counts without another service, and
    a failure is counted under a row lock (``select_for_update``), so parallel guesses
    cannot slip through between read and write.

    axes locks when ``get_failures() >= AXES_FAILURE_LIMIT``. This handler scales each
    parameter's count onto that limit: with a limit L for the parameter and the global
    limit F, ``count * F // L >= F`` exactly when ``count >= L``.
    """

    def get_failures(self, request, credentials=None) -> int:
        base = get_failure_limit(request, credentials)
        limits = getattr(settings, "BANUA_LOGIN_FAILURE_LIMITS", {})
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        failures = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            limit = limits.get(_parameter_key(parameter), base)
            failures = max(failures, count * base // limit)
        return failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def username_normalised(request, credentials=None) -> str | None:
    """The typed user name, stripped and lower-cased, so "Ratna" and "ratna " share
    one counter (sign-up refuses names that differ only in case)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if not username:
        return None
    return str(username).strip().lower()[:255]


def lockout_response(request, original_response=None, credentials=None):
    """A page in the visitor's language saying how long to wait, answered with 429."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    response = render(
        request,
        "vendors/auth/locked_out.html",
        {"minutes": minutes},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class LoginProtectionBackend(AxesStandaloneBackend):
    """axes' check, skipped when there is no request.

    Every HTTP login path (our log-in view, Wagtail's, DRF) passes the request to
    ``authenticate``; only in-process callers such as the test client's ``login()`` do
    not, and axes would raise for them instead of letting ModelBackend answer.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(
            request, username=username, password=password, **kwargs
        )
