"""Processes again the Stripe events whose handler failed (after a fix or an outage)."""

from django.core.management.base import BaseCommand

from marketplace.models import WebhookEvent, WebhookEventStatus
from marketplace.payments.webhooks import UnknownObject, webhook_event_process


class Command(BaseCommand):
    help = "Replay stored Stripe webhook events that failed."

    def handle(self, *args, **options):
        done = 0
        for row in WebhookEvent.objects.filter(
            status=WebhookEventStatus.FAILED
        ).order_by("received_at"):
            try:
                row = webhook_event_process(row=row)
            except UnknownObject:
                continue
            done += row.status == WebhookEventStatus.PROCESSED
        self.stdout.write(f"Processed {done} event(s).")
