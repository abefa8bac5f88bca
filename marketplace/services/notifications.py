"""E-mails about orders, each in the recipient's language (id and en templates)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from marketplace.models import Order, SubOrder


def _send(*, template: str, language: str, to: str, context: dict) -> None:
    language = language if language in ("id", "en") else "id"
    with translation.override(language):
        subject = render_to_string(
            f"marketplace/emails/{language}/{template}_subject.txt", context
        )
        body = render_to_string(
            f"marketplace/emails/{language}/{template}.txt", context
        )
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])


def order_paid_send_emails(*, order_id: int) -> None:
    order = Order.objects.prefetch_related(
        "suborders__lines", "suborders__vendor__owner"
    ).get(pk=order_id)
    _send(
        template="buyer_order_paid",
        language=order.language,
        to=order.email,
        context={"order": order},
    )
    for suborder in order.suborders.all():
        _vendor_mail(suborder)


def _vendor_mail(suborder: SubOrder) -> None:
    owner = suborder.vendor.owner
    if not owner.email:
        return
    # Vendors are addressed in Indonesian unless their account says otherwise.
    language = getattr(suborder.vendor, "language", "") or "id"
    _send(
        template="vendor_new_order",
        language=language,
        to=owner.email,
        context={"order": suborder.order, "suborder": suborder},
    )
