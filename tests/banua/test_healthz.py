import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_each_part(client, settings):
    settings.ELASTICSEARCH_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["search"] == {"backend": "database", "ok": True}
    assert body["payments"]["provider"] == settings.PAYMENT_PROVIDER
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_a_down_search_engine_degrades_but_does_not_fail(client, settings):
    settings.ELASTICSEARCH_URL = (
        "http://127.0.0.1:9"  # nothing listens on the discard port
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"]["ok"] is False


@pytest.mark.django_db
def test_stripe_configuration_is_reported(client, settings):
    settings.PAYMENT_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_123"

    payments = client.get("/healthz").json()["payments"]

    assert payments == {"provider": "stripe", "configured": True, "live_money": False}


def test_healthz_answers_503_when_the_database_is_unreachable():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code, r.json()['database']['ok'])"
    )
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.test",
        DATABASE_URL="postgres://banua:banua@127.0.0.1:9/banua",
        ELASTICSEARCH_URL="",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["503", "False"], result.stderr
