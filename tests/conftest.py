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


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and rendered images go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
