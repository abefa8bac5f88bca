"""Back-in-stock alerts on PostgreSQL: two workers sending the same alerts at once
mail each shopper exactly once."""

import threading

import pytest
from django.db import connection, connections

from marketplace.models import ProductVariant, StockAlert
from marketplace.services import accounts
from notifications.models import OutboundEmail
from tests.marketplace.factories import sellable_variant
from tests.vendors.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 6
SHOPPERS = 5


def test_concurrent_notifiers_mail_each_alert_once():
    assert connection.vendor == "postgresql"
    variant = sellable_variant(stock=0)
    for _n in range(SHOPPERS):
        accounts.stock_alert_subscribe(
            user=UserFactory(), variant=variant, language="id"
        )
    ProductVariant.objects.filter(pk=variant.pk).update(stock=3)
    barrier = threading.Barrier(WORKERS)
    sent, errors = [], []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            count = accounts.stock_alerts_notify(variant_ids=[variant.pk])
            with lock:
                sent.append(count)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(sent) == SHOPPERS
    assert OutboundEmail.objects.filter(template="marketplace/stock_alert").count() == (
        SHOPPERS
    )
    assert not StockAlert.objects.filter(notified_at=None).exists()
