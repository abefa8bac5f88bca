"""Background sending: an id in, the service call; safe to run twice (the row is
claimed)."""

from django_tasks import task

from notifications.services import email_send_pending
from notifications.services import email_send_task as email_send_task  # re-exported


@task()
def email_send_pending_task() -> int:
    return email_send_pending()
