"""Log-in (locked out by django-axes), sign-up that never reveals a known address,
activation, and password reset at /akun/...; English pages under /en/."""

import re
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from tests.vendors.factories import UserFactory
from vendors import rate_limits

pytestmark = pytest.mark.django_db

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
STRONG = "Kain-Sasirangan-99"


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """Each POST commits as in production, so the outbox sends its e-mails."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client


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


def _signup(client, email, password=STRONG, address="198.51.100.1"):
    # The e-mails leave after commit; the test's transaction never commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("vendors:signup"),
            {"email": email, "password1": password, "password2": password},
            REMOTE_ADDR=address,
        )


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


# --- log-in ---------------------------------------------------------------------------


def test_login_and_logout_with_our_pages(client):
    user = UserFactory(username="ratna")
    page = client.get(reverse("vendors:login"))
    body = page.content.decode()
    assert page.status_code == 200 and 'autocomplete="username"' in body
    assert reverse("vendors:password_reset") in body  # "Forgot your password?"
    response = _login(client, "ratna", "secret-pass-123")
    # A shopper (no shop) lands on the account page, never on the shop application.
    assert response.status_code == 302 and response["Location"] == reverse(
        "marketplace:account"
    )
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.post(reverse("vendors:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_page_links_forgotten_password_in_indonesian(client):
    with translation.override("id"):
        page = client.get(reverse("vendors:login"))
    assert "Lupa kata sandi?" in page.content.decode()
    assert 'href="/akun/lupa-sandi/"' in page.content.decode()


def test_login_locks_the_account_after_5_failures_even_with_the_right_password(client):
    UserFactory(username="ratna")
    for attempt in range(ACCOUNT_LIMIT - 1):
        # Different addresses: the per-account limit is what stops this.
        assert (
            _login(client, "ratna", address=f"10.0.0.{attempt + 1}").status_code == 200
        )
    fifth = _login(client, "RATNA ", address="10.0.0.99")  # same account, any case
    assert fifth.status_code == 429
    blocked = _login(client, "ratna", "secret-pass-123", address="10.0.1.1")
    assert blocked.status_code == 429
    page = blocked.content.decode()
    assert "Too many attempts" in page and "Wait 15 minutes" in page
    assert blocked["Retry-After"] == str(15 * 60)
    assert "_auth_user_id" not in client.session
    # Other accounts are unaffected.
    UserFactory(username="imah")
    assert (
        _login(client, "imah", "secret-pass-123", address="10.0.1.1").status_code == 302
    )


def test_lockout_page_speaks_indonesian(client):
    UserFactory(username="ratna")
    with translation.override("id"):
        for _attempt in range(ACCOUNT_LIMIT):
            blocked = _login(client, "ratna")
    assert blocked.status_code == 429
    assert "Tunggu 15 menit" in blocked.content.decode()


def test_login_locks_an_address_after_20_failures_across_usernames(client):
    UserFactory(username="ratna")
    for attempt in range(ADDRESS_LIMIT - 1):
        # Never 5 on one name: only the per-address limit can stop this.
        assert (
            _login(client, f"nobody{attempt}", address="192.0.2.7").status_code == 200
        )
    assert _login(client, "nobody-last", address="192.0.2.7").status_code == 429
    blocked = _login(client, "ratna", "secret-pass-123", address="192.0.2.7")
    assert blocked.status_code == 429 and "_auth_user_id" not in client.session
    assert (
        _login(client, "ratna", "secret-pass-123", address="192.0.2.8").status_code
        == 302
    )


def test_a_successful_login_resets_the_account_counter(client):
    UserFactory(username="ratna")
    for _attempt in range(ACCOUNT_LIMIT - 1):
        _login(client, "ratna")
    assert _login(client, "ratna", "secret-pass-123").status_code == 302
    client.post(reverse("vendors:logout"))
    for _attempt in range(ACCOUNT_LIMIT - 1):
        assert _login(client, "ratna").status_code == 200
    assert _login(client, "ratna", "secret-pass-123").status_code == 302


def test_logging_in_to_ones_own_account_does_not_wipe_failures_against_another(client):
    """Failures piled up from one address against a victim survive the attacker's
    own successful log-in from that address."""
    UserFactory(username="victim")
    UserFactory(username="attacker")
    for _attempt in range(ACCOUNT_LIMIT - 1):
        _login(client, "victim", address="203.0.113.5")
    assert (
        _login(client, "attacker", "secret-pass-123", address="203.0.113.5").status_code
        == 302
    )
    client.post(reverse("vendors:logout"))
    assert _login(client, "victim", address="203.0.113.5").status_code == 429


# --- sign-up --------------------------------------------------------------------------


def test_signup_sends_an_activation_link_that_logs_in_and_leads_to_the_account(
    client,
):
    response = _signup(client, "Ratna@Example.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("vendors:signup_done")
    user = get_user_model().objects.get(email__iexact="ratna@example.test")
    assert user.username == "ratna@example.test" and not user.is_active
    assert not user.is_staff and "_auth_user_id" not in client.session
    (message,) = mail.outbox
    assert message.to == ["Ratna@example.test"] and "Activate" in message.subject
    (link,) = _links(message)
    assert "/en/akun/aktifkan/" in link
    path = link.split("://", 1)[1].split("/", 1)[1]
    # Opening the link (as a mail scanner would) does not use it up.
    assert client.get("/" + path).status_code == 200
    activated = client.post("/" + path)
    assert activated.status_code == 302 and activated["Location"] == reverse(
        "marketplace:account"
    )
    user.refresh_from_db()
    assert user.is_active and client.session["_auth_user_id"] == str(user.pk)
    # Used once: now invalid.
    client.post(reverse("vendors:logout"))
    assert client.post("/" + path).status_code == 400
    # The new account logs in with its e-mail address.
    assert _login(client, "ratna@example.test", STRONG).status_code == 302


def test_signup_with_a_known_address_answers_the_same_and_mails_the_owner(client):
    owner = UserFactory(username="ratna", email="ratna@example.test")
    fresh = _signup(client, "new-person@example.test")
    known = _signup(client, "RATNA@example.test")
    assert known.status_code == fresh.status_code == 302
    assert known["Location"] == fresh["Location"]
    assert (
        client.get(known["Location"]).content == client.get(fresh["Location"]).content
    )
    assert (
        get_user_model().objects.filter(email__iexact="ratna@example.test").count() == 1
    )
    owner.refresh_from_db()
    assert owner.check_password("secret-pass-123")  # untouched
    warning = mail.outbox[-1]
    assert warning.to == ["ratna@example.test"]
    assert "already has an account" in warning.body
    assert reverse("vendors:password_reset") in warning.body


def test_signup_again_before_activating_resends_the_activation_link(client):
    _signup(client, "ratna@example.test")
    _signup(client, "ratna@example.test", password="Another-Pass-77")
    assert get_user_model().objects.filter(email="ratna@example.test").count() == 1
    assert [m.subject for m in mail.outbox] == ["Activate your Banua account"] * 2


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Kb7!x", "This password is too short"),
        ("password123", "This password is too common"),
        ("8472019385712", "This password is entirely numeric"),
        ("ratna.sari@example", "too similar to the"),
    ],
)
def test_signup_applies_djangos_password_validators(client, password, message):
    response = _signup(client, "ratna.sari@example.test", password=password)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["password2"])
    assert not get_user_model().objects.exists() and not mail.outbox


def test_signup_password_errors_are_translated(client):
    with translation.override("id"):
        response = _signup(client, "ratna@example.test", password="123")
    assert "Kata sandi terlalu pendek" in response.content.decode()


def test_signup_is_rate_limited_per_address(client):
    for n in range(rate_limits.SIGNUP_PER_ADDRESS.limit):
        _signup(client, f"u{n}@x.test", password="", address="198.51.100.9")
    blocked = _signup(client, "late@x.test", address="198.51.100.9")
    assert "Too many attempts" in blocked.content.decode()
    assert not get_user_model().objects.filter(email="late@x.test").exists()


def test_signup_survives_a_mail_server_that_is_down(client, settings):
    settings.EMAIL_BACKEND = "tests.vendors.test_views_auth.BrokenEmailBackend"
    response = _signup(client, "ratna@example.test")
    assert response.status_code == 302


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server is down")


# --- password reset -------------------------------------------------------------------


def test_password_reset_answers_the_same_whether_or_not_the_address_exists(client):
    UserFactory(username="ratna", email="ratna@example.test")
    known = client.post(
        reverse("vendors:password_reset"), {"email": "ratna@example.test"}
    )
    unknown = client.post(
        reverse("vendors:password_reset"), {"email": "nobody@example.test"}
    )
    assert known.status_code == unknown.status_code == 302
    assert (
        known["Location"]
        == unknown["Location"]
        == reverse("vendors:password_reset_done")
    )
    assert [m.to for m in mail.outbox] == [["ratna@example.test"]]


def test_password_reset_link_sets_a_new_validated_password(client):
    user = UserFactory(username="ratna", email="ratna@example.test")
    client.post(reverse("vendors:password_reset"), {"email": "ratna@example.test"})
    (message,) = mail.outbox
    assert "Choose a new Banua password" in message.subject
    (link,) = _links(message)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("/en/akun/sandi-baru/")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    done = client.post(set_url, {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302
    assert done["Location"] == reverse("vendors:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(STRONG)


def test_password_reset_mail_is_in_indonesian_at_the_indonesian_url(client):
    UserFactory(username="ratna", email="ratna@example.test")
    with translation.override("id"):
        url = reverse("vendors:password_reset")
        assert url == "/akun/lupa-sandi/"
        page = client.get(url)
        assert "Lupa kata sandi?" in page.content.decode()
        client.post(url, {"email": "ratna@example.test"})
    (message,) = mail.outbox
    assert "kata sandi" in message.subject.lower()
    assert "/akun/sandi-baru/" in message.body and "/en/" not in message.body


def test_password_reset_survives_a_mail_server_that_is_down(client, settings):
    settings.EMAIL_BACKEND = "tests.vendors.test_views_auth.BrokenEmailBackend"
    UserFactory(username="ratna", email="ratna@example.test")
    response = client.post(
        reverse("vendors:password_reset"), {"email": "ratna@example.test"}
    )
    assert response.status_code == 302


def test_password_reset_mails_one_address_at_most_3_times_an_hour(client):
    UserFactory(username="ratna", email="ratna@example.test")
    for n in range(5):
        response = client.post(
            reverse("vendors:password_reset"),
            {"email": "ratna@example.test"},
            REMOTE_ADDR=f"10.9.0.{n}",
        )
        assert response.status_code == 302
    assert len(mail.outbox) == rate_limits.PASSWORD_RESET_PER_EMAIL.limit
