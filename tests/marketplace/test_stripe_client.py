"""Every Stripe call against stripe-mock; IDR minor units; idempotency keys."""

import pytest

from marketplace.models import Order
from marketplace.money import rupiah_to_stripe_amount
from marketplace.payments import stripe_client
from marketplace.payments.providers import StripeProvider, get_provider
from tests.marketplace.factories import place_order, sellable_variant

pytestmark = [pytest.mark.stripe]


def test_idr_minor_units():
    assert rupiah_to_stripe_amount(150000) == 15_000_000
    assert rupiah_to_stripe_amount(1) == 100


def test_connect_calls_for_the_vendors_app(stripe_settings):
    account = stripe_client.account_create_express(
        vendor_id=7, email="toko@example.test"
    )
    assert account["id"].startswith("acct_")
    assert (
        stripe_client.account_retrieve(account_id=account["id"])["id"] == account["id"]
    )
    url = stripe_client.account_link_create(
        account_id=account["id"],
        refresh_url="https://banua.test/r",
        return_url="https://banua.test/ok",
    )
    assert url.startswith("https://")


@pytest.mark.django_db
def test_checkout_session_in_minor_units_with_idempotency_key(
    stripe_settings, monkeypatch
):
    sent = []
    original = stripe_client._client

    def recording_client():
        client = original()
        create = client.v1.checkout.sessions.create

        def spy(params=None, options=None):
            sent.append((params, options))
            return create(params=params, options=options)

        client.v1.checkout.sessions.create = spy
        return client

    monkeypatch.setattr(stripe_client, "_client", recording_client)
    stripe_settings.STRIPE_PAYMENT_METHOD_TYPES = ["card"]
    variant = sellable_variant(price=150000)
    order = place_order(items=[(variant, 2)], provider="stripe")
    assert isinstance(get_provider("stripe"), StripeProvider)
    url = StripeProvider().checkout_begin(order=order, base_url="https://banua.test")
    order.refresh_from_db()
    assert url.startswith("https://")
    assert order.checkout_session_id.startswith("cs_")
    params, options = sent[0]
    assert options["idempotency_key"] == f"banua-checkout-order-{order.pk}-1"
    assert params["payment_method_types"] == ["card"]
    assert params["line_items"][0]["price_data"]["unit_amount"] == 15_000_000
    assert params["line_items"][0]["price_data"]["currency"] == "idr"
    assert params["line_items"][0]["quantity"] == 2
    shipping = params["line_items"][1]["price_data"]["unit_amount"]
    assert (
        sum(
            i["price_data"]["unit_amount"] * i["quantity"] for i in params["line_items"]
        )
        == order.grand_total * 100
    )
    assert shipping == 20000 * 100
    assert params["payment_intent_data"]["transfer_group"] == f"order-{order.pk}"
    assert "{CHECKOUT_SESSION_ID}" in params["success_url"]


@pytest.mark.django_db
def test_stripe_unreachable_cancels_the_order_and_releases_stock(stripe_settings):
    from marketplace import services
    from marketplace.errors import PaymentError

    stripe_settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    variant = sellable_variant(stock=2)
    order = place_order(items=[(variant, 2)], provider="stripe")
    with pytest.raises(PaymentError):
        services.checkout_begin_payment(order=order, base_url="https://banua.test")
    variant.refresh_from_db()
    assert variant.stock == 2
    assert Order.objects.get(pk=order.pk).status == "cancelled"


def test_refund_transfer_and_reversal_calls(stripe_settings):
    transfer = stripe_client.transfer_create(
        payout_id=1,
        amount_minor=9_000_000,
        currency="IDR",
        destination="acct_1",
        transfer_group="order-1",
    )
    assert transfer["id"].startswith("tr_")
    reversal = stripe_client.transfer_reversal_create(
        transfer_id=transfer["id"], amount_minor=100, refund_id=1
    )
    assert reversal["id"].startswith("trr_")
    refund = stripe_client.refund_create(
        refund_id=1, payment_intent="pi_123", amount_minor=100
    )
    assert refund["id"].startswith("re_")
