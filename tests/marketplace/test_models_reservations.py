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
