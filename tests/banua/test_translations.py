"""Every interface string has its Indonesian translation."""

import shutil
import subprocess
from pathlib import Path

import pytest

CATALOGUE = (
    Path(__file__).resolve().parents[2] / "locale" / "id" / "LC_MESSAGES" / "django.po"
)


@pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="GNU gettext is not installed"
)
def test_indonesian_catalogue_is_complete_and_valid():
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    missing = [
        line
        for line in untranslated.splitlines()
        if line.startswith('msgid "') and line != 'msgid ""'
    ]
    assert not missing, f"untranslated: {missing[:10]}"
    assert "#, fuzzy" not in fuzzy
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(CATALOGUE)], check=True)
