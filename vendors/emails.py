"""The one place the account e-mails (sign-up, password reset) are rendered and sent.

Each e-mail is two templates per language, ``vendors/emails/<language>/<name>_subject.txt``
and ``<name>.txt``. Sending never raises: a mail server that is down must not turn a
sign-up or a password-reset request into an error page (nor reveal, by failing, that
an address has an account), so a failure is logged and reported as ``False``.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

EMAIL_LANGUAGES = ("id", "en")


def account_email_send(*, to: str, template: str, language: str, context: dict) -> bool:
    """Render ``template`` in ``language`` (Indonesian if unknown) and send it to
    ``to``; True if the mail server accepted it."""
    language = language if language in EMAIL_LANGUAGES else "id"
    with translation.override(language):
        subject = render_to_string(
            f"vendors/emails/{language}/{template}_subject.txt", context
        )
        body = render_to_string(f"vendors/emails/{language}/{template}.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception:  # noqa: BLE001 - any transport error; the caller goes on
        logger.exception("Account e-mail %r could not be sent", template)
        return False
    return True
