"""The one schedule (deploy/crontab): every periodic job listed, every command real."""

from datetime import UTC, datetime

import pytest
from django.core.management import get_commands

from banua.scheduler import schedule_load, schedule_parse

REQUIRED = {
    "tasks_requeue",
    "marketplace_release_expired",
    "marketplace_release_payouts",
    "stripe_replay_failed",
    "publish_scheduled",
    "marketplace_autocomplete_orders",
    "notifications_send_pending",
}


def test_schedule_lists_every_periodic_job():
    assert REQUIRED <= {job.command for job in schedule_load()}


def test_every_scheduled_command_exists():
    known = get_commands()
    missing = [job.line for job in schedule_load() if job.command not in known]
    assert missing == []


def test_cron_fields():
    (job,) = schedule_parse("*/15 3,4 * * 1-5  tasks_requeue --verbosity 0")
    assert job.argv == ("tasks_requeue", "--verbosity", "0")
    monday_3_30 = datetime(2026, 11, 30, 3, 30, tzinfo=UTC)
    assert job.due(monday_3_30)
    assert not job.due(monday_3_30.replace(minute=31))
    assert not job.due(monday_3_30.replace(hour=5))
    assert not job.due(datetime(2026, 11, 29, 3, 30, tzinfo=UTC))  # a Sunday


@pytest.mark.parametrize(
    "line", ["* * * *  tasks_requeue", "61 * * * * x", "a * * * * x"]
)
def test_bad_lines_are_refused(line):
    with pytest.raises(ValueError):
        schedule_parse(line)


def test_scheduler_runs_due_jobs_and_skips_unknown_commands(tmp_path, capfd):
    from django.core.management import call_command

    crontab = tmp_path / "crontab"
    crontab.write_text("* * * * *  check --tag urls\n* * * * *  no_such_command\n")
    call_command("scheduler", "--once", "--crontab", str(crontab))
    out, err = capfd.readouterr()
    assert "System check identified no issues" in out  # the child ran
    assert "skipped (no such command): * * * * *  no_such_command" in err
