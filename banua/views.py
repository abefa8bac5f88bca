"""Site-level views that belong to no single app."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.site_url import absolute_url
from core.translation_urls import reverse_in_every_language
from search import engine


def _database_health() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {
            "ok": False,
            "vendor": connection.vendor,
            "error": exc.__class__.__name__,
        }
    return {"ok": True, "vendor": connection.vendor}


def _payments_health() -> dict:
    provider = settings.PAYMENT_PROVIDER
    return {
        "provider": provider,
        "configured": provider == "stripe",
        "live_money": provider == "stripe"
        and settings.STRIPE_SECRET_KEY.startswith("sk_live_"),
    }


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for load balancers: 503 only when the database is unreachable.

    A down search engine degrades the site (search falls back to the database) but does not
    make it unhealthy, so it is reported without failing the check.
    """
    database = _database_health()
    search = engine.health()
    body = {
        "status": "ok"
        if database["ok"] and search["ok"]
        else ("degraded" if database["ok"] else "error"),
        "database": database,
        "search": search,
        "payments": _payments_health(),
    }
    return JsonResponse(body, status=200 if database["ok"] else 503)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        # Checkout and payment pages are one visitor's forms. The cart stays crawlable:
        # one URL per language showing an empty cart to a crawler, and Lighthouse's SEO
        # audit counts any page blocked here as not crawlable.
        *(
            f"Disallow: {path}"
            for path in reverse_in_every_language("marketplace:checkout")
        ),
        # The site's configured address, as in every other absolute URL.
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
