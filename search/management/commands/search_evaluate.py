"""Print nDCG@10, recall@10, the zero-result rate, false results (results for queries
the catalogue has no answer to) and nDCG per query kind, on the judged queries."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import engine
from search.evaluation import JUDGEMENTS, evaluate, load_judgements
from search.fallback import product_search_db
from search.params import ProductSearchParams
from search.products import product_search_es


class Command(BaseCommand):
    help = "Evaluate product search relevance on search/judgements/products.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=["elasticsearch", "database", "all"],
            default="elasticsearch",
            help=(
                "Which backend to evaluate (default: elasticsearch); the database is "
                "the one DATABASE_URL names (PostgreSQL or SQLite); all runs both."
            ),
        )
        parser.add_argument("-k", type=int, default=10)
        parser.add_argument(
            "--judgements",
            type=Path,
            default=JUDGEMENTS,
            help="A judged query file (default: search/judgements/products.json).",
        )
        parser.add_argument("--verbose-queries", action="store_true")

    def handle(self, *args, **options):
        backends = (
            ["elasticsearch", "database"]
            if options["backend"] == "all"
            else [options["backend"]]
        )
        for backend in backends:
            self._evaluate(backend, options)

    def _evaluate(self, backend: str, options) -> None:
        k = options["k"]
        if backend == "elasticsearch":
            if not engine.is_configured():
                raise CommandError(
                    "ELASTICSEARCH_URL is not set; try --backend database."
                )
            backend_search = product_search_es
            label = "elasticsearch"
        else:
            backend_search = product_search_db
            label = f"database:{connection.vendor}"

        def search(query: str):
            result = backend_search(ProductSearchParams(q=query, per_page=k))
            return result.total, [hit.slug for hit in result.hits]

        try:
            report = evaluate(search, load_judgements(options["judgements"]), k=k)
        except Exception as exc:
            if not engine.is_transport_error(exc):
                raise
            raise CommandError(f"Elasticsearch failed: {exc}") from exc
        if options["verbose_queries"] or options["verbosity"] > 1:
            for score in sorted(report["scores"], key=lambda s: (s.kind, s.ndcg)):
                self.stdout.write(
                    f"{score.kind:9} {score.ndcg:5.2f} {score.recall:5.2f} "
                    f"{score.total:4d}  {score.query!r} -> {', '.join(score.top)}"
                )
        self.stdout.write(
            f"backend={label} queries={report['queries']} "
            f"nDCG@{k}={report['ndcg']:.3f} recall@{k}={report['recall']:.3f} "
            f"zero-result rate={report['zero_result_rate']:.3f} "
            f"false-result rate={report['false_result_rate']:.3f} "
            f"(results for {report['absent_queries']} queries with no relevant "
            f"product: {report['false_results']})"
        )
        for kind, figures in report["per_kind"].items():
            self.stdout.write(
                f"  kind={kind:9} queries={figures['queries']:3d} "
                f"nDCG@{k}={figures['ndcg']:.3f} recall@{k}={figures['recall']:.3f}"
            )
