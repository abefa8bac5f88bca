"""Accounts: sign-up and activation.

Sign-up never tells the person at the form whether an address already has an account:
a new address gets an inactive account and an activation link, a known one gets an
e-mail to its owner instead, and the page says "check your e-mail" either way. The
user name is the e-mail address, so no "user name taken" answer can leak it either.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.translation_urls import absolute_reverse_in_language
from notifications.services import email_queue
from vendors.tokens import account_activation_token


def _activation_url(user, language: str) -> str:
    return absolute_reverse_in_language(
        "vendors:activate",
        language=language,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": account_activation_token.make_token(user),
        },
    )


def _mail_activation(user, language: str) -> None:
    email_queue(
        to=user.email,
        template="vendors/signup_activate",
        language=language,
        context={"user": user, "url": _activation_url(user, language)},
    )


def _mail_existing(email: str, language: str) -> None:
    login_url = absolute_reverse_in_language("vendors:login", language=language)
    reset_url = absolute_reverse_in_language(
        "vendors:password_reset", language=language
    )
    email_queue(
        to=email,
        template="vendors/signup_existing",
        language=language,
        context={"email": email, "login_url": login_url, "reset_url": reset_url},
    )


def user_signup(*, email: str, password: str, language: str):
    """A new, inactive, ordinary account (no staff rights) whose user name is the
    e-mail address, and the e-mail with its activation link; or, if the address is
    known, an e-mail to it instead. Returns the new user, or None when the address
    already had an account. The form checked the password."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    username = email.lower()
    existing = (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=username))
        .order_by("pk")
        .first()
    )
    user = None
    if existing is None:
        try:
            # A savepoint: two sign-ups racing for one address meet at the unique
            # user name, and the loser is told (by e-mail) the address is known.
            with transaction.atomic():
                user = User.objects.create_user(
                    username=username, email=email, password=password, is_active=False
                )
        except IntegrityError:
            existing = User.objects.filter(username__iexact=username).first()
    if user is not None:
        _mail_activation(user, language)
    elif existing is not None and not existing.is_active and not existing.last_login:
        # Signed up before but never activated: the same link again, same password.
        _mail_activation(existing, language)
    else:
        # To the address on file: the typed one may differ in case only.
        to = (existing.email if existing is not None else "") or email
        _mail_existing(to, language)
    return user


def user_activate(*, user):
    """Switch on an account whose owner followed the activation link; True if this
    call switched it on (a second click finds it active)."""
    User = get_user_model()
    with transaction.atomic():
        updated = User.objects.filter(pk=user.pk, is_active=False).update(
            is_active=True
        )
    user.is_active = True
    return updated == 1
