"""Property-based tests: whatever text arrives, the parameter parser either returns
clean parameters or a SearchParamsError, and every query builder produces a query the
engine accepts (Elasticsearch DSL that serialises, database queries that run)."""

import json

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.params import (
    MAX_QUERY_LENGTH,
    ProductSearchParams,
    SearchParamsError,
    clean_query,
    parse_product_params,
    query_words,
)

# Text biased towards what breaks engines: syntax characters, control bytes, emoji.
NASTY = st.sampled_from(
    list("\"'\\*:()[]{}^~!?&|+-/<>%_\x00\x01\x1b\u200b\u202e\ufeff🧵🎉")
    + ["AND", "OR", "NOT", "NEAR", " ", "\t", "\n"]
)
QUERY = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=40).map("".join),
)
PARAM_NAMES = [
    "q",
    "category",
    "vendor",
    "region",
    "technique",
    "dye",
    "village",
    "motif",
    "price_min",
    "price_max",
    "in_stock",
    "sort",
    "page",
    "near",
    "km",
]
PARAMS = st.dictionaries(st.sampled_from(PARAM_NAMES), QUERY, max_size=6)
FAST = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FAST
@given(data=PARAMS)
def test_the_parser_returns_clean_params_or_a_parameter_error(data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    try:
        params = parse_product_params(query)
    except SearchParamsError as exc:
        assert exc.errors and set(exc.errors) <= set(PARAM_NAMES) | {"near"}
        return
    assert len(params.q) <= MAX_QUERY_LENGTH
    assert params.q == clean_query(params.q)
    assert not any(ord(char) < 32 for char in params.q + params.village + params.motif)


@FAST
@given(raw=QUERY)
def test_query_words_are_plain_words(raw):
    words = query_words(clean_query(raw))
    assert len(words) <= 12
    for word in words:
        assert word and word == word.lower()
        assert not set(word) & set('"\\*:()[]{}^~!?&|+/<>%_\x00 ')


@pytest.mark.django_db  # the synonym rules include the office's, from the database
@FAST
@given(q=QUERY)
def test_the_elasticsearch_query_always_serialises(q):
    from search.products import build_search

    params = ProductSearchParams(q=clean_query(q, limit=MAX_QUERY_LENGTH))
    body = build_search(params).to_dict()
    json.dumps(body)


@pytest.mark.django_db
@FAST
@given(q=QUERY)
def test_the_database_search_runs_for_any_query(no_es, q):
    from search.fallback import product_search_db, product_suggest_db

    params = ProductSearchParams(q=clean_query(q, limit=MAX_QUERY_LENGTH))
    result = product_search_db(params)
    assert result.total == len(result.hits) == 0
    product_suggest_db(clean_query(q, limit=100))


@pytest.fixture
def one_product(db):
    from tests.search import factories as f

    return f.product("Kain Sasirangan Café", description="Pewarna alami", tags=["kain"])


@pytest.mark.django_db
@FAST
@given(term=QUERY, classes=st.sampled_from(["abcd", "a", "b", "cd", "bd"]))
def test_the_full_text_condition_runs_for_any_term(one_product, term, classes):
    """Any text through search.fulltext is a valid tsquery (PostgreSQL) or FTS5 MATCH
    string (SQLite), in any weight class: run with and without DATABASE_URL."""
    from marketplace.models import Product
    from search import fulltext

    found = Product.objects.filter(fulltext.matches((term, "kain"), classes))
    assert found.count() in (0, 1)
    assert Product.objects.filter(fulltext.matches((term,), classes)).count() in (0, 1)


@pytest.mark.django_db
@FAST
@given(q=QUERY)
def test_the_database_search_runs_for_any_query_on_a_catalogue(one_product, no_es, q):
    from search.fallback import product_search_db, product_suggest_db

    params = ProductSearchParams(q=clean_query(q, limit=MAX_QUERY_LENGTH))
    result = product_search_db(params)
    assert result.total == len(result.hits) <= 1
    product_suggest_db(clean_query(q, limit=100))
