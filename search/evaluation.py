"""Offline relevance evaluation against the judged query set (search/judgements/).

This node has no rank-eval module (``_rank_eval`` is not installed), so nDCG@k is
computed
here the same way: DCG = sum((2^grade - 1) / log2(rank + 1)) over the top k, divided by
the
DCG of the ideal ordering of all judged products.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

JUDGEMENTS = Path(__file__).resolve().parent / "judgements" / "products.json"


@dataclass
class QueryScore:
    query: str
    ndcg: float
    recall: float
    total: int
    top: list[str]


def load_judgements(path: Path = JUDGEMENTS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def dcg(grades: list[int]) -> float:
    return sum(
        (2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades)
    )


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevant.get(slug, 0) for slug in ranked[:k]]) / ideal


def recall_at(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    wanted = {slug for slug, grade in relevant.items() if grade > 0}
    if not wanted:
        return 1.0
    return len(wanted & set(ranked[:k])) / min(len(wanted), k)


def evaluate(search, judgements: list[dict], *, k: int = 10) -> dict:
    """``search(query) -> (total, ranked slugs)``; returns the means and per-query
    scores."""
    scores = []
    for item in judgements:
        total, ranked = search(item["query"])
        scores.append(
            QueryScore(
                query=item["query"],
                ndcg=ndcg_at(ranked, item["relevant"], k),
                recall=recall_at(ranked, item["relevant"], k),
                total=total,
                top=ranked[:3],
            )
        )
    count = len(scores) or 1
    return {
        "queries": len(scores),
        "ndcg": sum(score.ndcg for score in scores) / count,
        "recall": sum(score.recall for score in scores) / count,
        "zero_result_rate": sum(1 for score in scores if score.total == 0) / count,
        "scores": scores,
    }
