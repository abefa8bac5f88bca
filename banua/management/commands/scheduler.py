"""Run the periodic jobs of deploy/crontab, each as its own ``manage.py`` process.

One scheduler per site (systemd unit banua-scheduler, or the Procfile's ``scheduler``).
Every job runs in a child process so a crash or leak in one never stops the others; a job
still running at its next tick is skipped rather than doubled up.
"""

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.core.management import get_commands
from django.core.management.base import BaseCommand

from banua.scheduler import schedule_load

MANAGE = Path(__file__).resolve().parents[3] / "manage.py"


class Command(BaseCommand):
    help = "Run the periodic jobs listed in deploy/crontab (runs until stopped)."

    def add_arguments(self, parser):
        parser.add_argument("--crontab", type=Path, default=None)
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run every job that is due this minute, wait for them, and exit.",
        )

    def handle(self, *args, **options):
        known = get_commands()
        jobs = []
        for job in schedule_load(options["crontab"]):
            if job.command in known:
                jobs.append(job)
            else:
                self.stderr.write(f"skipped (no such command): {job.line}")
        running: dict[str, subprocess.Popen] = {}
        next_minute = datetime.now(UTC).replace(second=0, microsecond=0)
        while True:
            for job in jobs:
                if not job.due(next_minute):
                    continue
                key = job.line
                previous = running.get(key)
                if previous is not None and previous.poll() is None:
                    self.stderr.write(f"still running, skipped this tick: {job.line}")
                    continue
                running[key] = subprocess.Popen(  # noqa: S603 - our own commands
                    [sys.executable, str(MANAGE), *job.argv]
                )
            for key, proc in list(running.items()):
                code = proc.poll()
                if code not in (None, 0):
                    self.stderr.write(f"job failed with exit code {code}: {key}")
                if code is not None:
                    del running[key]
            if options["once"]:
                for proc in running.values():
                    proc.wait()
                return
            next_minute += timedelta(minutes=1)
            time.sleep(max(0.0, (next_minute - datetime.now(UTC)).total_seconds()))
