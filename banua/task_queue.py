"""Keeping the database task queue (django-tasks-db) free of lost and failed-once jobs.

django-tasks-db's ``db_worker`` claims a task by marking its row RUNNING. A worker killed
mid-task (kill -9, OOM, a reboot) leaves that row RUNNING forever, and a task that raised
stays FAILED: neither is ever run again. This module puts such rows back in the queue:

* RUNNING rows whose worker was a process on this host that no longer exists are lost at
  once (worker ids made by ``worker_id_new`` carry host and pid);
* RUNNING rows started more than ``TASKS_STALE_AFTER`` seconds ago are taken as lost
  (their worker died on another host);
* FAILED rows with fewer than ``TASKS_MAX_ATTEMPTS`` runs are retried after
  ``TASKS_RETRY_DELAY`` seconds, doubled after each run.

A task may therefore run more than once: every Banua task is written to be safe to run
twice (ids in, current rows loaded, state moved forward only).
"""

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _host() -> str:
    return socket.gethostname()[:40]


def worker_id_new() -> str:
    """``host:pid:random`` (at most 64 characters, django-tasks-db's limit)."""
    return f"{_host()}:{os.getpid()}:{get_random_string(8)}"


def _local_worker_dead(worker_id: str) -> bool:
    host, sep, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if not sep or host != _host() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except (ProcessLookupError, OverflowError):
        return True
    except PermissionError:
        return False
    return False


@dataclass(frozen=True)
class RequeueReport:
    lost: int
    retried: int
    given_up: int


def _attempts(row) -> int:
    return len(row.worker_ids or [])


def tasks_requeue(*, now: datetime | None = None) -> RequeueReport:
    """Put lost RUNNING tasks and retryable FAILED tasks back in the queue."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=getattr(settings, "TASKS_STALE_AFTER", 1800))
    max_attempts = getattr(settings, "TASKS_MAX_ATTEMPTS", 5)
    base_delay = getattr(settings, "TASKS_RETRY_DELAY", 60)
    lost = retried = given_up = 0
    # skip_locked: a row a worker is claiming right now is left alone until next time.
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING
        )
        for row in running:
            last_worker = (row.worker_ids or [""])[-1]
            if not (
                _local_worker_dead(last_worker)
                or (row.started_at and row.started_at < stale_before)
            ):
                continue
            if _attempts(row) >= max_attempts:
                row.status = TaskResultStatus.FAILED
                row.finished_at = now
                row.exception_class_path = "banua.task_queue.WorkerLost"
                row.traceback = f"worker {last_worker} died during the last attempt"
                row.save(
                    update_fields=[
                        "status",
                        "finished_at",
                        "exception_class_path",
                        "traceback",
                    ]
                )
                given_up += 1
                continue
            logger.warning(
                "Task %s (%s) was running on lost worker %s; queued again.",
                row.pk,
                row.task_path,
                last_worker,
            )
            row.status = TaskResultStatus.READY
            row.run_after = now
            row.save(update_fields=["status", "run_after"])
            lost += 1
        failed = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.FAILED, finished_at__isnull=False
        )
        for row in failed:
            attempts = _attempts(row)
            if attempts >= max_attempts or row.exception_class_path.endswith(
                "WorkerLost"
            ):
                continue
            due = row.finished_at + timedelta(
                seconds=base_delay * 2 ** max(attempts - 1, 0)
            )
            if due > now:
                continue
            row.status = TaskResultStatus.READY
            row.run_after = now
            row.finished_at = None
            row.save(update_fields=["status", "run_after", "finished_at"])
            retried += 1
    return RequeueReport(lost=lost, retried=retried, given_up=given_up)
