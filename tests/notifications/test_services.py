"""The outbox: queued with the write, sent after commit, retried, never sent twice."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from notifications.models import EmailStatus, OutboundEmail
from notifications.services import email_queue, email_send, email_send_pending
from tests.notifications.backends import FAILING_BACKEND, LOCMEM_BACKEND

pytestmark = pytest.mark.django_db

CONTEXT = {"vendor": {"name": "Toko\nBaru", "owner_name": "Ratna"}, "url": "http://x/"}


def _queue(**kwargs):
    return email_queue(
        to="vendor@banua.test",
        template="vendors/vendor_decision",
        language=kwargs.pop("language", "en"),
        context={**CONTEXT, "action": "approve", "reason": "-"},
        **kwargs,
    )


def test_a_mail_is_sent_only_after_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email = _queue()
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.sent_at and email.attempts == 1
    (message,) = mail.outbox
    # The newline in the shop name is folded into the one-line subject.
    assert message.subject == "Your shop “Toko Baru” is approved"
    assert "Good news" in message.body


def test_a_rolled_back_write_leaves_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _queue()
            raise RuntimeError
    assert not OutboundEmail.objects.exists() and mail.outbox == []


def test_the_recipients_language_is_used_and_unknown_ones_fall_back():
    assert _queue(language="id").subject == "Toko Anda “Toko Baru” disetujui"
    assert _queue(language="fr").language == "id"


def test_a_failing_backend_keeps_the_row_pending_then_the_command_sends_it(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING and email.attempts == 1
    assert "SMTPException" in email.last_error
    assert email.next_attempt_at > timezone.now()
    # Not due yet: the retry waits for the back-off.
    call_command("notifications_send_pending")
    assert mail.outbox == []
    settings.EMAIL_BACKEND = LOCMEM_BACKEND
    OutboundEmail.objects.update(next_attempt_at=timezone.now())
    call_command("notifications_send_pending")
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_mail_is_marked_failed(settings):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    email = _queue()
    later = timezone.now()
    for _attempt in range(3):
        later += timedelta(days=1)
        email_send_pending(now=later)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 2)


def test_a_row_is_sent_once_however_often_its_task_runs():
    email = _queue()
    assert email_send(email_id=email.pk) == EmailStatus.SENT
    assert email_send(email_id=email.pk) == EmailStatus.SENT
    assert email_send_pending(now=timezone.now() + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_a_dedupe_key_queues_one_mail():
    assert _queue(dedupe_key="k1") is not None
    assert _queue(dedupe_key="k1") is None
    assert OutboundEmail.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_senders_racing_on_one_row_send_it_once():
    email = _queue()
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.PENDING,
        attempts=0,
        sent_at=None,
        next_attempt_at=timezone.now() - timedelta(seconds=1),
    )
    mail.outbox = []
    barrier = threading.Barrier(4)
    results = []

    def send():
        try:
            barrier.wait()
            results.append(email_send(email_id=email.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1 and email.status == EmailStatus.SENT
