"""The background task worker: django-tasks-db's ``db_worker`` with Banua's recovery.

Before working it queues again what a previous worker on this host left half-done (a
kill -9, an OOM, a reboot), and it identifies itself as ``host:pid:random`` so the next
one can tell. Elasticsearch calls get the worker's longer timeout: indexing happens
here, never in a request, and a slow node should delay it, not fail it.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from banua.task_queue import tasks_requeue, worker_id_new


class Command(BaseCommand):
    help = "Run a background task worker (all queues) after requeuing lost tasks."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true")
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args, **options):
        worker_timeout = getattr(settings, "ELASTICSEARCH_WORKER_TIMEOUT", 30)
        # Settings are the only way the search engine and Wagtail's backend learn the
        # timeout; both read them when a client is made, after this point.
        settings.ELASTICSEARCH_TIMEOUT = worker_timeout
        backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
        if "TIMEOUT" in backend:
            backend["TIMEOUT"] = worker_timeout
        report = tasks_requeue()
        if report.lost or report.retried:
            self.stderr.write(
                f"queued again: {report.lost} lost, {report.retried} failed tasks"
            )
        db_options = {
            "queue_name": options["queue_name"],
            "interval": options["interval"],
            "batch": options["batch"],
            "worker_id": worker_id_new(),
            "reload": False,
            "startup_delay": False,
            "verbosity": options["verbosity"],
        }
        if options["max_tasks"]:
            db_options["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **db_options)
