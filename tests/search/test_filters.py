"""The product filters declared once (search.filters), the goods/experiences facet and
the session-date filter: parsing, each engine (SQLite or PostgreSQL as DATABASE_URL
says, Elasticsearch), the JSON API and the search page."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from marketplace.models import SessionStatus
from marketplace.services.seats import session_hold
from search import filters, indexing
from search.documents import ProductDocument as EsDocument
from search.fallback import product_search_db
from search.params import ProductSearchParams, SearchParamsError, parse_product_params
from search.products import product_search_es
from tests.marketplace.factories import bookable_session
from tests.search import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
IN_3_DAYS = TODAY + dt.timedelta(days=3)
IN_A_WEEK = TODAY + dt.timedelta(days=7)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def catalogue():
    """Goods, an experience with an open session in a week (plus a full one in three
    days), one whose only session is cancelled, one whose session is in the past."""
    galuh = f.vendor(name="Sasirangan Galuh", slug="galuh")
    f.product("Kain Sasirangan Biru", vendor=galuh, tags=["kain"])
    f.product("Tas Purun", vendor=galuh, price=60_000)
    workshop = bookable_session(
        vendor=galuh, name="Workshop Kain Sasirangan", starts_in=dt.timedelta(days=1)
    )
    workshop.starts_at = _at(IN_A_WEEK)
    workshop.save()
    full = workshop.experience.sessions.create(starts_at=_at(IN_3_DAYS), capacity=2)
    assert session_hold(session_id=full.pk, seats=2)
    cancelled = bookable_session(vendor=galuh, name="Susur Sungai Martapura")
    cancelled.status = SessionStatus.CANCELLED
    cancelled.starts_at = _at(IN_3_DAYS)
    cancelled.save()
    past = bookable_session(vendor=galuh, name="Pasar Terapung Subuh")
    past.starts_at = timezone.now() - dt.timedelta(hours=2)
    past.save()
    return workshop.experience.product


def _names(result) -> set[str]:
    return {hit.name for hit in result.hits}


EXPERIENCES = {
    "Workshop Kain Sasirangan",
    "Susur Sungai Martapura",
    "Pasar Terapung Subuh",
}
GOODS = {"Kain Sasirangan Biru", "Tas Purun"}

# (params, names found): the same on every engine.
CASES = [
    (ProductSearchParams(), GOODS | EXPERIENCES),
    (ProductSearchParams(kind="experience"), EXPERIENCES),
    (ProductSearchParams(kind="goods"), GOODS),
    # A date means experiences with an open session that day: the workshop in a week;
    # its full session in three days, the cancelled and the past one never.
    (ProductSearchParams(date_from=IN_A_WEEK, date_to=IN_A_WEEK), {"Workshop Kain Sasirangan"}),  # noqa: E501
    (ProductSearchParams(date_from=IN_3_DAYS, date_to=IN_3_DAYS), set()),
    (ProductSearchParams(date_from=TODAY), {"Workshop Kain Sasirangan"}),
    (ProductSearchParams(date_to=IN_3_DAYS), set()),
    (ProductSearchParams(date_from=TODAY - dt.timedelta(days=30), date_to=TODAY), set()),  # noqa: E501
    (ProductSearchParams(q="kain", date_to=IN_A_WEEK), {"Workshop Kain Sasirangan"}),
    (ProductSearchParams(kind="goods", date_from=IN_A_WEEK), set()),
]  # fmt: skip


def _case_id(case) -> str:
    params, _names = case
    return repr(
        params.filters()
        | {"from": str(params.date_from), "to": str(params.date_to), "q": params.q}
    )


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_database_engine_kind_and_dates(catalogue, case):
    params, expected = case
    assert _names(product_search_db(params)) == expected


@pytest.mark.elasticsearch
def test_elasticsearch_kind_and_dates_match_the_database(es, catalogue):
    indexing.index_rebuild()
    for params, expected in CASES:
        elastic = product_search_es(params)
        assert _names(elastic) == expected, params
        database = product_search_db(params)
        assert elastic.total == database.total
        assert {
            name: [(b.value, b.count) for b in buckets]
            for name, buckets in elastic.facets.items()
        } == {
            name: [(b.value, b.count) for b in buckets]
            for name, buckets in database.facets.items()
        }


def test_kind_facet_counts_and_labels(catalogue):
    with translation.override("en"):
        result = product_search_db(ProductSearchParams(kind="goods"))
    kinds = {b.value: (b.label, b.count, b.selected) for b in result.facets["kind"]}
    # The facet ignores its own filter: both kinds are offered with their counts.
    assert kinds == {
        "experience": ("Experience", 3, False),
        "goods": ("Goods", 2, True),
    }
    assert {hit.kind for hit in result.hits} == {"goods"}


@pytest.mark.elasticsearch
def test_session_seats_and_dates_reach_the_index(
    es, catalogue, django_capture_on_commit_callbacks
):
    """Seats move with conditional UPDATEs (no post_save): the seats_changed signal
    re-indexes the experience, so a session that fills up leaves the date filter."""
    indexing.index_rebuild()
    session = catalogue.experience.sessions.get(starts_at=_at(IN_A_WEEK))
    week = ProductSearchParams(date_from=IN_A_WEEK, date_to=IN_A_WEEK)

    def found() -> set[str]:
        es.indices.refresh(index=indexing.alias_name())
        return _names(product_search_es(week))

    assert found() == {"Workshop Kain Sasirangan"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert session_hold(session_id=session.pk, seats=session.capacity)
    assert callbacks
    assert found() == set()
    with django_capture_on_commit_callbacks(execute=True):
        session.refresh_from_db()
        session.held = 0
        session.starts_at = _at(IN_3_DAYS, hour=14)
        session.save()
    assert found() == set()
    assert _names(
        product_search_es(ProductSearchParams(date_from=IN_3_DAYS, date_to=IN_3_DAYS))
    ) == {"Workshop Kain Sasirangan"}


def test_the_declaration_covers_every_engine():
    """Each one-value filter is a field of the parameters, each facet a field of the
    Elasticsearch document; every facet has a title."""
    params = ProductSearchParams()
    mapping = EsDocument._doc_type.mapping.to_dict()["properties"]
    for item in filters.VALUE_FILTERS:
        assert hasattr(params, item.name)
        assert item.es_field.split(".")[0] in mapping
        if item.facet:
            assert item.facet.es_field in mapping
            assert item.name in filters.FACET_TITLES
    assert mapping["session_dates"]["type"] == "date"
    assert mapping["kind"]["type"] == "keyword"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date_from": "2026-02-30"}, "date_from", "Enter a real date as YYYY-MM-DD."),
        ({"date_to": "abc"}, "date_to", "Enter a real date as YYYY-MM-DD."),
        ({"date_from": "2026-W05-1"}, "date_from", "Enter a real date as YYYY-MM-DD."),
        (
            {"date_from": "2026-12-10", "date_to": "2026-12-01"},
            "date_to",
            "The last day is before the first day.",
        ),
        (
            {"date_from": "0001-01-01"},
            "date_from",
            "Choose a date between 2000-01-01 and 2999-12-31.",
        ),
        ({"kind": "tour"}, "kind", "Choose one of: goods, experience."),
    ],
)
def test_bad_kind_and_dates_are_explained(data, field, message):
    with translation.override("en"), pytest.raises(SearchParamsError) as caught:
        parse_product_params(data)
    assert caught.value.errors == {field: message}


def test_good_dates_and_kind_are_parsed():
    params = parse_product_params(
        {"kind": "experience", "date_from": "2026-12-01", "date_to": "2026-12-01"}
    )
    assert params.kind == "experience"
    assert params.date_from == params.date_to == dt.date(2026, 12, 1)
    assert params.has_filters()


def test_api_kind_facet_and_date_filter(client, no_es, catalogue):
    body = client.get(
        f"/api/v1/search/products?date_from={IN_A_WEEK}&date_to={IN_A_WEEK}"
    ).json()
    assert [hit["name"] for hit in body["results"]] == ["Workshop Kain Sasirangan"]
    assert body["results"][0]["kind"] == "experience"
    assert {b["value"]: b["count"] for b in body["facets"]["kind"]} == {"experience": 1}
    body = client.get("/api/v1/search/products?kind=goods").json()
    assert {hit["kind"] for hit in body["results"]} == {"goods"}


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2026-02-30",
        "date_to=abc",
        "date_from=2026-12-10&date_to=2026-12-01",
        "kind=tour",
    ],
)
def test_api_bad_dates_are_a_clear_422(client, no_es, query):
    response = client.get(f"/api/v1/search/products?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    name = query.split("&")[-1].split("=")[0]
    assert body["fields"][name]


def test_page_has_the_date_control_and_labels_experiences(client, no_es, catalogue):
    html = client.get(f"/cari/?q=sasirangan&date_from={IN_A_WEEK}").content.decode()
    assert '<label for="search-date-from">' in html
    assert f'name="date_from" value="{IN_A_WEEK:%Y-%m-%d}"' in html
    assert "Workshop Kain Sasirangan" in html
    assert "Kain Sasirangan Biru" not in html  # a date means experiences
    assert 'class="search-kind"' in html
    # The site-wide search without a date shows both kinds, experiences labelled.
    html = client.get("/cari/?q=sasirangan").content.decode()
    assert "Kain Sasirangan Biru" in html and "Workshop Kain Sasirangan" in html
    # (the shop "Sasirangan Galuh" runs all three experiences)
    assert html.count('class="search-kind"') == len(EXPERIENCES)
    assert "Goods or experiences" in html or "Barang atau pengalaman" in html


def test_page_explains_a_bad_date(client, no_es, catalogue):
    response = client.get("/cari/?q=kain&date_from=2026-02-30")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "date_from" in html
