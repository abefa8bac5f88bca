"""The office's Wagtail admin: balances, bank payouts, refunds, read-only order
lists.
"""

import pytest

from marketplace import selectors, services
from marketplace.models import Order, OrderStatus
from tests.marketplace.factories import place_order, sellable_variant
from tests.vendors.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _paid_order():
    order = place_order(
        items=[(sellable_variant(price=100000), 1), (sellable_variant(), 1)],
        shipping_method="pickup",
    )
    services.order_mark_paid(order_id=order.pk)
    return Order.objects.get(pk=order.pk)


def test_balances_page_and_bank_payout(office):
    order = _paid_order()
    sub = order.suborders.order_by("id").first()
    page = office.get("/admin/marketplace/balances/")
    assert page.status_code == 200
    assert sub.vendor.name in page.content.decode()
    url = f"/admin/marketplace/balances/{sub.vendor_id}/bank-payout/"
    office.post(url, {"amount": sub.vendor_net + 5, "reference": "BCA-9"})
    assert selectors.vendor_balance(vendor=sub.vendor) == sub.vendor_net
    office.post(url, {"amount": sub.vendor_net, "reference": "BCA-9"})
    assert selectors.vendor_balance(vendor=sub.vendor) == 0


def test_refund_view_refunds_one_suborder(office):
    order = _paid_order()
    sub = order.suborders.order_by("id").first()
    assert (
        office.get(f"/admin/marketplace/orders/{order.pk}/refund/").status_code == 200
    )
    office.post(f"/admin/marketplace/orders/{order.pk}/refund/", {"suborder": sub.pk})
    sub.refresh_from_db()
    assert sub.status == OrderStatus.REFUNDED


def test_order_list_is_read_only(office):
    order = _paid_order()
    index = office.get("/admin/marketplace/orders/")
    assert index.status_code == 200
    assert order.number in index.content.decode()
    assert office.get(f"/admin/marketplace/orders/edit/{order.pk}/").status_code in (
        302,
        403,
    )


def test_non_staff_cannot_reach_office_views(client):
    client.force_login(UserFactory())
    assert client.get("/admin/marketplace/balances/").status_code in (302, 403)


def test_the_owner_registers_the_product_admin_in_its_menu(office):
    """Products are the marketplace's: their viewset and moderation view come from
    ``marketplace.wagtail_hooks`` and sit in the Marketplace menu, not the vendors'."""
    from django.urls import reverse

    from marketplace.models import Product
    from marketplace.wagtail_hooks import MarketplaceGroup, ProductViewSet

    assert type(Product.snippet_viewset) is ProductViewSet
    assert ProductViewSet in MarketplaceGroup.items
    product = sellable_variant().product
    page = office.get(
        reverse("wagtailsnippets_marketplace_product:moderate", args=[product.pk])
    )
    assert page.status_code == 200
