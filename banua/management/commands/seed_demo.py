import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from banua.demo.seed import DEMO_PASSWORD, DemoSeeder


class Command(BaseCommand):
    help = (
        "Fill the site with South Kalimantan demo content. "
        "Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        # One transaction: a failed seed leaves no half-built site behind. The demo
        # order's e-mails go nowhere (fake addresses, even where SMTP is configured), and
        # the per-page INFO logs of a few hundred creations are left out of the console.
        previous_disable = logging.root.manager.disable
        logging.disable(logging.INFO)
        try:
            with (
                override_settings(
                    EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
                ),
                transaction.atomic(),
            ):
                report = DemoSeeder().run()
        finally:
            logging.disable(previous_disable)
        if report.created:
            summary = ", ".join(
                f"{count} {kind}" for kind, count in sorted(report.created.items())
            )
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {summary}."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
        if settings.DEBUG:
            self.stdout.write(f"Demo logins (password {DEMO_PASSWORD!r}, DEBUG only):")
            for username, role in report.logins:
                self.stdout.write(f"  {username:<10} {role}")
