"""Relevance evaluation: the metric arithmetic, the judged set, and the command."""

import json

import pytest
from django.core.management import call_command

from search import indexing
from search.evaluation import evaluate, load_judgements, ndcg_at, recall_at
from tests.search import factories as f


def test_ndcg_is_one_for_the_ideal_order_and_lower_otherwise():
    relevant = {"a": 3, "b": 1}
    assert ndcg_at(["a", "b", "x"], relevant) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], relevant) < 1.0
    assert ndcg_at(["x", "y"], relevant) == 0.0


def test_recall_counts_judged_products_in_the_top_k():
    relevant = {"a": 3, "b": 2, "c": 1}
    assert recall_at(["a", "x", "c"], relevant) == pytest.approx(2 / 3)
    assert recall_at(["a", "b", "c"], relevant, k=2) == pytest.approx(1.0)


def test_evaluate_reports_zero_result_rate():
    judgements = [
        {"query": "kain", "relevant": {"kain": 3}},
        {"query": "zzz", "relevant": {"tas": 3}},
    ]
    answers = {"kain": (1, ["kain"]), "zzz": (0, [])}
    report = evaluate(lambda query: answers[query], judgements)
    assert report["ndcg"] == pytest.approx(0.5)
    assert report["zero_result_rate"] == pytest.approx(0.5)


def test_the_judged_set_is_big_enough_and_names_demo_products():
    from django.utils.text import slugify

    from banua.demo.catalogue import build_products

    demo = {slugify(item["name"]) for item in build_products()}
    judgements = load_judgements()
    assert len(judgements) >= 40
    assert {item["language"] for item in judgements} == {"id", "en", "mixed"}
    for item in judgements:
        assert set(item["relevant"]) <= demo, item["query"]


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_search_evaluate_prints_the_metrics(es, tmp_path, capsys):
    f.product("Kain Sasirangan Merah", slug="kain-merah")
    f.product(
        "Tas Purun",
        slug="tas-purun",
        category=f.category(slug="kerajinan", name="Kerajinan"),
    )
    indexing.index_rebuild()
    path = tmp_path / "judged.json"
    path.write_text(
        json.dumps(
            [
                {"query": "kain", "relevant": {"kain-merah": 3}},
                {"query": "bag", "relevant": {"tas-purun": 3}},
            ]
        )
    )
    call_command("search_evaluate", judgements=path)
    out = capsys.readouterr().out
    assert "queries=2 nDCG@10=1.000 recall@10=1.000 zero-result rate=0.000" in out
