"""Suite-wide fixtures and the service gate (see tests/services.py)."""

from collections import Counter

import pytest

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


def pytest_collection_modifyitems(items):
    """Every test that commits for real starts from the migrated database.

    A transactional test ends with a flush; without serialized rollback Django then
    re-creates content types and permissions under new ids, and the next test that
    restores the migrated rows (the browser journeys) collides with them. With
    serialized rollback on every such test, each flush leaves an empty database and each
    setup restores exactly what the migrations made (Wagtail's root page, locales,
    groups, the workflow).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            {"transactional_db", "live_server"} & set(item.fixturenames)
        )
        if not transactional:
            continue
        kwargs = dict(marker.kwargs) if marker is not None else {}
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and rendered images go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
