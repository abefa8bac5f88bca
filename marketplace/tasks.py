"""Background work: ids in, a service call, safe to run twice."""

from django_tasks import task

from marketplace.payments.webhooks import webhook_events_replay
from marketplace.services.fulfilment import suborders_autocomplete

# Defined next to the service that enqueues it (no import cycle); re-exported here.
from marketplace.services.ledger import (
    payouts_release_due_task as payouts_release_due_task,
)
from marketplace.services.notifications import order_paid_send_emails
from marketplace.services.refunds import refunds_retry


@task()
def order_paid_notify(*, order_id: int) -> None:
    order_paid_send_emails(order_id=order_id)


@task()
def suborders_autocomplete_task() -> int:
    return suborders_autocomplete()


@task()
def stripe_events_replay_task() -> int:
    """Periodic: processes Stripe events whose delivery failed or died mid-way, then
    retries failed refunds. Returns how many events were processed.
    """

    done = webhook_events_replay()
    refunds_retry()
    return done
