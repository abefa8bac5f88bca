"""Print nDCG@10, recall@10 and the zero-result rate of product search on the judged
queries."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search import engine
from search.evaluation import JUDGEMENTS, evaluate, load_judgements
from search.params import ProductSearchParams


class Command(BaseCommand):
    help = "Evaluate product search relevance on search/judgements/products.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=["elasticsearch", "database"],
            default="elasticsearch",
            help="Which backend to evaluate (default: elasticsearch).",
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
        k = options["k"]
        if options["backend"] == "elasticsearch":
            if not engine.is_configured():
                raise CommandError(
                    "ELASTICSEARCH_URL is not set; try --backend database."
                )
            from search.products import product_search_es as backend_search
        else:
            from search.fallback import product_search_db as backend_search

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
            for score in sorted(report["scores"], key=lambda s: s.ndcg):
                self.stdout.write(
                    f"{score.ndcg:5.2f} {score.recall:5.2f} {score.total:4d}  "
                    f"{score.query!r} -> {', '.join(score.top)}"
                )
        self.stdout.write(
            f"backend={options['backend']} queries={report['queries']} "
            f"nDCG@{k}={report['ndcg']:.3f} recall@{k}={report['recall']:.3f} "
            f"zero-result rate={report['zero_result_rate']:.3f}"
        )
