"""Background work: ids in, a service call, safe to run twice."""

from django_tasks import task


@task()
def order_paid_notify(*, order_id: int) -> None:
    from marketplace.services.notifications import order_paid_send_emails

    order_paid_send_emails(order_id=order_id)


@task()
def payouts_release_due_task() -> int:
    from marketplace.services.ledger import payouts_release_due

    return payouts_release_due()


@task()
def stripe_events_replay_task() -> int:
    """Periodic: processes Stripe events whose delivery failed or died mid-way."""
    from marketplace.payments.webhooks import webhook_events_replay

    return webhook_events_replay()
