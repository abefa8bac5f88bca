"""Stock and seat reservations share one abstract base, and with it the
``(status, expires_at)`` index that the seat table used to lack: read back from the
database's own catalogue (PostgreSQL when ``DATABASE_URL`` is set, else SQLite)."""

import pytest
from django.db import connection

from marketplace.models import Reservation, SeatReservation, StockReservation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [StockReservation, SeatReservation])
def test_each_reservation_table_has_the_status_expiry_index(model):
    assert issubclass(model, Reservation)
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    indexes = [
        name
        for name, info in found.items()
        if info["index"] and info["columns"] == ["status", "expires_at"]
    ]
    assert len(indexes) == 1, found


def test_the_expiry_job_finds_pending_orders_through_a_partial_index():
    """``reservations_release_expired`` scans pending orders by ``expires_at``."""
    from marketplace.models import Order

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Order._meta.db_table)
    assert found["order_pending_expiry_idx"]["columns"] == ["expires_at"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                ["order_pending_expiry_idx"],
            )
            (definition,) = cursor.fetchone()
        assert "WHERE" in definition and "pending" in definition
