"""Background sending: an id in, the service call; safe to run twice (the row is
claimed)."""

from django_tasks import task


@task()
def email_send_task(*, email_id: int) -> str:
    from notifications.services import email_send

    return email_send(email_id=email_id)


@task()
def email_send_pending_task() -> int:
    from notifications.services import email_send_pending

    return email_send_pending()
