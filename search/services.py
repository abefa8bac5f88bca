"""Writes of the search app: the aggregated query counts behind the office's report."""

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import SearchQueryDay
from search.params import clean_query

logger = logging.getLogger(__name__)

MAX_STORED_QUERY = 200


def normalise_query(q: str) -> str:
    """Lowercase, single-spaced: "Kain  Sasirangan" and "kain sasirangan" count once."""
    return clean_query(q, limit=MAX_STORED_QUERY).lower()


def _bump(*, query: str, **increments: int) -> None:
    day = timezone.localdate()
    changes = {name: F(name) + amount for name, amount in increments.items()}
    # One UPDATE (atomic on its own) in the usual case. Two visitors can count the
    # same new query at once: the unique constraint lets one insert win, and the other,
    # inside a savepoint so its failure spoils no outer transaction, increments.
    if SearchQueryDay.objects.filter(day=day, query=query).update(**changes):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(day=day, query=query, **increments)
            return
    except IntegrityError:
        pass
    SearchQueryDay.objects.filter(day=day, query=query).update(**changes)


def search_query_record(*, q: str, results: int) -> None:
    """Count one search of ``q`` that found ``results`` products. Never raises: the
    count is insight, not worth a failed search page."""
    query = normalise_query(q)
    if not query:
        return
    try:
        _bump(query=query, searches=1, zero_results=1 if results == 0 else 0)
    except DatabaseError as exc:
        logger.warning("Search query not counted (%s).", exc.__class__.__name__)


def search_click_record(*, q: str) -> None:
    """Count one click on a result of ``q`` (only queries searched today count)."""
    query = normalise_query(q)
    if not query:
        return
    try:
        SearchQueryDay.objects.filter(day=timezone.localdate(), query=query).update(
            clicks=F("clicks") + 1
        )
    except DatabaseError as exc:
        logger.warning("Search click not counted (%s).", exc.__class__.__name__)
