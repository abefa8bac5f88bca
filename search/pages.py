"""Safe Wagtail page search for the site search and the Wagtail API (/api/v2/).

Wagtail hands the query to its backend as text: on SQLite a stray double quote becomes an
unterminated FTS5 string, and with Elasticsearch down every search raises. Here the query
reaches the backend as plain lowercase words only, and when Elasticsearch cannot answer
the pages are matched on their titles in the database instead, so a search never 500s.
"""

import logging
from functools import reduce
from operator import and_

from django.db.models import Q
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.views import PagesAPIViewSet

from search import engine
from search.params import clean_query, query_words

logger = logging.getLogger(__name__)


def plain_query(raw: object) -> str:
    """The words of ``raw`` as a query no search backend can misread."""
    return " ".join(query_words(clean_query(raw, limit=500)))


def title_match(queryset, q: str):
    """The degraded search: every word in the title (used while the engine is down)."""
    words = query_words(q)
    if not words:
        return queryset.none()
    return queryset.filter(reduce(and_, (Q(title__icontains=word) for word in words)))


def page_search(queryset, raw_query: str, limit: int) -> list:
    """Up to ``limit`` pages matching the query, best first; never raises for the
    query's content or an unreachable Elasticsearch node."""
    q = plain_query(raw_query)
    if not q:
        return []
    try:
        return list(queryset.search(q)[:limit])
    except Exception as exc:
        if not engine.is_transport_error(exc):
            raise
        logger.warning(
            "Page search failed (%s); answered from page titles.",
            exc.__class__.__name__,
        )
        return list(title_match(queryset, q)[:limit])


class SafeSearchFilter(SearchFilter):
    """Wagtail's ``?search=`` with the query reduced to plain words and a title match
    when the search backend cannot answer (a 500 before)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        q = plain_query(request.GET.get("search"))
        request.GET = request.GET.copy()
        request.GET["search"] = q
        if not q:
            return queryset.none()
        if not engine.is_configured():
            return super().filter_queryset(request, queryset, view)
        results = super().filter_queryset(request, queryset, view)
        try:
            # Results are lazy: ask for one now so a dead node shows here, not later
            # while the page of results is rendered.
            list(results[:1])
        except Exception as exc:
            if not engine.is_transport_error(exc):
                raise
            logger.warning(
                "Wagtail API search failed (%s); answered from page titles.",
                exc.__class__.__name__,
            )
            return title_match(queryset, q)
        return results


class PagesSearchAPIViewSet(PagesAPIViewSet):
    """The pages endpoint with the safe ``?search=`` filter in place of Wagtail's."""

    filter_backends = [
        SafeSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
