"""Sends the Stripe transfers that are due (sub-order shipped or the delay passed).

Run hourly; safe to run twice (row locks, status guard, idempotency keys).
"""

from django.core.management.base import BaseCommand

from marketplace.services import payouts_release_due


class Command(BaseCommand):
    help = (
        "Release due vendor transfers (Stripe Connect, separate charges and transfers)."
    )

    def handle(self, *args, **options):
        count = payouts_release_due()
        self.stdout.write(f"Released {count} transfer(s).")
