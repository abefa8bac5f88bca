"""Sends the e-mails still waiting in the outbox (lost tasks, SMTP failures).

Run every few minutes (cron or systemd timer); safe to run twice or concurrently.
"""

from django.core.management.base import BaseCommand

from notifications.services import email_send_pending


class Command(BaseCommand):
    help = "Send due pending e-mails from the outbox, retrying failed ones."

    def handle(self, *args, **options):
        count = email_send_pending()
        self.stdout.write(f"Sent {count} e-mail(s).")
