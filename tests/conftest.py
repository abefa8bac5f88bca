"""Suite-wide fixtures and the service gate (see tests/services.py)."""

from collections import Counter
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.services import SERVICE_MARKERS, running_in_ci, unavailable_reason

SKIP_PREFIX = "needs "


def pytest_runtest_setup(item):
    _refill_a_flushed_database(item)
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
        pytest.skip(f"{SKIP_PREFIX}{service}: {reason}")


def _service_skips(terminalreporter) -> Counter:
    """(service, reason) of the skips above, read from the reports: with pytest-xdist
    the skips happen in the worker processes and only their reports reach this one."""
    counts: Counter = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = getattr(report, "longrepr", None)
        if not isinstance(longrepr, (tuple, list)) or len(longrepr) != 3:
            continue
        message = str(longrepr[2]).removeprefix("Skipped: ")
        if not message.startswith(SKIP_PREFIX):
            continue
        service, _, reason = message.removeprefix(SKIP_PREFIX).partition(": ")
        if service in SERVICE_MARKERS:
            counts[(service, reason)] += 1
    return counts


def pytest_terminal_summary(terminalreporter):
    skipped_for_service = _service_skips(terminalreporter)
    if not skipped_for_service:
        return
    parts = [
        f"{count} need {service} ({reason})"
        for (service, reason), count in sorted(skipped_for_service.items())
    ]
    total = sum(skipped_for_service.values())
    terminalreporter.write_line(
        f"Skipped {total} tests for missing services: {'; '.join(parts)}. "
        "Run `make services` first to run them (CI=true makes them fail instead).",
        yellow=True,
    )


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        (
            marker is not None
            and (
                marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
            )
        )
        or {"transactional_db", "live_server"} & names
    )


def _uses_db(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(
        item, "fixturenames", ()
    )


# Set once a test that commits for real has run on this process: its teardown flushed
# every table, and only the next such test puts the migrated rows back.
_FLUSHED = pytest.StashKey[bool]()


def _refill_a_flushed_database(item) -> None:
    """A test in a transaction after one that committed gets the migrated rows back.

    pytest-django runs those tests first, but xdist's groups send a group's tests
    together, so on a worker a group's committing tests can come before other tests,
    which then found an empty database: no Wagtail root page, no locale, no content
    types, and content types re-created under new ids that Django's per-process
    cache kept after the rollback (a foreign-key error in a later test). It runs
    before any fixture of the test is set up, module-scoped ones included.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    config = item.config
    if _is_transactional(item):
        # Django restores the rows itself before it and flushes them after it. (The
        # content-type cache stays: receivers of the rows it restores look types up.)
        config.stash[_FLUSHED] = True
        return
    if not (_uses_db(item) and config.stash.get(_FLUSHED, False)):
        return
    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is not None:
                connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()
    config.stash[_FLUSHED] = False


def _restore_migrated_rows(items):
    """Every test that commits for real starts from the migrated database.

    A transactional test ends with a flush; without serialized rollback Django then
    re-creates content types and permissions under new ids, and the next test that
    restores the migrated rows (the browser journeys) collides with them. With
    serialized rollback on every such test, each flush leaves an empty database and each
    setup restores exactly what the migrations made (Wagtail's root page, locales,
    groups, the workflow).
    """
    for item in items:
        if not _is_transactional(item):
            continue
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker is not None else {}
        kwargs.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language.

    LocaleMiddleware activates a request's language and nothing deactivates it, so after
    a test fetched an `/en/` page its thread stayed English, and the next test on the
    same worker built `/en/` URLs with `reverse()`.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_fragment_tokens():
    """Cached page fragments (core.generations) live in the per-process cache, which
    outlives each test's rolled-back rows: new tokens retire every earlier fragment."""
    from core import generations

    generations.replace(generations.PAGES)
    generations.replace(generations.STOREFRONT)


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


# Folders whose tests run one after another on one pytest-xdist worker (`make test` runs
# two): the deploy tests start gunicorn, workers and Redis/S3 clients and share one
# collectstatic (a session fixture, else built once per worker); the browser journeys
# each drive a Chromium, and two at once on two cores would only make timeouts likelier.
SERIAL_FOLDERS = {"deploy": "deploy", "e2e": "browser"}


def _group_for_workers(items):
    """Groups for ``--dist loadgroup`` (a no-op without pytest-xdist), and a check.

    A module using ``full_site`` keeps one worker too, so the site is built once per
    module. It keeps a transaction open for its whole run, so a ``transaction=True`` test
    in such a module would commit (or flush) inside it: that is refused.
    """
    tests_root = Path(__file__).parent
    shared, transactional = set(), set()
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "full_site" in names:
            shared.add(item.path)
        if _is_transactional(item):
            transactional.add(item.path)
    if clash := shared & transactional:
        raise pytest.UsageError(
            "full_site is shared per module; move the transaction=True tests of "
            f"{sorted(map(str, clash))} to a module of their own"
        )
    for item in items:
        if not item.path.is_relative_to(tests_root):
            continue
        relative = item.path.relative_to(tests_root)
        group = (
            SERIAL_FOLDERS.get(relative.parts[0]) if len(relative.parts) > 1 else None
        )
        if group is None and item.path in shared:
            group = str(relative)
        if group is not None and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """First, before pytest-xdist's own hook: that one reads the ``xdist_group`` marks
    to name each test's group, and this conftest is registered before it (an initial
    conftest), so it would otherwise run after it and the groups would be ignored."""
    _restore_migrated_rows(items)
    _group_for_workers(items)
