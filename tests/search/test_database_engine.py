"""The database search engine (search.dbindex, search.fulltext, search.fallback):
documents follow the catalogue, each database searches its own index, and the judged
set meets the aims (PostgreSQL nDCG@10 >= 0.85, SQLite >= 0.75, typos answered, no
false results)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from search import dbindex, fulltext
from search.evaluation import evaluate, load_judgements
from search.fallback import product_search_db, product_suggest_db
from search.models import ProductDocument
from search.params import ProductSearchParams
from tests.search import factories as f

pytestmark = pytest.mark.django_db


def _names(q: str) -> list[str]:
    return [hit.name for hit in product_search_db(ProductSearchParams(q=q)).hits]


def test_tsquery_quotes_every_word_and_limits_weight_classes():
    assert fulltext.tsquery(("kain",)) == "('kain':*)"
    assert fulltext.tsquery(("buah tangan", "oleh-oleh"), "ab") == (
        "('buah':AB <-> 'tangan':*AB) | ('oleh':AB <-> 'oleh':*AB)"
    )
    assert fulltext.tsquery(("Kaín'); DROP",)) == "('kain' <-> 'drop':*)"


def test_fts5_query_quotes_every_word_and_filters_columns():
    assert fulltext.fts5_query(("kain",)) == '"kain"*'
    assert fulltext.fts5_query(("tie dye", 'x" OR y'), "cd") == (
        '{c d} : ("tie dye"* OR "x or y"*)'
    )


def test_a_saved_product_has_a_document_in_its_weight_classes():
    product = f.product(
        "Kain Sasirangan Biru",
        description="Dua meter, pewarna alami.",
        tags=["wastra"],
        motif_name="Gigi Haruan",
    )
    document = ProductDocument.objects.get(product=product)
    assert document.a == "Kain Sasirangan Biru"
    assert "wastra" in document.b and "Gigi Haruan" in document.b
    assert product.vendor.name in document.c
    assert "pewarna alami" in document.d
    if connection.vendor == "postgresql":
        assert document.vector is not None


def test_documents_follow_renames_tags_shops_and_deletes():
    product = f.product("Kain Sasirangan Biru")
    assert _names("biru") == ["Kain Sasirangan Biru"]
    product.name = "Kain Sasirangan Hijau"
    product.save()
    assert _names("biru") == []
    assert _names("hijau") == ["Kain Sasirangan Hijau"]
    product.tags.add("selendang")
    assert _names("selendang") == ["Kain Sasirangan Hijau"]
    product.vendor.name = "Galuh Banjar"
    product.vendor.save()
    assert _names("galuh") == ["Kain Sasirangan Hijau"]
    product.variants.all().delete()
    product.delete()
    assert not ProductDocument.objects.exists()
    assert _names("hijau") == []


def test_accents_and_word_starts_match():
    f.product("Kain Café Sasirangan")
    assert _names("cafe") == ["Kain Café Sasirangan"]
    assert _names("sasir") == ["Kain Café Sasirangan"]
    assert _names("irangan") == []  # word starts only, like the old path and ES


def test_suggest_uses_the_name_class():
    f.product("Kain Sasirangan Biru", description="Cocok untuk tas.")
    f.product("Tas Purun")
    assert [s.text for s in product_suggest_db("ta")] == ["Tas Purun"]
    assert [s.text for s in product_suggest_db("sasirangan bi")] == [
        "Kain Sasirangan Biru"
    ]


def test_rebuild_repairs_a_missing_document():
    product = f.product("Kain Sasirangan Biru")
    ProductDocument.objects.all().delete()
    assert _names("biru") == []
    assert dbindex.documents_rebuild() == 1
    assert _names("biru") == [product.name]


def test_typo_is_corrected_and_offered_as_did_you_mean():
    f.product("Kain Sasirangan Biru")
    f.product(
        "Dodol Kandangan",
        category=f.category(slug="kuliner", name="Kuliner"),
        vendor=f.vendor(name="Dapur Hulu Sungai"),
    )
    result = product_search_db(ProductSearchParams(q="sasirangn"))
    assert [hit.name for hit in result.hits] == ["Kain Sasirangan Biru"]
    assert result.did_you_mean == "sasirangan"
    assert _names("dodl") == ["Dodol Kandangan"]


def _judged_report():
    f.demo_catalogue()

    def search(query: str):
        result = product_search_db(ProductSearchParams(q=query, per_page=10))
        return result.total, [hit.slug for hit in result.hits]

    return evaluate(search, load_judgements())


def _assert_aims(report, ndcg_aim: float) -> None:
    assert report["ndcg"] >= ndcg_aim, report["per_kind"]
    assert report["per_kind"]["typo"]["ndcg"] >= ndcg_aim
    assert report["per_kind"]["typo"]["recall"] == pytest.approx(1.0)
    assert report["false_results"] == 0


@pytest.mark.postgres
def test_postgresql_meets_the_aims_on_the_judged_set():
    _assert_aims(_judged_report(), 0.85)


def test_sqlite_meets_the_aims_on_the_judged_set():
    """Measured on SQLite whatever database the suite runs on: on PostgreSQL (CI) this
    test runs itself again in a child pytest without DATABASE_URL, so on SQLite's
    FTS5 index and its own in-memory test database (the engine picks its SQL by the
    connection's vendor, so it cannot be pointed at a second alias)."""
    if connection.vendor == "sqlite":
        _assert_aims(_judged_report(), 0.75)
        return
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    child = subprocess.run(  # noqa: S603 - our own interpreter and test id
        [
            sys.executable,
            "-m",
            "pytest",
            f"{__file__}::test_sqlite_meets_the_aims_on_the_judged_set",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert child.returncode == 0, child.stdout[-4000:] + child.stderr[-2000:]
    assert "1 passed" in child.stdout


def test_search_reindex_database_rewrites_the_documents(capsys):
    from django.core.management import call_command

    f.product("Kain Sasirangan Biru")
    ProductDocument.objects.all().delete()
    call_command("search_reindex", database=True)
    assert "1 database search documents written." in capsys.readouterr().out
    assert _names("biru") == ["Kain Sasirangan Biru"]


def test_a_shop_save_of_other_fields_rewrites_no_document():
    product = f.product("Kain Sasirangan Biru")
    vendor = product.vendor
    ProductDocument.objects.update(a="left alone")  # a mark a rewrite would erase
    vendor.whatsapp = "6281251000999"
    vendor.save(update_fields=["whatsapp"])
    assert ProductDocument.objects.get().a == "left alone"
    vendor.name = "Galuh Banjar"
    vendor.save(update_fields=["name"])
    assert ProductDocument.objects.get().a == "Kain Sasirangan Biru"
    assert _names("galuh") == ["Kain Sasirangan Biru"]


@pytest.mark.postgres
def test_typo_candidates_are_read_nearest_first_from_the_gist_index():
    from django.test.utils import CaptureQueriesContext

    from search import spelling

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = "
            "'search_productdocument_words_gist'"
        )
        assert "gist_trgm_ops" in cursor.fetchone()[0]
    f.product("Kain Sasirangan Biru")
    with CaptureQueriesContext(connection) as queries:
        assert "sasirangan" in spelling._candidates_pg("sasirangn")
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "<<->" in sql and "LIMIT 20" in sql
