"""The reusable apps install as a library and run without the site.

One wheel is built per module. The first test reads its contents; the second installs
it into a fresh virtualenv (no system site-packages, no Banua checkout on the path)
and runs "Kampung", a minimal project that is not Banua (``tests/banua/kampung/``):
it migrates, creates a destination page under a site root, renders it and serves the
catalogue API from its own NinjaAPI.

Dependencies come from a wheelhouse under ``$BANUA_CACHE_DIR`` (default
``~/.cache/banua``), installed with ``--no-index`` and constrained to the site's
pins in requirements.txt. Before installing, the wheelhouse is checked against those
pins: when one has no wheel there (a fresh machine, a new or bumped pin), pip builds
the wheels of the whole requirements.txt into it once, dependencies included. An
install failure alone never triggered that: a new pin the smoke project imports but
the library did not yet declare installed cleanly and failed later.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "marketplace", "tourism", "vendors", "search", "notifications")


def _run(command, **kwargs):
    result = subprocess.run(  # noqa: S603 - our own interpreters and our own project
        command, capture_output=True, text=True, **kwargs
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Build from a copy so setuptools' build/ and egg-info never land in the checkout.
    tmp_path = tmp_path_factory.mktemp("wheel")
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for app in APPS:
        shutil.copytree(
            ROOT / app, source / app, ignore=shutil.ignore_patterns("__pycache__")
        )
    _run(
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
        timeout=300,
    )
    (built,) = tmp_path.glob("banua-*.whl")
    return built


def test_wheel_contains_the_reusable_apps_and_nothing_of_the_site(wheel):
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
    # The page frame and the block templates the apps render with travel with them.
    assert "core/templates/base.html" in names
    assert "tourism/templates/blocks/body_block.html" in names


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(requirements: Path) -> dict[str, str]:
    """{canonical name: version} of the ``name[extras]==version`` lines."""
    pins = {}
    for line in requirements.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;#]+)", line.strip())
        if match:
            pins[_canonical(match[1])] = match[2]
    return pins


def wheelhouse_missing(wheelhouse: Path, requirements: Path) -> list[str]:
    """The pins of ``requirements`` that have no wheel of that version in
    ``wheelhouse`` (``name-version-...whl`` names, PEP 427)."""
    present = {
        (_canonical(name), version)
        for name, version, *_rest in (
            wheel.name.split("-") for wheel in wheelhouse.glob("*.whl")
        )
    }
    return sorted(
        f"{name}=={version}"
        for name, version in _pins(requirements).items()
        if (name, version) not in present
    )


def wheelhouse_fill(wheelhouse: Path) -> None:
    """Every pin of requirements.txt, with its dependencies, as a wheel in the
    wheelhouse; pip (and the network) only when a pin is missing."""
    requirements = ROOT / "requirements.txt"
    if not wheelhouse_missing(wheelhouse, requirements):
        return
    # ``pip wheel`` rather than ``pip download --only-binary``: a pin published only
    # as an sdist is built here once instead of failing the download.
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--prefer-binary",
            "--wheel-dir",
            str(wheelhouse),
            "--find-links",
            str(wheelhouse),
            "--requirement",
            str(requirements),
        ],
        timeout=1800,
    )
    assert not wheelhouse_missing(wheelhouse, requirements)


def test_a_new_pin_missing_from_the_wheelhouse_is_found(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        "# a comment\nDjango==5.2.19\npsycopg[binary]==3.3.9\nsegno==1.6.6\n"
    )
    for wheel_name in (
        "django-5.2.19-py3-none-any.whl",
        "psycopg-3.3.9-py3-none-any.whl",
        "segno-1.6.5-py3-none-any.whl",  # an older pin's wheel
    ):
        (tmp_path / wheel_name).touch()
    assert wheelhouse_missing(tmp_path, requirements) == ["segno==1.6.6"]
    (tmp_path / "segno-1.6.6-py3-none-any.whl").touch()
    assert wheelhouse_missing(tmp_path, requirements) == []


def _constraints(path: Path) -> Path:
    """requirements.txt as pip constraints (which take no extras): the library is
    tested with the versions the site runs."""
    lines = []
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(re.sub(r"\[[^\]]*\]", "", line))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_library_runs_in_a_project_that_is_not_banua(wheel, tmp_path):
    cache = Path(os.environ.get("BANUA_CACHE_DIR") or Path.home() / ".cache/banua")
    wheelhouse = cache / "wheelhouse"
    wheelhouse.mkdir(parents=True, exist_ok=True)
    # An earlier fallback download copied the library's own wheel in: never reuse it.
    for stale in wheelhouse.glob("banua-*.whl"):
        stale.unlink()
    wheelhouse_fill(wheelhouse)
    constraints = _constraints(tmp_path / "constraints.txt")
    venv = tmp_path / "venv"
    # No pip inside the venv (ensurepip is slow): this interpreter's pip installs
    # into it with --python; --no-compile skips byte-compiling Django and Wagtail.
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], timeout=120)
    python = venv / "bin" / "python"
    install = [
        sys.executable,
        "-m",
        "pip",
        "--python",
        str(python),
        "install",
        "--quiet",
        "--no-compile",
        "--disable-pip-version-check",
        "--no-index",
        "--find-links",
        str(wheelhouse),
        "--constraint",
        str(constraints),
        str(wheel),
    ]
    result = subprocess.run(  # noqa: S603 - pip installing into the fresh virtualenv
        install, capture_output=True, text=True, timeout=600
    )
    # Every pin is in the wheelhouse now, so a failure here is a dependency of the
    # library that requirements.txt does not pin: pip's message names it.
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    project = tmp_path / "kampung"
    shutil.copytree(
        ROOT / "tests/banua/kampung",
        project,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    # Nothing of the test run leaks in: no Banua settings module, no checkout on the
    # path; the project's own folder is the only addition to the venv's sys.path.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kampung_settings",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = _run([str(python), "kampung_smoke.py"], cwd=project, env=env, timeout=300)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "page_status": 200,
        "page_has_title": True,
        "api_status": 200,
        "api_names": ["Kain Gigi Haruan"],
        "site_package_importable": False,
    }
