"""Background sending: an id in, then the service call. Safe to run twice: the service
claims the row first."""

from django_tasks import task

from notifications.services import email_send_pending
from notifications.services import email_send_task as email_send_task  # re-exported


@task()
def email_send_pending_task() -> int:
    return email_send_pending()
