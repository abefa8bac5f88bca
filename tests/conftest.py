"""Suite-wide fixtures and the service gate (see tests/services.py)."""

from collections import Counter

import pytest
from django.db import transaction
from django.test import override_settings

from tests.services import SERVICE_MARKERS, running_in_ci, unavailable_reason

_skipped_for_service: Counter = Counter()


def pytest_runtest_setup(item):
    for service in SERVICE_MARKERS:
        if item.get_closest_marker(service) is None:
            continue
        reason = unavailable_reason(service)
        if reason is None:
            continue
        if running_in_ci():
            pytest.fail(
                f"{service} is required in CI but unavailable: {reason}", pytrace=False
            )
        _skipped_for_service[(service, reason)] += 1
        pytest.skip(f"needs {service}: {reason}")


def pytest_terminal_summary(terminalreporter):
    if not _skipped_for_service:
        return
    parts = [
        f"{count} need {service} ({reason})"
        for (service, reason), count in sorted(_skipped_for_service.items())
    ]
    total = sum(_skipped_for_service.values())
    terminalreporter.write_line(
        f"Skipped {total} tests for missing services: {'; '.join(parts)}. "
        "Run `make services` first to run them (CI=true makes them fail instead).",
        yellow=True,
    )


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and rendered images go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def _full_site_shared(django_db_setup, django_db_blocker, tmp_path_factory):
    """The bilingual site of tests/tourism/conftest.py, built once per test module.

    It is written inside a transaction that stays open for the module and is rolled back
    after it; each test runs in a savepoint within it (pytest-django's ``db``), so tests
    may write to the site freely. Returns the site and the folder holding its image files.
    Use it through the ``full_site`` fixture, never in ``transaction=True`` tests (see
    ``pytest_collection_modifyitems`` below).
    """
    from tests.tourism.conftest import build_full_site

    media = tmp_path_factory.mktemp("full-site-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media):
                site = build_full_site()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield site, media
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def pytest_collection_modifyitems(items):
    """A module sharing ``full_site`` keeps a transaction open for its whole run, so a
    ``transaction=True`` test in that module would commit (or flush) inside it."""
    shared, transactional = set(), set()
    for item in items:
        if "full_site" in getattr(item, "fixturenames", ()):
            shared.add(item.path)
        marker = item.get_closest_marker("django_db")
        names = getattr(item, "fixturenames", ())
        if (
            (marker is not None and marker.kwargs.get("transaction"))
            or "transactional_db" in names
            or "live_server" in names
        ):
            transactional.add(item.path)
    if clash := shared & transactional:
        raise pytest.UsageError(
            "full_site is shared per module; move the transaction=True tests of "
            f"{sorted(map(str, clash))} to a module of their own"
        )
