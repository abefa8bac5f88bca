"""Search reads: products (Elasticsearch, else the database), suggestions, site-wide
search.

Views and the API call only these. When Elasticsearch is configured but fails, the
answer comes from the database with a logged warning: search degrades, it never breaks a
page.
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from core import generations
from search import engine
from search.fallback import product_search_db, product_suggest_db
from search.models import SearchQueryDay
from search.pages import page_search
from search.params import ProductSearchParams, SearchParamsError, clean_query
from search.products import product_search_es, product_suggest_es
from search.results import ProductSearchResult, Suggestion
from tourism.models import DestinationPage, EventPage

logger = logging.getLogger(__name__)

SUGGEST_MIN_LENGTH = 2


_es_failure = engine.is_transport_error


def destination_point(*, destination_id: int) -> tuple[float, float] | None:
    """Coordinates of a live destination page, or None."""

    row = (
        DestinationPage.objects.live()
        .filter(pk=destination_id, latitude__isnull=False, longitude__isnull=False)
        .values_list("latitude", "longitude")
        .first()
    )
    return (float(row[0]), float(row[1])) if row else None


def destination_choices() -> list[tuple[int, str]]:
    """(id, title) of the live destinations with a map location, in the visitor's
    language, for the search page's "near a destination" control.

    Every search that is not yet a shared fragment shows this list, which changes only
    with the pages: it is kept in Django's cache under the pages' generation token
    (core.generations, replaced on any page change), three queries saved per new
    search."""
    token = generations.current(generations.PAGES)
    key = f"banua:search:destinations:{get_language()}:{token}"
    found = cache.get(key)
    if found is not None:
        return found
    rows = (
        DestinationPage.objects.live()
        .public()
        .filter(
            locale=Locale.get_active(), latitude__isnull=False, longitude__isnull=False
        )
        .order_by("title")
        .values_list("pk", "title")
    )
    found = list(rows[:200])
    cache.set(key, found, DESTINATION_CHOICES_SECONDS)
    return found


#: A page change retires the cached list at once (generation token); this bounds it.
DESTINATION_CHOICES_SECONDS = 3600


def with_destination(params: ProductSearchParams) -> ProductSearchParams:
    """Resolve ``near`` to coordinates; an unknown destination is a parameter error."""
    if params.near is None:
        return params
    point = destination_point(destination_id=params.near)
    if point is None:
        raise SearchParamsError(
            {
                "near": str(
                    _("No published destination with a map location has this id.")
                )
            }
        )
    return replace(params, near_point=point)


def product_search(*, params: ProductSearchParams) -> ProductSearchResult:
    params = with_destination(params)
    if engine.is_configured():
        try:
            return product_search_es(params)
        except Exception as exc:
            if not _es_failure(exc):
                raise
            logger.warning(
                "Elasticsearch unavailable at %s (%s: %s); product search answered "
                "from the database.",
                settings.ELASTICSEARCH_URL,
                exc.__class__.__name__,
                str(exc)[:300],
            )
    return product_search_db(params)


def product_suggest(*, q: str, limit: int = 8) -> tuple[str, list[Suggestion]]:
    """(backend, suggestions) for the first letters typed; nothing below two letters."""

    q = clean_query(q, limit=100)
    if len(q) < SUGGEST_MIN_LENGTH:
        return "none", []
    if engine.is_configured():
        try:
            return "elasticsearch", product_suggest_es(q, limit=limit)
        except Exception as exc:
            if not _es_failure(exc):
                raise
            logger.warning(
                "Elasticsearch unavailable (%s); suggestions answered from the "
                "database.",
                exc.__class__.__name__,
            )
    return "database", product_suggest_db(q, limit=limit)


@dataclass
class SiteSearchResult:
    query: str
    products: ProductSearchResult | None
    destinations: list = field(default_factory=list)
    events: list = field(default_factory=list)
    stories: list = field(default_factory=list)

    @property
    def total(self) -> int:
        products = self.products.total if self.products else 0
        return products + len(self.destinations) + len(self.events) + len(self.stories)


def site_search(
    *, params: ProductSearchParams, page_limit: int = 10
) -> SiteSearchResult:
    """Products plus destinations, events and stories in the visitor's language.

    The pages come from one Wagtail search over the three kinds (base Page rows: title,
    URL and search description are all the results list shows), split into sections
    here, so the page costs the same few queries however many kinds there are.
    """
    q = params.q
    products = product_search(params=params)
    result = SiteSearchResult(query=q, products=products)
    if not q:
        return result
    sections = {"destinations": [DestinationPage], "events": [EventPage]}
    sections["stories"] = _story_models()
    models = [model for kind in sections.values() for model in kind]
    content_types = ContentType.objects.get_for_models(
        *models, for_concrete_models=False
    )
    section_of = {
        content_types[model].pk: name
        for name, kind in sections.items()
        for model in kind
    }
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=Locale.get_active(), content_type_id__in=list(section_of))
    )
    for page in page_search(pages, q, page_limit * len(sections)):
        bucket = getattr(result, section_of[page.content_type_id])
        if len(bucket) < page_limit:
            bucket.append(page)
    return result


def _story_models() -> list:
    """The tourism app's story-like page types (stories, itineraries) that exist."""
    models = []
    for name in ("StoryPage", "ItineraryPage"):
        try:
            models.append(apps.get_model("tourism", name))
        except LookupError:
            continue
    return models


@dataclass
class QueryInsight:
    query: str
    searches: int
    zero_results: int
    clicks: int


def search_insight(*, days: int = 30, limit: int = 50) -> dict[str, list[QueryInsight]]:
    """Top queries and top zero-result queries over the last ``days`` days."""
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = (
        SearchQueryDay.objects.filter(day__gte=since)
        .values("query")
        .annotate(
            total=Sum("searches"), zero=Sum("zero_results"), clicked=Sum("clicks")
        )
    )

    def shaped(queryset) -> list[QueryInsight]:
        return [
            QueryInsight(row["query"], row["total"], row["zero"], row["clicked"])
            for row in queryset[:limit]
        ]

    return {
        "top": shaped(rows.order_by("-total", "query")),
        "zero": shaped(rows.filter(zero__gt=0).order_by("-zero", "query")),
    }
