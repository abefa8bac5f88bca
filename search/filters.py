"""The product filters, declared once: every engine and the facets read this module.

A shopper's filter used to be spelt out four times (the parser in search.params, the
Elasticsearch clauses in search.products, the ORM lookups and facet fields in
search.fallback, the facet labels in search.facets), and the copies drifted. Here each
filter is one declaration:

- ``ValueFilter``: one value picked from a facet or typed (category, shop, region,
  kind...): how the parameter is parsed, the Elasticsearch field it matches, the ORM
  lookups it matches (OR-ed), and, when it is a facet, where its buckets and labels
  come from on both engines. Adding such a filter is one line in ``VALUE_FILTERS`` (plus
  its field on ``ProductSearchParams`` and, for a new document field, the mapping).
- the few filters with a shape of their own (price range, in stock, near a
  destination, session dates) are small classes below, each with its Elasticsearch
  clause and its ORM condition side by side.

``es_clauses`` and ``orm_conditions`` give every set filter by name, so each facet can
ignore its own filter (the "refine" behaviour) on both engines alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from elasticsearch.dsl import Q as EsQ

from core.choices import Region
from core.geo import bounding_box
from marketplace.models import (
    Dye,
    ExperienceSession,
    ProductKind,
    SessionStatus,
    Technique,
)

# ``params`` below is a ``search.params.ProductSearchParams``; it is not imported here,
# as search.params reads this module (the import would be a cycle, even for type hints).


def category_label(name: str, name_en: str) -> str:
    return name_en if get_language() == "en" and name_en else name


def _first(name: str, *_rest: str) -> str:
    return name


@dataclass(frozen=True)
class Facet:
    """Where a facet's buckets come from.

    ``es_field`` is the keyword field aggregated; ``orm_fields`` the values grouped
    (the key first). A facet with labels from the rows stores them beside the key
    (``"slug|name|name_en"`` in Elasticsearch, the other ``orm_fields`` in SQL) and
    ``label`` builds the text from those parts; otherwise ``vocabulary`` (a choices
    class) names the values.
    """

    es_field: str
    orm_fields: tuple[str, ...]
    title: str
    label: Callable[..., str] | None = None
    vocabulary: type | None = None

    def bucket_label(self, value: str, parts: list[str]) -> str:
        if self.label is not None and parts:
            return self.label(*parts) or value
        if self.vocabulary is not None:
            return str(dict(self.vocabulary.choices).get(value, value))
        return value


@dataclass(frozen=True)
class ValueFilter:
    """A filter on one value.

    ``parse``: "slug" (letters, digits, hyphens), "text" (free words, cut to 120
    characters) or "choice" (one of ``choices``). ``es_query``: "term" (the exact
    value) or "match" (every word, analysed). ``orm``: lookups OR-ed, each given the
    value.
    """

    name: str
    parse: Literal["slug", "text", "choice"]
    es_field: str
    orm: tuple[str, ...]
    es_query: Literal["term", "match"] = "term"
    facet: Facet | None = None
    choices: type | None = None

    def value(self, params) -> str:
        return getattr(params, self.name)

    def es(self, params) -> EsQ | None:
        value = self.value(params)
        if not value:
            return None
        if self.es_query == "match":
            return EsQ("match", **{self.es_field: {"query": value, "operator": "and"}})
        return EsQ("term", **{self.es_field: value})

    def orm_q(self, params) -> Q | None:
        value = self.value(params)
        if not value:
            return None
        condition = Q()
        for lookup in self.orm:
            condition |= Q(**{lookup: value})
        return condition


VALUE_FILTERS: tuple[ValueFilter, ...] = (
    ValueFilter(
        "kind",
        parse="choice",
        choices=ProductKind,
        es_field="kind",
        orm=("kind",),
        facet=Facet(
            es_field="kind",
            orm_fields=("kind",),
            title=_("Goods or experiences"),
            vocabulary=ProductKind,
        ),
    ),
    ValueFilter(
        "category",
        parse="slug",
        es_field="category_path",  # its own slug and its parents'
        orm=("category__slug", "category__parent__slug"),
        facet=Facet(
            es_field="category_facet",
            orm_fields=("category__slug", "category__name", "category__name_en"),
            title=_("Category"),
            label=category_label,
        ),
    ),
    ValueFilter(
        "vendor",
        parse="slug",
        es_field="vendor",
        orm=("vendor__slug",),
        facet=Facet(
            es_field="vendor_facet",
            orm_fields=("vendor__slug", "vendor__name"),
            title=_("Shop"),
            label=_first,
        ),
    ),
    ValueFilter(
        "region",
        parse="slug",
        es_field="region",
        orm=("vendor__region",),
        facet=Facet(
            es_field="region",
            orm_fields=("vendor__region",),
            title=_("Region"),
            vocabulary=Region,
        ),
    ),
    ValueFilter(
        "technique",
        parse="slug",
        es_field="technique",
        orm=("technique",),
        facet=Facet(
            es_field="technique",
            orm_fields=("technique",),
            title=_("Technique"),
            vocabulary=Technique,
        ),
    ),
    ValueFilter(
        "dye",
        parse="slug",
        es_field="dye",
        orm=("dye",),
        facet=Facet(
            es_field="dye", orm_fields=("dye",), title=_("Dye"), vocabulary=Dye
        ),
    ),
    ValueFilter(
        "motif", parse="text", es_field="motif_name.raw", orm=("motif_name__iexact",)
    ),
    ValueFilter(
        "village",
        parse="text",
        es_field="village",
        es_query="match",
        orm=("village__icontains", "vendor__craft_village__icontains"),
    ),
)

TERM_FACETS: dict[str, Facet] = {f.name: f.facet for f in VALUE_FILTERS if f.facet}

# Price buckets for the facet, whole rupiah: (key, from, to) with `to` exclusive.
PRICE_RANGES = (
    ("0-50000", 0, 50_000),
    ("50000-100000", 50_000, 100_000),
    ("100000-250000", 100_000, 250_000),
    ("250000-500000", 250_000, 500_000),
    ("500000-", 500_000, None),
)
PRICE_TITLE = _("Price")
# Every facet in the order the page shows them: the term facets, then price.
FACET_TITLES = {name: facet.title for name, facet in TERM_FACETS.items()} | {
    "price": PRICE_TITLE
}


class PriceFilter:
    """``price_min`` and ``price_max`` (inclusive) on the lowest active price; the
    price facet ignores it."""

    name = "price"

    def es(self, params) -> EsQ | None:
        bounds = self._bounds(params)
        return EsQ("range", price=bounds) if bounds else None

    def orm_q(self, params) -> Q | None:
        bounds = self._bounds(params)
        if not bounds:
            return None
        return Q(**{f"price_from__{op}": amount for op, amount in bounds.items()})

    @staticmethod
    def _bounds(params) -> dict[str, int]:
        bounds = {}
        if params.price_min is not None:
            bounds["gte"] = params.price_min
        if params.price_max is not None:
            bounds["lte"] = params.price_max
        return bounds


class InStockFilter:
    """``in_stock``: true for sellable units left, false for none (or no variant)."""

    name = "in_stock"

    def es(self, params) -> EsQ | None:
        if params.in_stock is None:
            return None
        return EsQ("term", in_stock=params.in_stock)

    def orm_q(self, params) -> Q | None:
        if params.in_stock is None:
            return None
        if params.in_stock:
            return Q(stock_total__gt=0)
        return Q(stock_total=0) | Q(stock_total__isnull=True)


class NearFilter:
    """Made within ``km`` of a destination (``near_point``, resolved by the caller)."""

    name = "near"

    def es(self, params) -> EsQ | None:
        if params.near_point is None:
            return None
        lat, lon = params.near_point
        return EsQ(
            "geo_distance", distance=f"{params.km}km", location={"lat": lat, "lon": lon}
        )

    def orm_q(self, params) -> Q | None:
        if params.near_point is None:
            return None
        # A bounding box: close enough to "within km" for a fallback, and it can
        # use an index.
        min_lat, max_lat, min_lon, max_lon = bounding_box(*params.near_point, params.km)
        return Q(
            vendor__latitude__range=(min_lat, max_lat),
            vendor__longitude__range=(min_lon, max_lon),
        )


def open_sessions():
    """Sessions a visitor can still book: scheduled, not started, a seat left. The
    database engine filters on these and the Elasticsearch document stores their
    dates (search.documents), so both engines read one rule."""
    return ExperienceSession.objects.filter(
        status=SessionStatus.SCHEDULED,
        starts_at__gt=timezone.now(),
        capacity__gt=F("held") + F("booked"),
    )


def session_day(starts_at: dt.datetime) -> dt.date:
    """The day a session is on, in the site's time zone (what a visitor picks)."""
    return timezone.localtime(starts_at).date()


