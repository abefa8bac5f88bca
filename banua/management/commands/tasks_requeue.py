"""Queue again the background tasks whose worker died and the failed ones due a retry.

Run by the scheduler every minute (deploy/crontab, deploy/systemd/banua-tasks-requeue.timer)
and by ``tasks_worker`` when it starts; see banua/task_queue.py.
"""

from django.core.management.base import BaseCommand

from banua.task_queue import tasks_requeue


class Command(BaseCommand):
    help = "Queue again lost (worker died) and failed-but-retryable background tasks."

    def handle(self, *args, **options):
        report = tasks_requeue()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"lost: {report.lost}, retried: {report.retried}, "
                f"given up: {report.given_up}"
            )
