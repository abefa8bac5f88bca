"""Processes again the Stripe events a delivery left behind: handlers that failed, and
rows stored as received whose worker died before processing them; then retries refunds
that Stripe refused or whose worker died.

The deploy wires this command to a timer (cron/systemd); the task worker can run
``marketplace.tasks.stripe_events_replay_task`` instead. Both call the same service.
"""

from django.core.management.base import BaseCommand

from marketplace.payments.webhooks import webhook_events_replay
from marketplace.services.refunds import refunds_retry


class Command(BaseCommand):
    help = (
        "Replay stored Stripe webhook events that failed or were received but never "
        "processed (older than STRIPE_EVENT_GRACE_SECONDS, default 300)."
    )

    def handle(self, *args, **options):
        done = webhook_events_replay()
        refunded = refunds_retry()
        self.stdout.write(f"Processed {done} event(s); completed {refunded} refund(s).")