class SessionDateFilter:
    """``date_from``/``date_to`` (inclusive days in the site's time zone): experiences
    with an open session on one of those days.

    A date implies experiences: a shopper who picks a day is planning what to do that
    day, and goods (which have no date) would only bury the answer. Days before today
    can never have an open session, so the range starts today at the earliest.
    """

    name = "date"

    def es(self, params) -> EsQ | None:
        if params.date_from is None and params.date_to is None:
            return None
        today = timezone.localdate()
        start = max(params.date_from or today, today)
        bounds = {"gte": start.isoformat()}
        if params.date_to is not None:
            bounds["lte"] = params.date_to.isoformat()
        return EsQ("range", session_dates=bounds)

    def orm_q(self, params) -> Q | None:
        if params.date_from is None and params.date_to is None:
            return None
        sessions = open_sessions().filter(experience__product=OuterRef("pk"))
        if params.date_from is not None:
            sessions = sessions.filter(starts_at__gte=_day_start(params.date_from))
        if params.date_to is not None:
            next_day = params.date_to + dt.timedelta(days=1)
            sessions = sessions.filter(starts_at__lt=_day_start(next_day))
        return Q(Exists(sessions))


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the site's time zone (search.params keeps
    dates within years that leave a next day)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


FILTERS = (
    *VALUE_FILTERS,
    PriceFilter(),
    InStockFilter(),
    NearFilter(),
    SessionDateFilter(),
)
# The filters a facet can ignore (each facet ignores its own).
FACETABLE = frozenset(FACET_TITLES)


def es_clauses(params) -> dict[str, EsQ]:
    """Elasticsearch clauses of the filters that are set, by filter name."""
    clauses = {}
    for item in FILTERS:
        clause = item.es(params)
        if clause is not None:
            clauses[item.name] = clause
    return clauses


def orm_conditions(params) -> dict[str, Q]:
    """ORM conditions of the filters that are set, by filter name; the queryset must
    carry ``price_from`` and ``stock_total`` (search.fallback annotates them)."""
    conditions = {}
    for item in FILTERS:
        condition = item.orm_q(params)
        if condition is not None:
            conditions[item.name] = condition
    return conditions
