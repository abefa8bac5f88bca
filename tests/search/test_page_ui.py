"""The search UI in the page: the header box is a combobox wired to the suggest API (and
a plain form without JavaScript), the search page has a "near a destination" control,
destination pages link to the products made near them."""

import pytest
from django.contrib.staticfiles import finders

from tests.search import factories as f
from tests.tourism.factories import build_site_tree, make_destination

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    tree = build_site_tree()
    market = make_destination(tree.destinations, title="Pasar Terapung Lok Baintan")
    f.product("Kain Sasirangan Merah", tags=["kain"])
    return tree, market


def test_header_box_is_an_accessible_combobox_and_a_plain_form(client, no_es, site):
    html = client.get("/cari/").content.decode()
    form = html[html.index('<form class="wrap site-search"') :]
    form = form[: form.index("</form>")]
    assert 'method="get"' in form and 'name="q"' in form  # works without JavaScript
    assert 'role="combobox"' in form
    assert 'aria-autocomplete="list"' in form
    assert 'aria-expanded="false"' in form
    assert 'aria-controls="site-search-suggestions"' in form
    assert 'id="site-search-suggestions"' in form and 'role="listbox"' in form
    assert 'aria-live="polite"' in form
    assert 'data-search-suggest="/api/v1/search/suggest"' in form
    assert "search/js/autocomplete.js" in html
    script = open(finders.find("search/js/autocomplete.js"), encoding="utf-8").read()
    for needle in ("ArrowDown", "ArrowUp", "Escape", "aria-activedescendant"):
        assert needle in script
    assert "http" not in script.replace("https://", "").split("*/", 1)[1]  # no CDN


def test_suggestions_answer_from_two_letters(client, no_es, site):
    body = client.get("/api/v1/search/suggest", {"q": "ka"}).json()
    assert [item["text"] for item in body["suggestions"]] == ["Kain Sasirangan Merah"]
    assert body["suggestions"][0]["url"].startswith("/")
    assert client.get("/api/v1/search/suggest", {"q": "k"}).json()["suggestions"] == []


def test_search_page_has_a_near_a_destination_control(client, no_es, site):
    _tree, market = site
    html = client.get("/cari/", {"q": "kain", "near": market.pk}).content.decode()
    assert 'name="near"' in html and 'id="search-near"' in html
    assert f'<option value="{market.pk}" selected>Pasar Terapung Lok Baintan' in html
    assert 'name="km"' in html


def test_destination_page_links_to_products_near_it(client, no_es, site):
    _tree, market = site
    html = client.get(market.url).content.decode()
    assert f"/cari/?near={market.pk}&amp;sort=distance" in html
    response = client.get(f"/cari/?near={market.pk}&sort=distance")
    assert response.status_code == 200
