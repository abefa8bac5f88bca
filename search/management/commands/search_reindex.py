"""Rebuild the product index with no downtime: new versioned index, bulk load, alias
swap; with ``--database``, rewrite the database engine's documents instead."""

from django.core.management.base import BaseCommand, CommandError

from search import dbindex, engine, indexing

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Build a new versioned product index from the database, load it in bulk, "
        "point the "
        "alias at it in one atomic step and delete the previous index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)
        parser.add_argument(
            "--database",
            action="store_true",
            help=(
                "Rewrite the database search engine's documents (PostgreSQL "
                "full-text, SQLite FTS5) instead of the Elasticsearch index."
            ),
        )

    def _progress(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(BAR_WIDTH * share)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"[{bar}] {share:6.1%} {done}/{total} products")

    def handle(self, *args, **options):
        if options["database"]:
            written = dbindex.documents_rebuild(chunk_size=options["chunk_size"])
            self.stdout.write(
                self.style.SUCCESS(f"{written} database search documents written.")
            )
            return
        if not engine.is_configured():
            raise CommandError(
                "ELASTICSEARCH_URL is not set: search answers from the database and "
                "there is "
                "no index to build (the database engine: --database)."
            )
        alias = indexing.alias_name()
        self.stdout.write(f"Rebuilding {alias} ...")
        try:
            report = indexing.index_rebuild(
                progress=self._progress, chunk_size=options["chunk_size"]
            )
        except Exception as exc:
            if not engine.is_transport_error(exc):
                raise
            raise CommandError(f"Elasticsearch failed: {exc}") from exc
        rate = report["indexed"] / report["seconds"] if report["seconds"] else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"{alias} -> {report['index']}: "
                f"{report['indexed']} of {report['total']} "
                f"products indexed in {report['seconds']:.1f}s ({rate:.0f} docs/s); "
                f"removed {', '.join(report['deleted_indices']) or 'no old index'}."
            )
        )
