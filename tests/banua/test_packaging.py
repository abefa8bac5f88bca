"""The reusable apps install as a library (`pip install .`) with their templates and migrations."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("marketplace", "tourism", "vendors", "search", "notifications")


def test_wheel_contains_the_reusable_apps_and_nothing_of_the_site(tmp_path):
    # Build from a copy so setuptools' build/ and egg-info never land in the checkout.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for app in APPS:
        shutil.copytree(
            ROOT / app, source / app, ignore=shutil.ignore_patterns("__pycache__")
        )
    result = subprocess.run(  # noqa: S603 - our own interpreter building our own project
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("banua-*.whl")
    names = zipfile.ZipFile(wheel).namelist()

    top_level = {name.split("/")[0] for name in names if not name.startswith("banua-")}
    assert top_level == set(APPS)
    for app in APPS:
        assert f"{app}/apps.py" in names
    for app in ("marketplace", "tourism", "vendors"):
        assert f"{app}/migrations/0001_initial.py" in names
        assert any(name.startswith(f"{app}/templates/{app}/") for name in names)
    assert "notifications/migrations/0001_outbound_email.py" in names
    assert "notifications/management/commands/notifications_send_pending.py" in names
