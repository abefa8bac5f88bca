"""Stripe webhook events, each stored once (by its event id) before it is processed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEventStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    PROCESSED = "processed", _("Processed")
    IGNORED = "ignored", _("Ignored")
    FAILED = "failed", _("Failed")


class WebhookEvent(models.Model):
    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10,
        choices=WebhookEventStatus.choices,
        default=WebhookEventStatus.RECEIVED,
    )
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # The id of ``data.object`` (a Checkout Session, a charge...), so the reservation
    # expiry can see that a payment for an order arrived but is not processed yet.
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    # A processing lease: while it lies in the future one delivery (or the replay) is
    # running the handler and others keep off; a worker killed mid-way leaves a lease
    # that simply runs out, and the row is processed again by the next delivery.
    lease_until = models.DateTimeField(null=True, blank=True)

    # Transactional rows, not CMS content: keep them out of Wagtail's reference index
    # (it would otherwise re-index on every save once an admin viewset registers them).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
