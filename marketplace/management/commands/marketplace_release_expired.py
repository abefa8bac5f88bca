"""Cancels unpaid orders whose stock reservation lapsed and puts the stock back.

Run every few minutes (cron or the task scheduler); safe to run twice.
"""

from django.core.management.base import BaseCommand

from marketplace.services import reservations_release_expired


class Command(BaseCommand):
    help = "Release stock held by unpaid orders whose reservation expired."

    def handle(self, *args, **options):
        count = reservations_release_expired()
        self.stdout.write(f"Released {count} expired reservation(s).")
