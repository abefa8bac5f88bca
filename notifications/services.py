"""Queueing and sending e-mails through the outbox (``OutboundEmail``).

``email_queue`` is called inside the transaction of the write that causes the mail: the
row commits or rolls back with it, and the send is enqueued only after commit. Sending
never raises: a failure is recorded on the row and retried with a growing delay by
``email_send_pending`` (command ``notifications_send_pending``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import task

from notifications.models import EmailStatus, OutboundEmail

logger = logging.getLogger(__name__)


def _max_attempts() -> int:
    return int(getattr(settings, "NOTIFICATIONS_MAX_ATTEMPTS", 8))


def _lease() -> timedelta:
    """How long a claimed row is left alone: longer than one SMTP conversation."""
    return timedelta(seconds=int(getattr(settings, "NOTIFICATIONS_LEASE_SECONDS", 300)))


def _backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after each failure, at most six hours."""
    base = int(getattr(settings, "NOTIFICATIONS_RETRY_BASE_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def email_language(language: str | None) -> str:
    """The recipient's language if the site speaks it, else the site's default."""
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or "").split("-")[0].lower()
    return language if language in codes else settings.LANGUAGE_CODE


def one_line(text: str) -> str:
    """Collapses whitespace, so a newline in a shop name can never reach a header."""
    return " ".join(str(text).split())


def email_render(
    *, template: str, language: str, context: dict
) -> tuple[str, str, str]:
    """Renders ``<app>/emails/<language>/<name>_subject.txt``, ``<name>.txt`` and, if it
    exists, ``<name>.html`` for ``template="<app>/<name>"``.
    """
    app, name = template.split("/", 1)
    prefix = f"{app}/emails/{language}/{name}"
    with translation.override(language):
        subject = one_line(render_to_string(f"{prefix}_subject.txt", context))
        body = render_to_string(f"{prefix}.txt", context)
        try:
            html = get_template(f"{prefix}.html").render(context)
        except TemplateDoesNotExist:
            html = ""
    return subject[:255], body, html


def email_queue(
    *,
    to: str,
    template: str,
    language: str | None,
    context: dict,
    dedupe_key: str | None = None,
    attachments: list[dict] | None = None,
) -> OutboundEmail | None:
    """Renders the mail now, in the recipient's language, and stores it; it is sent
    after the surrounding transaction commits. Returns None for no address or a key
    already queued.
    """
    to = one_line(to or "")
    if not to:
        return None
    language = email_language(language)
    subject, body, html = email_render(
        template=template, language=language, context=context
    )
    try:
        # A savepoint, so a duplicate key does not spoil the caller's transaction.
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                to=to,
                subject=subject,
                body=body,
                html_body=html,
                language=language,
                template=template[:120],
                dedupe_key=dedupe_key[:200] if dedupe_key else None,
                attachments=[
                    {
                        "filename": one_line(item["filename"])[:100],
                        "content": str(item["content"]),
                        "mimetype": item.get("mimetype", "text/plain"),
                    }
                    for item in attachments or ()
                ],
            )
    except IntegrityError:
        if dedupe_key and OutboundEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    email_id = email.pk
    transaction.on_commit(lambda: _enqueue_send(email_id), robust=True)
    return email


def _enqueue_send(email_id: int) -> None:
    try:
        email_send_task.enqueue(email_id=email_id)
    except Exception:  # noqa: BLE001 - a queue outage must not fail the request; the row stays pending
        logger.exception(
            "Could not enqueue e-mail %s; the retry command sends it", email_id
        )


def _claim(email_id: int, *, now: datetime) -> bool:
    """Takes the row for this sender only: a conditional UPDATE, so it is sent once."""
    return bool(
        OutboundEmail.objects.filter(
            pk=email_id, status=EmailStatus.PENDING, next_attempt_at__lte=now
        ).update(attempts=F("attempts") + 1, next_attempt_at=now + _lease())
    )


def email_send(*, email_id: int, now: datetime | None = None) -> str:
    """Sends one pending e-mail if it is due; returns its status afterwards.

    Never raises for a mail failure: the error is recorded and the row retried later,
    or marked failed after ``NOTIFICATIONS_MAX_ATTEMPTS``.
    """
    now = now or timezone.now()
    if not _claim(email_id, now=now):
        row = OutboundEmail.objects.filter(pk=email_id).values("status").first()
        return row["status"] if row else ""
    email = OutboundEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=one_line(email.subject),
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for item in email.attachments or ():
        message.attach(item["filename"], item["content"], item["mimetype"])
    try:
        message.send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - SMTP, socket, header errors: all retried
        failed = email.attempts >= _max_attempts()
        OutboundEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.FAILED if failed else EmailStatus.PENDING,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=timezone.now() + _backoff(email.attempts),
        )
        logger.warning(
            "E-mail %s to %s failed (attempt %s): %s",
            email_id,
            email.to,
            email.attempts,
            error,
        )
        return EmailStatus.FAILED if failed else EmailStatus.PENDING
    OutboundEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return EmailStatus.SENT


# The task that ``email_queue`` enqueues lives next to the service it runs, so this module
# never imports ``notifications.tasks`` (which imports this one): no import cycle. Its
# old path ``notifications.tasks.email_send_task`` still resolves for rows queued before.
@task()
def email_send_task(*, email_id: int) -> str:
    return email_send(email_id=email_id)


def email_send_pending(*, now: datetime | None = None, limit: int = 500) -> int:
    """Sends the pending e-mails that are due (new ones whose task was lost, failed ones
    whose back-off ran out); returns how many were sent. Safe to run concurrently.
    """
    now = now or timezone.now()
    ids = list(
        OutboundEmail.objects.filter(
            status=EmailStatus.PENDING, next_attempt_at__lte=now
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(email_send(email_id=pk, now=now) == EmailStatus.SENT for pk in ids)
