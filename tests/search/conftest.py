"""Search fixtures: a per-test index prefix on the real node, and small catalogues."""

import os
import uuid

import pytest

from search import engine


@pytest.fixture
def es(settings):
    """Elasticsearch switched on for this test, with indices of its own, deleted after.

    Use with ``@pytest.mark.elasticsearch`` (skipped locally / failing in CI when the
    node is missing)."""
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    prefix = f"banua_test_{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    client = engine.get_client()
    yield client
    client.indices.delete(
        index=f"{prefix}_*", ignore_unavailable=True, allow_no_indices=True
    )


@pytest.fixture
def no_es(settings):
    """The quick start: no ELASTICSEARCH_URL, search answers from the database."""
    settings.ELASTICSEARCH_URL = ""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"}
    }
    return settings


@pytest.fixture
def dead_es(settings):
    """Elasticsearch configured but unreachable: a closed port on this machine."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The port was free a moment ago and nothing listens on it now.
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.ELASTICSEARCH_INDEX_PREFIX = f"banua_test_{uuid.uuid4().hex[:12]}"
    return settings


@pytest.fixture(autouse=True)
def _fresh_spelling_vocabulary():
    """The database path caches the catalogue's words and the synonym rules; each test
    has its own catalogue and rules."""
    from search import spelling
    from search.analysis import clear_synonym_cache

    spelling.clear()
    clear_synonym_cache()
    yield
    spelling.clear()
    clear_synonym_cache()
