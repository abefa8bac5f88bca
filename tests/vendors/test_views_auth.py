import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from tests.vendors.factories import UserFactory
from vendors import throttle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English source messages; Indonesian is the site default, so
    URLs are reversed (and pages served) under /en/."""
    with translation.override("en"):
        yield


def _login(client, username, password="wrong-password", address="10.0.0.1"):  # noqa: S107
    return client.post(
        reverse("vendors:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_login_and_logout_with_our_pages(client):
    user = UserFactory(username="ratna")
    page = client.get(reverse("vendors:login"))
    assert (
        page.status_code == 200 and 'autocomplete="username"' in page.content.decode()
    )
    response = _login(client, "ratna", "secret-pass-123")
    assert response.status_code == 302 and response["Location"] == reverse(
        "vendors:dashboard"
    )
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.post(reverse("vendors:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_per_account_with_a_clear_message(client):
    UserFactory(username="ratna")
    for attempt in range(throttle.LOGIN_PER_ACCOUNT.limit):
        # Different addresses: the per-account limit is what stops this.
        _login(client, "ratna", address=f"10.0.0.{attempt + 1}")
    blocked = _login(client, "ratna", "secret-pass-123", address="10.0.1.1")
    assert blocked.status_code == 200
    assert "Too many attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # Other accounts are unaffected.
    UserFactory(username="imah")
    assert (
        _login(client, "imah", "secret-pass-123", address="10.0.1.1").status_code == 302
    )


def test_login_is_throttled_per_address(client):
    for attempt in range(throttle.LOGIN_PER_ADDRESS.limit):
        _login(client, f"nobody{attempt}", address="192.0.2.7")
    UserFactory(username="ratna")
    blocked = _login(client, "ratna", "secret-pass-123", address="192.0.2.7")
    assert "Too many attempts" in blocked.content.decode()
    assert (
        _login(client, "ratna", "secret-pass-123", address="192.0.2.8").status_code
        == 302
    )


def test_signup_creates_an_account_and_leads_to_the_application(client):
    response = client.post(
        reverse("vendors:signup"),
        {
            "username": "ratna",
            "email": "ratna@example.test",
            "password1": "Kain-Sasirangan-99",
            "password2": "Kain-Sasirangan-99",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "vendors:apply"
    )
    user = get_user_model().objects.get(username="ratna")
    assert not user.is_staff and client.session["_auth_user_id"] == str(user.pk)


def test_signup_refuses_a_known_email_and_weak_password(client):
    UserFactory(email="ratna@example.test")
    response = client.post(
        reverse("vendors:signup"),
        {
            "username": "ratna2",
            "email": "RATNA@example.test",
            "password1": "123",
            "password2": "123",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "email" in errors and "password2" in errors


def test_signup_is_throttled_per_address(client):
    for n in range(throttle.SIGNUP_PER_ADDRESS.limit):
        client.post(
            reverse("vendors:signup"),
            {"username": f"u{n}", "email": f"u{n}@x.test"},
            REMOTE_ADDR="198.51.100.9",
        )
    blocked = client.post(
        reverse("vendors:signup"),
        {
            "username": "late",
            "email": "late@x.test",
            "password1": "Kain-Sasirangan-99",
            "password2": "Kain-Sasirangan-99",
        },
        REMOTE_ADDR="198.51.100.9",
    )
    assert "Too many attempts" in blocked.content.decode()
    assert not get_user_model().objects.filter(username="late").exists()


def test_throttle_counter_can_be_reset():
    rule = throttle.Rule("test-expiry", limit=1, window=1)
    throttle.throttle_hit(rule=rule, ident="x")
    assert throttle.throttle_is_blocked(rule=rule, ident="x")
    throttle.throttle_reset(rule=rule, ident="x")
    assert not throttle.throttle_is_blocked(rule=rule, ident="x")
