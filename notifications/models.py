"""One row per e-mail to send: the outbox that makes delivery survive SMTP outages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboundEmail(models.Model):
    """An e-mail rendered when its cause was saved (same transaction), sent later.

    ``next_attempt_at`` doubles as a lease: a sender claims a row by moving it forward
    with a conditional UPDATE, so two senders never send the same row, and a sender that
    dies mid-send leaves the row to be retried when the lease runs out.
    """

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    template = models.CharField(_("template"), max_length=120, blank=True)
    # Small text files sent with the mail (a ticket's .ics), rendered with it:
    # a list of {"filename", "content", "mimetype"}.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Set by callers whose cause may be replayed (a webhook, a signal sent twice): the
    # same key is queued once.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("outbound e-mail")
        verbose_name_plural = _("outbound e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.to}: {self.subject}"
