"""The import contracts of ``.importlinter`` hold (layers, no cycles inside an app,
no private names across modules, independent entry points, read-only selectors).

CI runs ``make test``, so this test is what makes CI enforce them; ``make lint`` runs
the same command.
"""

import subprocess
import sys
from pathlib import Path

from banua.architecture import private_imports

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_import_contracts_are_kept():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_private_name_check_finds_a_private_import(tmp_path, monkeypatch):
    """The custom contract is not vacuous: a private name imported across modules is
    reported, a module's own names and dunders are not."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "owner.py").write_text("def _helper(): ...\n__all__ = []\n")
    (package / "user.py").write_text(
        "from pkg.owner import _helper\nfrom .owner import __all__\n"
    )
    (package / "relative.py").write_text("from .owner import _helper as helper\n")
    monkeypatch.chdir(tmp_path)
    found = private_imports(["pkg.owner", "pkg.user", "pkg.relative"])
    assert found == [
        ("pkg.relative", 1, "pkg.owner", "_helper"),
        ("pkg.user", 1, "pkg.owner", "_helper"),
    ]
