"""Offline relevance evaluation against the judged query set (search/judgements/).

This node has no rank-eval module (``_rank_eval`` is not installed), so nDCG@k is
computed here the same way: DCG = sum((2^grade - 1) / log2(rank + 1)) over the top k,
divided by the DCG of the ideal ordering of all judged products.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

JUDGEMENTS = Path(__file__).resolve().parent / "judgements" / "products.json"


ABSENT = "absent"  # the kind of a query for something the catalogue does not sell


@dataclass
class QueryScore:
    query: str
    kind: str
    ndcg: float
    recall: float
    total: int
    top: list[str]

    @property
    def false_result(self) -> bool:
        """Results for a query with no relevant product: junk shown as an answer."""
        return self.kind == ABSENT and self.total > 0


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


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def evaluate(search, judgements: list[dict], *, k: int = 10) -> dict:
    """Scores ``search(query) -> (total, ranked slugs)``: the means and each query's.

    Queries of kind "absent" (nothing in the catalogue is relevant) are left out of
    nDCG and recall, which are undefined for them, and make the false-result figures:
    the share of them that returned anything, and how many results they returned.
    """
    scores = []
    for item in judgements:
        total, ranked = search(item["query"])
        kind = item.get("kind") or ("product" if item["relevant"] else ABSENT)
        scores.append(
            QueryScore(
                query=item["query"],
                kind=kind,
                ndcg=ndcg_at(ranked, item["relevant"], k),
                recall=recall_at(ranked, item["relevant"], k),
                total=total,
                top=ranked[:3],
            )
        )
    judged = [score for score in scores if score.kind != ABSENT]
    absent = [score for score in scores if score.kind == ABSENT]
    kinds = sorted({score.kind for score in judged})
    return {
        "queries": len(scores),
        "ndcg": _mean([score.ndcg for score in judged]),
        "recall": _mean([score.recall for score in judged]),
        "zero_result_rate": _mean(
            [1.0 if score.total == 0 else 0.0 for score in judged]
        ),
        "absent_queries": len(absent),
        "false_result_rate": _mean(
            [1.0 if score.false_result else 0.0 for score in absent]
        ),
        "false_results": sum(min(score.total, k) for score in absent),
        "per_kind": {
            kind: {
                "queries": len([s for s in judged if s.kind == kind]),
                "ndcg": _mean([s.ndcg for s in judged if s.kind == kind]),
                "recall": _mean([s.recall for s in judged if s.kind == kind]),
            }
            for kind in kinds
        },
        "scores": scores,
    }
