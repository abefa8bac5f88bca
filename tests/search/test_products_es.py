"""Product search on the real Elasticsearch node: analysis, synonyms, typos, facets,
filters, sorting, pagination, highlights and "did you mean"."""

import datetime as dt

import pytest
from django.utils import timezone

from search import indexing, selectors
from search.params import ProductSearchParams, parse_product_params
from tests.search import factories as f

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def search(**params):
    return selectors.product_search(params=parse_product_params(params))


def names(result):
    return [hit.name for hit in result.hits]


@pytest.fixture
def catalogue(es):
    cloth = f.category()
    food = f.category(
        slug="kuliner", name="Kuliner dan Oleh-oleh", name_en="Food and souvenirs"
    )
    crafts = f.category(slug="kerajinan", name="Kerajinan", name_en="Crafts")
    galuh = f.vendor(name="Sasirangan Galuh", slug="galuh")
    lok = f.vendor(
        name="Anyaman Lok Baintan",
        slug="lok-baintan",
        region="banjar",
        latitude="-3.294500",
        longitude="114.667900",
    )
    far = f.vendor(
        name="Dodol Kandangan",
        slug="dodol-kandangan",
        region="hulu-sungai-selatan",
        latitude="-2.781900",
        longitude="115.265800",
    )
    now = timezone.now()
    items = {
        "kain": f.product(
            "Kain Sasirangan Motif Gigi Haruan",
            vendor=galuh,
            category=cloth,
            description=(
                "Kain katun bermotif gigi haruan, dicelup tangan dengan warna alami."
            ),
            tags=["kain", "sasirangan"],
            motif_name="Gigi Haruan",
            village="Kampung Sasirangan",
            price=185_000,
            technique="tie-dye",
            dye="natural",
            published_at=now - dt.timedelta(days=3),
        ),
        "tenun": f.product(
            "Kain Tenun Pagatan",
            vendor=galuh,
            category=cloth,
            description="Kain tenun tangan dari Pagatan.",
            tags=["kain"],
            price=450_000,
            technique="woven",
            published_at=now - dt.timedelta(days=5),
        ),
        "tas": f.product(
            "Tas Purun Anyaman",
            vendor=lok,
            category=crafts,
            description="Tas belanja anyaman purun.",
            tags=["tas", "kerajinan"],
            price=65_000,
            technique="woven",
            dye="natural",
            published_at=now - dt.timedelta(days=1),
        ),
        "dompet": f.product(
            "Dompet Purun Kecil",
            vendor=lok,
            category=crafts,
            description="Dompet untuk koin.",
            tags=["dompet"],
            price=30_000,
            stock=0,
            published_at=now - dt.timedelta(days=2),
        ),
        "dodol": f.product(
            "Dodol Kandangan Durian",
            vendor=far,
            category=food,
            description="Dodol ketan dengan durian.",
            tags=["oleh-oleh", "dodol"],
            price=45_000,
            technique="cooked",
            published_at=now - dt.timedelta(days=4),
        ),
        "rajin": f.product(
            "Sabun Rajin Bersih",
            vendor=far,
            category=food,
            description="Sabun cuci.",
            tags=["sabun"],
            price=10_000,
            published_at=now - dt.timedelta(days=6),
        ),
    }
    f.product("Draf Kain Rahasia", vendor=galuh, category=cloth, status="draft")
    f.product("Kain Disembunyikan", vendor=galuh, category=cloth, is_hidden=True)
    indexing.index_rebuild()
    return items


def test_indonesian_stemming_finds_word_forms(catalogue):
    assert names(search(q="tenunan"))[0] == "Kain Tenun Pagatan"
    assert "Kain Sasirangan Motif Gigi Haruan" in names(search(q="berwarna"))


def test_typo_sasirangn_finds_sasirangan(catalogue):
    result = search(q="sasirangn")
    assert names(result)[0] == "Kain Sasirangan Motif Gigi Haruan"


def test_protected_words_are_not_stemmed(catalogue):
    """'kerajinan' would stem to 'rajin' and match the soap; the keyword marker stops
    that."""
    found = names(search(q="kerajinan"))
    assert "Tas Purun Anyaman" in found
    assert "Sabun Rajin Bersih" not in found


def test_kecil_is_not_a_stop_word(catalogue):
    assert names(search(q="kecil")) == ["Dompet Purun Kecil"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("souvenir", "Dodol Kandangan Durian"),
        ("bag", "Tas Purun Anyaman"),
        ("batik", "Kain Sasirangan Motif Gigi Haruan"),
    ],
)
def test_synonyms(catalogue, query, expected):
    assert names(search(q=query))[0] == expected


def test_synonym_wastra_finds_every_kain(catalogue):
    assert set(names(search(q="wastra"))) == {
        "Kain Sasirangan Motif Gigi Haruan",
        "Kain Tenun Pagatan",
    }


def test_english_subfield_matches_english_words(catalogue):
    assert "Tas Purun Anyaman" in names(search(q="woven bags"))


def test_unpublished_and_hidden_products_are_never_found(catalogue):
    found = names(search(q="kain"))
    assert "Draf Kain Rahasia" not in found
    assert "Kain Disembunyikan" not in found
    assert search(q="rahasia").total == 0


