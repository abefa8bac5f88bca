"""Completes shipped sub-orders the buyer never confirmed, MARKETPLACE_AUTOCOMPLETE_DAYS
(default 7) after shipping, so every order finishes and its buyer may review.

Run daily (cron or a systemd timer); safe to run twice.
"""

from django.core.management.base import BaseCommand

from marketplace.services import suborders_autocomplete


class Command(BaseCommand):
    help = "Mark shipped sub-orders delivered once the auto-completion delay passed."

    def handle(self, *args, **options):
        count = suborders_autocomplete()
        self.stdout.write(f"Completed {count} sub-order(s).")
