"""Synonyms the office adds in the admin apply to the database path at once and to
Elasticsearch through a rebuild with an alias swap in the worker (no downtime)."""

import pytest
from django.contrib.auth.models import Permission

from search import indexing, selectors
from search.models import SearchSynonym
from search.params import ProductSearchParams
from tests.search import factories as f
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db


def names(q):
    return [
        hit.name
        for hit in selectors.product_search(params=ProductSearchParams(q=q)).hits
    ]


@pytest.fixture
def office(client):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__endswith="_searchsynonym"),
    )
    client.force_login(user)
    return client


def test_a_rule_added_in_the_admin_applies_to_the_database_path(office, no_es):
    f.product("Kain Tenun Songket", tags=["songket"])
    assert names("ulos") == []
    response = office.post(
        "/admin/search_synonyms/new/", {"terms": "Songket,  ULOS , songket"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.get().terms == "songket, ulos"
    assert names("ulos") == ["Kain Tenun Songket"]


def test_a_rule_needs_two_terms(office, no_es):
    response = office.post("/admin/search_synonyms/new/", {"terms": "songket, ,"})
    assert response.status_code == 200
    assert not SearchSynonym.objects.exists()


@pytest.mark.elasticsearch
def test_a_rule_reaches_elasticsearch_through_an_alias_swap(
    office, es, django_capture_on_commit_callbacks
):
    f.product("Kain Tenun Songket", tags=["songket"])
    indexing.index_rebuild()
    before = set(es.indices.get_alias(name=indexing.alias_name()))
    assert names("ulos") == []
    with django_capture_on_commit_callbacks(execute=True):
        office.post("/admin/search_synonyms/new/", {"terms": "songket, ulos"})
    after = set(es.indices.get_alias(name=indexing.alias_name()))
    assert after and after != before, "a new index took over the alias"
    assert names("ulos") == ["Kain Tenun Songket"]