def test_facets_count_by_category_vendor_region_and_price(catalogue):
    result = search(q="")
    facets = {
        name: {b.value: b.count for b in buckets}
        for name, buckets in result.facets.items()
    }
    assert result.total == 6
    assert facets["category"] == {"kain-sasirangan": 2, "kerajinan": 2, "kuliner": 2}
    assert facets["vendor"] == {"galuh": 2, "lok-baintan": 2, "dodol-kandangan": 2}
    assert facets["region"] == {"banjarmasin": 2, "banjar": 2, "hulu-sungai-selatan": 2}
    assert (
        facets["price"] == []
        or {"0-50000": 3, "50000-100000": 1, "100000-250000": 1, "250000-500000": 1}
        == facets["price"]
    )
    labels = {b.value: b.label for b in result.facets["category"]}
    assert labels["kerajinan"] == "Kerajinan"


def test_a_facet_ignores_its_own_filter_but_not_the_others(catalogue):
    result = search(category="kerajinan")
    assert result.total == 2
    categories = {b.value: (b.count, b.selected) for b in result.facets["category"]}
    assert categories["kerajinan"] == (2, True)
    assert categories["kuliner"] == (2, False)  # still offered, with its own count
    vendors = {b.value: b.count for b in result.facets["vendor"]}
    assert vendors == {"lok-baintan": 2}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"vendor": "galuh"},
            {"Kain Sasirangan Motif Gigi Haruan", "Kain Tenun Pagatan"},
        ),
        (
            {"region": "hulu-sungai-selatan"},
            {"Dodol Kandangan Durian", "Sabun Rajin Bersih"},
        ),
        (
            {"price_min": "40000", "price_max": "100000"},
            {"Tas Purun Anyaman", "Dodol Kandangan Durian"},
        ),
        ({"in_stock": "false"}, {"Dompet Purun Kecil"}),
        ({"technique": "woven"}, {"Kain Tenun Pagatan", "Tas Purun Anyaman"}),
        ({"dye": "natural", "q": "kain"}, {"Kain Sasirangan Motif Gigi Haruan"}),
        ({"motif": "Gigi Haruan"}, {"Kain Sasirangan Motif Gigi Haruan"}),
        ({"village": "kampung sasirangan"}, {"Kain Sasirangan Motif Gigi Haruan"}),
    ],
)
def test_filters(catalogue, params, expected):
    assert set(names(search(**params))) == expected


def test_in_stock_filter_leaves_out_sold_out_products(catalogue):
    found = names(search(q="purun", in_stock="true"))
    assert found == ["Tas Purun Anyaman"]


def test_sorting(catalogue):
    prices = [hit.price for hit in search(sort="price_asc").hits]
    assert prices == sorted(prices)
    prices = [hit.price for hit in search(sort="price_desc").hits]
    assert prices == sorted(prices, reverse=True)
    assert names(search(sort="newest"))[:2] == [
        "Tas Purun Anyaman",
        "Dompet Purun Kecil",
    ]
    assert search(sort="rating").total == 6


def test_pagination(catalogue):
    first = selectors.product_search(
        params=ProductSearchParams(per_page=4, sort="price_asc")
    )
    second = selectors.product_search(
        params=ProductSearchParams(per_page=4, page=2, sort="price_asc")
    )
    assert first.pages == 2
    assert len(first.hits) == 4 and len(second.hits) == 2
    assert not {hit.id for hit in first.hits} & {hit.id for hit in second.hits}


def test_highlights_mark_the_matched_words_and_escape_the_rest(catalogue):
    hit = search(q="tenun").hits[0]
    assert "<mark>Tenun</mark>" in hit.highlight["name"]


def test_did_you_mean_when_nothing_matches(catalogue):
    result = search(q="xandangan")  # wrong first letter: beyond the fuzzy match
    assert result.total == 0
    assert result.did_you_mean == "kandangan"
    assert search(q="kandangan").did_you_mean is None


def test_near_destination_filters_and_sorts_by_distance(catalogue):
    from tests.tourism.factories import build_site_tree, make_destination

    tree = build_site_tree()
    lok_baintan = make_destination(tree.destinations)  # -3.2939, 114.6685
    near = search(near=str(lok_baintan.pk), km="15")
    assert set(names(near)) == {
        "Tas Purun Anyaman",
        "Dompet Purun Kecil",
        "Kain Sasirangan Motif Gigi Haruan",
        "Kain Tenun Pagatan",
    }
    nearest = search(near=str(lok_baintan.pk), km="15", sort="distance")
    assert names(nearest)[0] in {"Tas Purun Anyaman", "Dompet Purun Kecil"}
    assert nearest.hits[0].distance_km < 1
    assert search(near=str(lok_baintan.pk), km="1").total == 2


def test_suggest_answers_from_two_letters(catalogue):
    backend, suggestions = selectors.product_suggest(q="do")
    assert backend == "elasticsearch"
    assert {s.text for s in suggestions} >= {
        "Dodol Kandangan Durian",
        "Dompet Purun Kecil",
    }
    _backend, suggestions = selectors.product_suggest(q="dodo")
    assert [s.text for s in suggestions] == ["Dodol Kandangan Durian"]
    assert selectors.product_suggest(q="d") == ("none", [])
