"""Elasticsearch on a hung node: searches give up after the request budget and answer
from the database; saves never wait for the node (indexing is a queued task)."""

import socket
import threading
import time

import pytest
from django_tasks_db.models import DBTaskResult

from search import selectors
from search.params import ProductSearchParams
from tests.search import factories as f

pytestmark = pytest.mark.django_db


class HungNode:
    """Accepts TCP connections and never answers, like a node stuck in GC or I/O."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = 0
        self.held = []
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                conn, _addr = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self.held.append(conn)

    def close(self):
        self._stop = True
        self.thread.join(timeout=2)
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture
def hung_node(settings):
    node = HungNode()
    settings.ELASTICSEARCH_URL = node.url
    settings.ELASTICSEARCH_TIMEOUT = 1
    yield node
    node.close()


def test_default_request_timeout_is_short():
    from django.conf import settings

    assert settings.ELASTICSEARCH_TIMEOUT <= 2
    assert settings.ELASTICSEARCH_WORKER_TIMEOUT > settings.ELASTICSEARCH_TIMEOUT


def test_search_on_a_hung_node_answers_from_the_database(hung_node):
    f.product("Kain Sasirangan Merah", tags=["kain"])
    started = time.monotonic()
    result = selectors.product_search(params=ProductSearchParams(q="kain"))
    elapsed = time.monotonic() - started
    assert result.backend == "database"
    assert [hit.name for hit in result.hits] == ["Kain Sasirangan Merah"]
    assert hung_node.connections >= 1  # it did try the node, once
    # One 1-second budget and no retries; the old 5-second default with retries took
    # 5-10 s. Generous bound: the point is "one timeout", not a benchmark.
    assert elapsed < 4, elapsed


def test_suggestions_on_a_hung_node_answer_from_the_database(hung_node):
    f.product("Kain Sasirangan Merah", tags=["kain"])
    backend, _suggestions = selectors.product_suggest(q="kain")
    assert backend == "database"


def test_saving_a_product_queues_indexing_and_never_calls_the_node(
    hung_node, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        product = f.product("Tas Purun", tags=["anyaman"])
        product.name = "Tas Purun Besar"
        product.save()
    queued = DBTaskResult.objects.filter(task_path="search.tasks.search_sync")
    assert queued.exists()
    assert hung_node.connections == 0


def test_worker_command_raises_the_timeout_for_indexing(settings, monkeypatch):
    """The worker loop itself runs in tests/deploy/test_task_queue.py (a real process);
    here only what tasks_worker hands to db_worker, and the timeout it sets."""
    from django.core.management import call_command

    from banua.management.commands import tasks_worker

    handed = {}
    monkeypatch.setattr(
        tasks_worker, "call_command", lambda name, **kw: handed.update(kw, name=name)
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.ELASTICSEARCH_WORKER_TIMEOUT = 30
    call_command("tasks_worker", "--batch", verbosity=0)
    assert settings.ELASTICSEARCH_TIMEOUT == 30
    assert handed["name"] == "db_worker"
    assert handed["batch"] is True
    assert handed["queue_name"] == "*"
    assert handed["worker_id"].count(":") == 2  # host:pid:random
