"""``make lint`` in the test suite: CI runs exactly ``make test``, so these are what
make CI enforce ruff's rules, ruff's formatting and the template linter (the import
contracts are ``tests/banua/test_architecture.py``). Each runs the same command as
the Makefile's ``lint`` target, from the repository root."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["djlint", "templates", "*/templates", "--lint", "--quiet"],
    ],
    ids=["ruff-check", "ruff-format", "djlint"],
)
def test_make_lint_passes(command):
    tool, *arguments = command
    # The Makefile's shell expands */templates; do the same here.
    expanded = []
    for argument in arguments:
        if "*" in argument:
            expanded.extend(
                sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(argument))
            )
        else:
            expanded.append(argument)
    result = subprocess.run(  # noqa: S603 - the virtualenv's own linters
        [str(BIN / tool), *expanded],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
