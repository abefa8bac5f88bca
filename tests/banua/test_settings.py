"""Settings come from the environment and refuse unsafe or half-done configurations."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from banua.settings.env import env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "DJANGO_"))
    }
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env(tmp_path, **extra):
    env = {
        "DJANGO_SETTINGS_MODULE": "banua.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "banua.example.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.update(extra)
    return env


def test_env_bool_reads_common_spellings_and_rejects_typos(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.id, b.id,,")
    assert env_list("HOSTS") == ["a.id", "b.id"]


def test_locale_and_time_zone():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _ in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Makassar"
    assert settings.WAGTAIL_I18N_ENABLED is True


def test_check_deploy_is_clean_with_production_values(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **_production_env(
            tmp_path,
            STRIPE_SECRET_KEY="sk_live_x",
            STRIPE_PUBLISHABLE_KEY="pk_live_x",
            STRIPE_WEBHOOK_SECRET="whsec_x",
        ),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(["manage.py", "check"], **_production_env(tmp_path, SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_half_configured_stripe_is_refused(tmp_path):
    result = _run(
        ["manage.py", "check"],
        **_production_env(tmp_path, STRIPE_SECRET_KEY="sk_test_123"),
    )
    assert result.returncode != 0
    assert "STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET" in result.stderr


def test_no_stripe_keys_means_the_demo_provider():
    code = "import banua.settings.test as s; print(s.PAYMENT_PROVIDER)"
    result = _run(["-c", code])
    assert result.stdout.strip() == "demo", result.stderr


def test_static_files_collect_with_hashed_names_for_whitenoise(tmp_path):
    env = _production_env(tmp_path)

    result = _run(["manage.py", "collectstatic", "--noinput", "-v0"], **env)

    assert result.returncode == 0, result.stderr
    manifest = (Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text()
    assert '"banua/css/site.css"' in manifest
    assert list(Path(env["STATIC_ROOT"], "banua", "css").glob("site.*.css.gz"))
