"""Production settings and the app server's configuration."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production(tmp_path, code: str, **extra) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STRIPE_", "DJANGO_", "AWS_", "REDIS_", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="banua.example.id",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        **extra,
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]  # after the shell's import notice


def test_production_queues_background_work_in_the_database(tmp_path):
    code = (
        "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    )
    assert _production(tmp_path, code) == "django_tasks_db.DatabaseBackend"


def test_production_with_redis_and_bucket(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.STORAGES['default']['BACKEND'], "
        "s.AWS_S3_FILE_OVERWRITE, s.WAGTAILSEARCH_BACKENDS['default']['TIMEOUT'])"
    )
    out = _production(
        tmp_path,
        code,
        REDIS_URL="redis://127.0.0.1:6379/0",
        AWS_STORAGE_BUCKET_NAME="banua-media",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert out.split() == [
        "banua.cache.TolerantRedisCache",
        "storages.backends.s3.S3Storage",
        "False",
        "2",
    ]


def test_gunicorn_config_from_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "500")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["workers"] == 2
    assert config["max_requests"] == 500
    assert config["max_requests_jitter"] > 0
    assert config["graceful_timeout"] > 0
    assert config["bind"].startswith("127.0.0.1:")
