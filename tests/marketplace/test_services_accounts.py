"""Shopper accounts: saved addresses, favourites and back-in-stock alerts."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from marketplace.errors import MarketplaceError
from marketplace.models import (
    FavouriteProduct,
    ProductVariant,
    ShopperAddress,
    StockAlert,
)
from marketplace.services import accounts
from marketplace.services.orders import order_cancel_unpaid
from notifications.models import OutboundEmail
from tests.marketplace.factories import place_order, sellable_variant
from tests.vendors.factories import UserFactory
from vendors.services.catalogue import variant_stock_bulk_update

pytestmark = pytest.mark.django_db

ADDRESS = {
    "label": "Rumah",
    "recipient_name": "Rina Pembeli",
    "phone": "081234567890",
    "address_line": "Jl. Lambung Mangkurat No. 1",
    "province": "Kalimantan Selatan",
    "city": "Kota Banjarmasin",
    "district": "Banjarmasin Tengah",
    "village": "Kertak Baru Ilir",
    "postal_code": "70111",
}


# --- addresses -------------------------------------------------------------------------
def test_the_first_address_is_the_default_and_the_default_can_move():
    user = UserFactory()
    first = accounts.address_save(user=user, data=ADDRESS)
    second = accounts.address_save(user=user, data={**ADDRESS, "label": "Kantor"})
    assert first.is_default and not second.is_default
    accounts.address_save(user=user, data=ADDRESS, address=second, make_default=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.is_default and not first.is_default


def test_deleting_the_default_hands_the_default_on():
    user = UserFactory()
    first = accounts.address_save(user=user, data=ADDRESS)
    second = accounts.address_save(user=user, data={**ADDRESS, "label": "Kantor"})
    accounts.address_delete(user=user, address_id=first.pk)
    second.refresh_from_db()
    assert second.is_default


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("postal_code", "0123"),
        ("postal_code", "01234"),
        ("postal_code", "7011a"),
        ("province", "Atlantis"),
        ("phone", "call me"),
        ("village", ""),
    ],
)
def test_an_address_is_validated_in_the_indonesian_format(field, value):
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        accounts.address_save(user=user, data={**ADDRESS, field: value})
    assert field in error.value.message_dict
    assert not ShopperAddress.objects.exists()


def test_the_database_keeps_one_default_per_shopper():
    user = UserFactory()
    accounts.address_save(user=user, data=ADDRESS)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShopperAddress.objects.create(user=user, is_default=True, **ADDRESS)


def test_nobody_touches_another_shoppers_address():
    owner, other = UserFactory(), UserFactory()
    address = accounts.address_save(user=owner, data=ADDRESS)
    with pytest.raises(MarketplaceError):
        accounts.address_save(user=other, data=ADDRESS, address=address)
    with pytest.raises(MarketplaceError):
        accounts.address_delete(user=other, address_id=address.pk)
    with pytest.raises(MarketplaceError):
        accounts.address_set_default(user=other, address_id=address.pk)
    assert ShopperAddress.objects.filter(pk=address.pk, user=owner).exists()


# --- favourites ------------------------------------------------------------------------
def test_a_heart_twice_is_one_favourite_and_off_removes_it():
    user = UserFactory()
    product = sellable_variant().product
    accounts.favourite_product_set(user=user, product=product, on=True)
    accounts.favourite_product_set(user=user, product=product, on=True)
    assert FavouriteProduct.objects.filter(user=user).count() == 1
    accounts.favourite_product_set(user=user, product=product, on=False)
    assert not FavouriteProduct.objects.exists()


# --- back-in-stock alerts --------------------------------------------------------------
def _sold_out(**kwargs):
    return sellable_variant(stock=0, **kwargs)


def _shopper_mail(variant):
    """The outbox less the shop's own low-stock mail (vendors.services.stock_alerts):
    selling or setting the last units legitimately mails the vendor too."""
    owner = variant.product.vendor.owner.email
    return [message for message in mail.outbox if message.to != [owner]]


def _restock(variant, units=4):
    vendor = variant.product.vendor
    variant_stock_bulk_update(
        vendor=vendor, actor=vendor.owner, stocks={variant.pk: units}
    )


def test_an_alert_is_only_for_a_sold_out_variant():
    with pytest.raises(MarketplaceError) as error:
        accounts.stock_alert_subscribe(
            user=UserFactory(), variant=sellable_variant(stock=2), language="id"
        )
    assert error.value.code == "in_stock"


def test_asking_twice_keeps_one_waiting_alert():
    user, variant = UserFactory(), _sold_out()
    first = accounts.stock_alert_subscribe(user=user, variant=variant, language="id")
    again = accounts.stock_alert_subscribe(user=user, variant=variant, language="id")
    assert first.pk == again.pk
    assert StockAlert.objects.count() == 1


def test_restocking_mails_each_waiting_shopper_once_after_commit(
    django_capture_on_commit_callbacks,
):
    variant = _sold_out()
    rina = UserFactory(email="rina@example.test", first_name="Rina")
    tom = UserFactory(email="tom@example.test")
    accounts.stock_alert_subscribe(user=rina, variant=variant, language="id")
    accounts.stock_alert_subscribe(user=tom, variant=variant, language="en")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _restock(variant)
    assert callbacks  # the task is enqueued on commit, not inside the write
    sent = sorted(_shopper_mail(variant), key=lambda message: message.to[0])
    assert [message.to for message in sent] == [
        ["rina@example.test"],
        ["tom@example.test"],
    ]
    assert "tersedia lagi" in sent[0].subject and "Halo Rina" in sent[0].body
    assert "back in stock" in sent[1].subject
    assert f"/en/produk/{variant.product.slug}/" in sent[1].body
    assert f"/produk/{variant.product.slug}/" in sent[0].body
    assert not StockAlert.objects.filter(notified_at=None).exists()
    # Out again and back again: nobody is mailed twice for the same alert.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _restock(variant, units=0)
    with django_capture_on_commit_callbacks(execute=True):
        _restock(variant, units=5)
    assert _shopper_mail(variant) == []
    assert OutboundEmail.objects.filter(template="marketplace/stock_alert").count() == 2


def test_units_released_by_a_cancelled_order_also_fire_the_alert(
    django_capture_on_commit_callbacks,
):
    variant = sellable_variant(stock=1)
    order = place_order(items=[(variant, 1)])  # holds the last unit
    assert ProductVariant.objects.get(pk=variant.pk).sellable == 0
    user = UserFactory()
    accounts.stock_alert_subscribe(user=user, variant=variant, language="id")
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel_unpaid(order_id=order.pk)
    assert [message.to for message in _shopper_mail(variant)] == [[user.email]]


def test_a_rolled_back_restock_mails_nobody(django_capture_on_commit_callbacks):
    variant = _sold_out()
    accounts.stock_alert_subscribe(user=UserFactory(), variant=variant, language="id")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _restock(variant)
            raise RuntimeError
    assert mail.outbox == []
    assert StockAlert.objects.filter(notified_at=None).count() == 1


def test_no_alert_is_mailed_for_a_product_taken_off_show():
    variant = _sold_out()
    accounts.stock_alert_subscribe(user=UserFactory(), variant=variant, language="id")
    ProductVariant.objects.filter(pk=variant.pk).update(stock=3)
    variant.product.is_hidden = True
    variant.product.save()
    assert accounts.stock_alerts_notify(variant_ids=[variant.pk]) == 0
    variant.product.is_hidden = False
    variant.product.save()
    assert accounts.stock_alerts_notify(variant_ids=[variant.pk]) == 1
    assert accounts.stock_alerts_notify(variant_ids=[variant.pk]) == 0
