"""The database task queue: lost tasks (worker killed) and failed ones run again."""

import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from banua.task_queue import tasks_requeue, worker_id_new
from tests.deploy import live
from tests.deploy.tasks import failing_task, trace_task

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_queue(settings):
    settings.TASKS = DB_TASKS
    settings.TASKS_STALE_AFTER = 600
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_RETRY_DELAY = 60


def _reaped_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    proc = subprocess.Popen(["true"])  # noqa: S607
    proc.wait()
    return proc.pid


def _row(result) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=result.id)


@pytest.mark.django_db
def test_enqueue_writes_a_row_instead_of_running(db_queue, tmp_path):
    result = trace_task.enqueue(path=str(tmp_path / "trace"))
    assert _row(result).status == TaskResultStatus.READY
    assert not (tmp_path / "trace").exists()


@pytest.mark.django_db
def test_running_task_of_a_dead_local_worker_is_queued_again(db_queue, tmp_path):
    dead_pid = _reaped_pid()
    row = _row(trace_task.enqueue(path=str(tmp_path / "trace")))
    row.claim(f"{socket.gethostname()[:40]}:{dead_pid}:x")
    # A live worker on this host (our own pid) keeps its task.
    alive = _row(trace_task.enqueue(path=str(tmp_path / "other")))
    alive.claim(worker_id_new())

    report = tasks_requeue()

    row.refresh_from_db()
    alive.refresh_from_db()
    assert report.lost == 1
    assert row.status == TaskResultStatus.READY
    assert alive.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_running_task_past_the_stale_limit_is_queued_again(db_queue, tmp_path):
    row = _row(trace_task.enqueue(path=str(tmp_path / "trace")))
    row.claim("another-host:123:abc")
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - timedelta(seconds=601)
    )
    assert tasks_requeue().lost == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY


@pytest.mark.django_db
def test_failed_task_is_retried_with_backoff_then_given_up(db_queue):
    row = _row(failing_task.enqueue())
    now = timezone.now()
    for attempt in range(1, 4):
        row.refresh_from_db()
        row.claim(f"another-host:{attempt}:abc")
        row.set_failed(RuntimeError("no"))
        # Not yet due: the delay doubles with each attempt.
        assert tasks_requeue(now=row.finished_at + timedelta(seconds=1)).retried == 0
        due = row.finished_at + timedelta(seconds=60 * 2 ** (attempt - 1))
        report = tasks_requeue(now=due)
        row.refresh_from_db()
        if attempt < 3:
            assert report.retried == 1
            assert row.status == TaskResultStatus.READY
        else:
            assert report.retried == 0
            assert row.status == TaskResultStatus.FAILED
    assert now  # the row kept its three attempts
    assert len(row.worker_ids) == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_task_loses_no_job(db_queue, tmp_path):
    """kill -9 the worker while the task runs; the next worker finishes it."""
    trace = tmp_path / "trace"
    result = trace_task.enqueue(path=str(trace), seconds=3)
    env = live.production_env()
    with live.task_worker(env, log=tmp_path / "worker1.log") as first:
        deadline = time.monotonic() + 60
        while not (trace.exists() and "start" in trace.read_text()):
            assert time.monotonic() < deadline, (tmp_path / "worker1.log").read_text()
            time.sleep(0.1)
        first.kill()
        first.wait(timeout=10)
    assert _row(result).status == TaskResultStatus.RUNNING  # lost, for now
    assert "done" not in trace.read_text()

    with live.task_worker(
        env, log=tmp_path / "worker2.log", args=["--batch"]
    ) as second:
        second.wait(timeout=120)

    row = _row(result)
    assert row.status == TaskResultStatus.SUCCESSFUL, (
        tmp_path / "worker2.log"
    ).read_text()
    assert trace.read_text().splitlines() == ["start", "start", "done"]
    assert len(row.worker_ids) == 2
