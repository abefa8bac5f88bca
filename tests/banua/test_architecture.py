"""The import contracts of ``.importlinter`` hold (layers, no cycles inside an app,
no private names across modules, independent entry points, read-only selectors, each
app writing only its own models).

CI runs ``make test``, so this test is what makes CI enforce them; ``make lint`` runs
the same command.
"""

import subprocess
import sys
from pathlib import Path

from banua.architecture import foreign_writes, private_imports

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


def test_the_owner_check_finds_a_write_to_another_apps_model(tmp_path, monkeypatch):
    """The owner contract is not vacuous: a manager or queryset write on another
    app's model is reported (as vendors' catalogue service wrote products before it
    called the marketplace), reads and writes to the app's own models are not."""
    for app in ("shop", "store"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
        (tmp_path / app / "models.py").write_text("")
    (tmp_path / "shop" / "services.py").write_text(
        "from shop.models import Stall\n"
        "from store.models import Item, Photo as Picture\n"
        "def save():\n"
        "    Item.objects.filter(pk=1).exists()\n"
        "    Stall.objects.create(name='mine')\n"
        "    Item.objects.select_for_update().filter(pk=1).update(stock=2)\n"
        "    Picture.objects.create(item_id=1)\n"
        "    Item.objects.get(pk=1)\n"
    )
    monkeypatch.chdir(tmp_path)
    found = foreign_writes(["shop.services", "shop.models"], {"shop", "store"})
    assert found == [
        ("shop.services", 6, "Item", ".update()"),
        ("shop.services", 7, "Picture", ".create()"),
    ]
