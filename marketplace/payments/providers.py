"""One payment-provider interface, two implementations.

``StripeProvider`` takes real payments through Stripe Checkout Sessions.
``DemoProvider`` is used when no Stripe keys are set: it MOVES NO MONEY and only exists
so the quick start can complete an order end to end (its confirmation page calls the same
``order_mark_paid`` service the Stripe webhook calls). Because the buyer confirms their
own payment there, it fails closed: with DEBUG off it works only when
``BANUA_DEMO_PAYMENTS`` is on (see ``demo_payments_enabled``), and an unknown provider
name is an error, never a silent fall back to the demo.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.errors import PaymentError
from marketplace.money import rupiah_to_stripe_amount
from marketplace.payments import stripe_client

# Stripe refuses sessions that expire sooner than 30 minutes.
STRIPE_SESSION_MINUTES = 30


class PaymentProvider(Protocol):
    name: str

    def checkout_begin(self, *, order, base_url: str) -> str:
        """Prepares payment for a pending order and returns where to send the shopper."""

    def refund(self, *, order, amount: int, refund_key: str) -> str:
        """Gives ``amount`` rupiah back; returns the provider's refund id."""

    def refund_whole(self, *, order, refund_key: str) -> str: ...


class StripeProvider:
    name = "stripe"

    def checkout_begin(self, *, order, base_url: str) -> str:
        line_items = []
        for suborder in order.suborders.all():
            for line in suborder.lines.all():
                name = f"{line.product_name} {line.variant_label}".strip()[:250]
                # A booking is priced per adult and per child: one Stripe item each,
                # so the session total is the order total.
                parts = (
                    [(line.adults, line.unit_price, name)]
                    + [(line.children, line.child_unit_price, f"{name} ({_('child')})")]
                    if line.session_id
                    else [(line.quantity, line.unit_price, name)]
                )
                for quantity, unit_price, label in parts:
                    if not quantity or not unit_price:
                        continue  # no children, or children go free
                    line_items.append(
                        {
                            "quantity": quantity,
                            "price_data": {
                                "currency": settings.MARKETPLACE_CURRENCY.lower(),
                                "unit_amount": rupiah_to_stripe_amount(unit_price),
                                "product_data": {"name": label[:250]},
                            },
                        }
                    )
            if suborder.shipping_cost:
                line_items.append(
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": settings.MARKETPLACE_CURRENCY.lower(),
                            "unit_amount": rupiah_to_stripe_amount(
                                suborder.shipping_cost
                            ),
                            "product_data": {
                                "name": _("Shipping: %(shop)s")
                                % {"shop": suborder.vendor.name}
                            },
                        },
                    }
                )
        success = base_url + reverse(
            "marketplace:checkout_success", kwargs={"number": order.number}
        )
        cancel = base_url + reverse(
            "marketplace:checkout_cancel", kwargs={"number": order.number}
        )
        expires = timezone.now() + timedelta(minutes=STRIPE_SESSION_MINUTES + 1)
        try:
            session = stripe_client.checkout_session_create(
                order_id=order.pk,
                attempt=order.payment_attempt,
                line_items=line_items,
                customer_email=order.email,
                success_url=success + "?session_id={CHECKOUT_SESSION_ID}",
                cancel_url=cancel,
                transfer_group=order.transfer_group,
                payment_method_types=list(settings.STRIPE_PAYMENT_METHOD_TYPES),
                expires_at=int(expires.timestamp()),
                locale="id" if order.language == "id" else "en",
            )
        except stripe_client.StripeError as error:
            raise PaymentError(
                _("The payment service is not reachable. Please try again.")
            ) from error
        order.checkout_session_id = session["id"]
        order.payment_url = session.get("url") or ""
        order.save(update_fields=["checkout_session_id", "payment_url"])
        return order.payment_url

    def refund(self, *, order, amount: int, refund_key: str) -> str:
        if not order.payment_intent_id:
            raise PaymentError(
                _("This order has no Stripe payment to refund."), code="no_payment"
            )
        refund = stripe_client.refund_create(
            refund_id=refund_key,
            payment_intent=order.payment_intent_id,
            amount_minor=rupiah_to_stripe_amount(amount),
        )
        return refund["id"]

    def refund_whole(self, *, order, refund_key: str) -> str:
        return self.refund(order=order, amount=order.grand_total, refund_key=refund_key)


def demo_payments_enabled() -> bool:
    """Whether the demo provider may take "payments": in development (DEBUG) or when the
    operator switched ``BANUA_DEMO_PAYMENTS`` on for a public demo.
    """
    return bool(settings.DEBUG or getattr(settings, "BANUA_DEMO_PAYMENTS", False))


class DemoProvider:
    """DEMO ONLY - no money moves. Sends the shopper to a page that says so plainly."""

    name = "demo"

    def checkout_begin(self, *, order, base_url: str) -> str:
        if not demo_payments_enabled():
            raise PaymentError(
                _("Payments are not available at the moment. Please try again later."),
                code="payments_disabled",
            )
        url = reverse("marketplace:demo_payment", kwargs={"number": order.number})
        order.payment_url = base_url + url
        order.save(update_fields=["payment_url"])
        return url

    def refund(self, *, order, amount: int, refund_key: str) -> str:
        return f"demo_refund_{refund_key}"

    def refund_whole(self, *, order, refund_key: str) -> str:
        return self.refund(order=order, amount=order.grand_total, refund_key=refund_key)


PROVIDERS: dict[str, type] = {"stripe": StripeProvider, "demo": DemoProvider}


def get_provider(name: str | None = None) -> PaymentProvider:
    """The configured provider (``settings.PAYMENT_PROVIDER``), or the one an order used.

    An unknown name raises ``ImproperlyConfigured``: falling back to the demo provider
    would let buyers mark their own orders paid.
    """
    name = name or getattr(settings, "PAYMENT_PROVIDER", "")
    try:
        return PROVIDERS[name]()
    except KeyError:
        raise ImproperlyConfigured(f"Unknown payment provider {name!r}.") from None
