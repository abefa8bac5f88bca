"""Log-in protection (django-axes) on every login form of the site: Wagtail's admin
log-in, no Django admin, and counters shared by separate processes."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

from tests.vendors.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _admin_login(client, username, password="wrong-password", address="10.1.0.1"):  # noqa: S107
    return client.post(
        ADMIN_LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_wagtail_admin_login_locks_an_account_after_5_failures(client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    for attempt in range(4):
        response = _admin_login(client, "admin", address=f"10.1.0.{attempt}")
        assert response.status_code == 200
    assert _admin_login(client, "admin", address="10.1.0.50").status_code == 429
    blocked = _admin_login(client, "admin", "secret-pass-123", address="10.1.1.1")
    assert blocked.status_code == 429
    # /admin/ has no language prefix, so the site's language (Indonesian) is used,
    # as on the log-in page itself.
    assert "Tunggu 15 menit" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtail_admin_login_locks_an_address_after_20_failures(client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    for attempt in range(19):
        assert _admin_login(client, f"guess{attempt}").status_code == 200
    assert _admin_login(client, "guess-last").status_code == 429
    assert _admin_login(client, "admin", "secret-pass-123").status_code == 429
    ok = _admin_login(client, "admin", "secret-pass-123", address="10.1.0.2")
    assert ok.status_code == 302


@pytest.mark.django_db
def test_wagtail_admin_login_success_resets_the_account_counter(client):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    for _attempt in range(4):
        _admin_login(client, "admin")
    assert _admin_login(client, "admin", "secret-pass-123").status_code == 302
    client.logout()
    for _attempt in range(4):
        assert _admin_login(client, "admin").status_code == 200
    assert _admin_login(client, "admin", "secret-pass-123").status_code == 302


@pytest.mark.django_db
def test_one_account_counter_across_our_login_and_wagtails(client):
    """The counter belongs to the account, not to the form that was guessed at."""
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    for _attempt in range(3):
        _admin_login(client, "admin")
    for _attempt in range(2):
        last = client.post(
            "/en/akun/masuk/",
            {"username": "admin", "password": "wrong"},
            REMOTE_ADDR="10.1.0.1",
        )
    assert last.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/login/"])
def test_the_django_admin_is_not_mounted(client, path):
    assert client.get(path).status_code == 404
    assert client.post(path, {"username": "a", "password": "b"}).status_code == 404


def _failures_in_another_process(*, count: int, username: str) -> None:
    """Log-in failures sent by a separate Python process with its own database
    connection, as a second gunicorn worker would."""
    url = os.environ["DATABASE_URL"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "banua.settings.test",
        # The test database this test sees, not the development one.
        "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"],
    }
    script = textwrap.dedent(
        f"""
        import django
        django.setup()
        from django.test import Client
        client = Client()
        for attempt in range({count}):
            response = client.post(
                "/en/akun/masuk/",
                {{"username": {username!r}, "password": "wrong"}},
                REMOTE_ADDR=f"10.2.0.{{attempt}}",
            )
            assert response.status_code == 200, response.status_code
        """
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter running our own code
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_failures_counted_in_another_process_lock_this_one(client):
    UserFactory(username="ratna")
    _failures_in_another_process(count=3, username="ratna")
    fourth = client.post(
        "/en/akun/masuk/",
        {"username": "ratna", "password": "wrong"},
        REMOTE_ADDR="10.3.0.1",
    )
    assert fourth.status_code == 200
    blocked = client.post(
        "/en/akun/masuk/",
        {"username": "ratna", "password": "wrong"},
        REMOTE_ADDR="10.3.0.2",
    )
    assert blocked.status_code == 429
    right = client.post(
        "/en/akun/masuk/",
        {"username": "ratna", "password": "secret-pass-123"},
        REMOTE_ADDR="10.3.0.3",
    )
    assert right.status_code == 429 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtails_own_password_reset_is_off_in_favour_of_ours(client):
    """Staff reset their password at /akun/lupa-sandi/ like everyone."""
    assert client.get("/admin/password_reset/").status_code == 404
    assert client.get("/akun/lupa-sandi/").status_code == 200
