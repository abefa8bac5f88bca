"""Entries keyed by a generation token answered from process memory, and the tokens
read once per request (core.generation_cache, core.generations)."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from core import generation_cache, generations


@pytest.fixture
def shared_reads(monkeypatch):
    """The calls that reach the shared cache (Redis in production)."""
    calls, inside = [], []
    for name in ("get", "get_many", "has_key"):
        original = getattr(cache, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            if not inside:  # the local-memory backend's get_many calls its get
                calls.append(_name)
            inside.append(_name)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, counted)
    yield calls
    generation_cache.forget_all()


def test_an_entry_read_once_is_answered_from_memory(shared_reads):
    cache.set("banua:test:token-1:x", {"rows": [1, 2]}, 60)
    first = generation_cache.get("banua:test:token-1:x")
    assert shared_reads == ["get"]
    shared_reads.clear()
    second = generation_cache.get("banua:test:token-1:x")
    assert shared_reads == []
    assert second == first == {"rows": [1, 2]}
    second["rows"].append(3)  # each reader gets its own copy
    assert generation_cache.get("banua:test:token-1:x") == {"rows": [1, 2]}
    assert generation_cache.has("banua:test:token-1:x")
    assert shared_reads == []


def test_copies_expire_and_stay_bounded(shared_reads, monkeypatch):
    monkeypatch.setattr(generation_cache, "MAX_ENTRIES", 2)
    for name in ("a", "b", "c"):
        generation_cache.set(f"banua:test:{name}", name, 60)
    shared_reads.clear()
    assert generation_cache.get("banua:test:c") == "c"
    assert generation_cache.get("banua:test:b") == "b"
    assert shared_reads == []
    assert generation_cache.get("banua:test:a") == "a"  # the oldest was dropped
    assert shared_reads == ["get"]
    generation_cache.forget_all()
    monkeypatch.setattr(generation_cache, "MAX_ENTRIES", 100)
    monkeypatch.setattr(generation_cache, "MAX_BYTES", 3000)
    generation_cache.set("banua:test:big-1", "x" * 2000, 60)
    generation_cache.set("banua:test:big-2", "y" * 2000, 60)
    shared_reads.clear()
    assert generation_cache.get("banua:test:big-2") == "y" * 2000
    assert shared_reads == []
    assert generation_cache.get("banua:test:big-1") == "x" * 2000  # over the bytes
    assert shared_reads == ["get"]
    monkeypatch.setattr(generation_cache, "LOCAL_SECONDS", 0)
    generation_cache.set("banua:test:d", "d", 60)
    shared_reads.clear()
    assert generation_cache.get("banua:test:d") == "d"
    assert shared_reads == ["get"]


@pytest.mark.django_db  # Django's request signals close old database connections
def test_a_request_reads_the_tokens_once_and_the_next_one_afresh(shared_reads):
    request_started.send(sender=None)
    try:
        first = generations.fragment_key()
        assert generations.fragment_key() == first
        assert generations.current(generations.PAGES) == first.split(":")[0]
        assert shared_reads == ["get_many"]
        # A change made by this request is seen by it at once.
        generations.replace(generations.STOREFRONT)
        assert generations.fragment_key() != first
    finally:
        request_finished.send(sender=None)
    # Another process replaces a token: the next request sees it.
    cache.set(generations.PAGES, "from-another-process", None)
    request_started.send(sender=None)
    try:
        assert generations.current(generations.PAGES) == "from-another-process"
    finally:
        request_finished.send(sender=None)
