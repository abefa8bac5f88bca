"""How the suite runs on pytest-xdist workers (tests/conftest.py), checked in a child
pytest on SQLite: a test in a transaction that comes after a committing one on the same
worker still finds the migrated rows."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

ORDERED_MODULE = """
import pytest
from wagtail.models import Locale, Page


@pytest.mark.xdist_group("first")
@pytest.mark.django_db
def test_a_grouped_test_in_a_transaction():
    assert Locale.objects.exists()


@pytest.mark.xdist_group("first")
@pytest.mark.django_db(transaction=True)
def test_a_grouped_test_that_commits():
    assert Locale.objects.exists()


@pytest.mark.django_db
def test_a_later_test_in_a_transaction_finds_the_migrated_rows():
    assert Locale.objects.exists()
    assert Page.objects.filter(depth=1).exists()
"""


def test_a_committing_test_does_not_leave_the_next_test_an_empty_database(tmp_path):
    """pytest-django runs committing tests last, but xdist sends a group's tests
    together: here the group's committing test runs before the ungrouped one."""
    module = tmp_path / "test_ordered.py"
    module.write_text(ORDERED_MODULE)
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith("PYTEST_")
    }
    env["DJANGO_SETTINGS_MODULE"] = "banua.settings.test"
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.conftest",
            "-n",
            "1",
            "--dist",
            "loadgroup",
            "-p",
            "no:cacheprovider",
            "-v",
            "--rootdir",
            str(tmp_path),
            "-c",
            str(REPO / "pyproject.toml"),
            str(module),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    order = [
        line.split("::")[-1].split()[0].split("@")[0]
        for line in result.stdout.splitlines()
        if "PASSED" in line or "FAILED" in line or "ERROR" in line
    ]
    assert order[:2] == [
        "test_a_grouped_test_in_a_transaction",
        "test_a_grouped_test_that_commits",
    ], result.stdout
    assert result.returncode == 0, result.stdout[-3000:]
