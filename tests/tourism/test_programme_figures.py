"""The office's programme figures (issue 11, point 6): stall sales per event, vendors
and orders per region, with an SVG chart and a CSV export."""

import csv
import datetime as dt
import io
import re

import pytest
from django.utils import translation

from marketplace import services
from marketplace.models import EventStall
from tests.marketplace.factories import (
    bookable_session,
    pickup_point,
    place_booking_order,
    place_pickup_order,
    sellable_variant,
)
from tests.tourism.factories import build_site_tree, make_event
from tests.vendors.factories import UserFactory, VendorFactory, office_user
from tourism import programme
from vendors.charts import bar_chart, svg_number

pytestmark = pytest.mark.django_db

URL = "/admin/programme/"


def _stall_with_sale(events, *, title, price, region="banjarmasin", paid=True):
    event = make_event(events, title=title, hours=30)
    vendor = VendorFactory(region=region)
    point = pickup_point(event=event, name=f"Lapak {title}")
    EventStall.objects.create(
        event=event, vendor=vendor, label="A1", pickup_point=point
    )
    window = services.pickup_window_create(
        point=point,
        starts_at=event.start_at + dt.timedelta(hours=1),
        ends_at=event.start_at + dt.timedelta(hours=2),
    )
    order = place_pickup_order(
        variant=sellable_variant(vendor=vendor, price=price), window=window
    )
    if paid:
        services.order_mark_paid(order_id=order.pk, note="test")
    return event, vendor


@pytest.fixture
def figures_site():
    tree = build_site_tree()
    _stall_with_sale(tree.events, title="Festival Sasirangan", price=25_000)
    _stall_with_sale(
        tree.events, title="Festival Pasar Terapung", price=10_000, region="banjar"
    )
    # An unpaid order counts nowhere.
    _stall_with_sale(tree.events, title="Festival Kosong", price=99_000, paid=False)
    return tree


def _table(tables, key):
    return next(table for table in tables if table.key == key)


def test_stall_sales_per_event_count_paid_orders_only(figures_site):
    stalls = _table(programme.programme_figures(), "stalls")
    rows = {row[0]: row[1:] for row in stalls.rows}
    assert rows["Festival Sasirangan"] == [1, 1, 25_000]
    assert rows["Festival Pasar Terapung"] == [1, 1, 10_000]
    assert rows["Festival Kosong"] == [1, 0, 0]
    assert [row[0] for row in stalls.rows][0] == "Festival Sasirangan"


def test_vendors_and_orders_per_region(figures_site):
    regions = _table(programme.programme_figures(), "regions")
    rows = {row[0]: row[1:] for row in regions.rows}
    # Three approved vendors in Banjarmasin (one unpaid) and one in Banjar.
    assert rows["Kota Banjarmasin"] == [2, 1, 25_000]
    assert rows["Kabupaten Banjar"] == [1, 1, 10_000]
    assert "Kabupaten Tabalong" not in rows


def test_the_page_draws_charts_with_dots_in_indonesian_and_exports_csv(
    client, figures_site
):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with translation.override("id"):
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="id")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Festival Pasar Terapung" in html
    rects = re.findall(
        r'<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"', html
    )
    assert rects
    numbers = [value for rect in rects for value in rect]
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in numbers), numbers
    assert any("." in value for value in numbers)  # fractions were drawn, with dots
    export = client.get(URL, {"format": "csv"})
    assert export["Content-Type"] == "text/csv"
    assert "attachment" in export["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert ["Festival Sasirangan", "1", "1", "25000"] in rows


def test_office_members_without_order_access_are_refused(client):
    client.force_login(office_user())
    refused = client.get(URL)
    # Wagtail turns PermissionDenied into a redirect to the dashboard, with a message.
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert client.get(URL, {"format": "csv"}).status_code == 302


def test_svg_numbers_ignore_the_language():
    with translation.override("id"):
        chart = bar_chart([("a", 3), ("b", 1), ("c", 2)])
    assert svg_number(106.666) == "106.67"
    assert svg_number(0.0) == "0"
    assert chart.bars[1].height == "38.67"
    assert chart.bars[1].x == "107.67"


def test_booking_figures_count_paid_bookings_and_participants():
    session = bookable_session(name="Workshop Sasirangan", capacity=10)
    paid = place_booking_order(bookings=[(session, 2, 1)])
    services.order_mark_paid(order_id=paid.pk, note="test")
    place_booking_order(bookings=[(session, 4, 0)])  # unpaid: not counted
    tables = {table.key: table for table in programme.programme_figures()}
    assert {"experiences", "destinations", "months"} <= set(tables)
    assert tables["experiences"].rows == [["Workshop Sasirangan", 1, 3]]
