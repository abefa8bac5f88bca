"""Payments fail closed: no silent demo provider in production, no self-confirmed
payments with DEBUG off, no unknown provider names, no demo passwords outside DEBUG.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from banua.demo.seed import DEMO_PASSWORD
from marketplace.errors import PaymentError
from marketplace.models import Order, OrderStatus
from marketplace.payments.providers import get_provider
from tests.marketplace.factories import ADDRESS, place_order, sellable_variant
from tests.vendors.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _manage(args, tmp_path, **extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STRIPE_", "DJANGO_", "BANUA_DEMO", "PAYMENT_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "banua.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "banua.example.id",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "STATIC_ROOT": str(tmp_path / "static"),
        }
    )
    env.update(extra)
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_on_the_demo_provider_fails_the_deploy_check(tmp_path):
    refused = _manage(["check", "--deploy"], tmp_path)
    assert refused.returncode != 0
    assert "marketplace.E001" in refused.stdout + refused.stderr

    allowed = _manage(["check", "--deploy"], tmp_path, BANUA_DEMO_PAYMENTS="true")
    assert "marketplace.E001" not in allowed.stdout + allowed.stderr
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr


def test_an_unknown_provider_name_refuses_to_start(tmp_path):
    result = _manage(["check"], tmp_path, PAYMENT_PROVIDER="strpie")
    assert result.returncode != 0
    assert "PAYMENT_PROVIDER must be 'stripe' or 'demo'" in result.stderr


def test_get_provider_never_falls_back_to_the_demo(settings):
    settings.PAYMENT_PROVIDER = "paypal"
    with pytest.raises(ImproperlyConfigured):
        get_provider()
    with pytest.raises(ImproperlyConfigured):
        get_provider("")
    assert get_provider("stripe").name == "stripe"


@pytest.mark.django_db
def test_demo_payment_page_is_404_and_pays_nothing_when_demo_is_off(client, settings):
    settings.DEBUG = False
    settings.BANUA_DEMO_PAYMENTS = False
    settings.PAYMENT_PROVIDER = "demo"
    order = place_order(items=[(sellable_variant(), 1)])
    session = client.session
    session["banua_orders"] = [order.number]
    session.save()

    assert client.get(f"/checkout/{order.number}/demo/").status_code == 404
    assert client.post(f"/checkout/{order.number}/demo/").status_code == 404

    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    with pytest.raises(PaymentError):
        get_provider("demo").checkout_begin(order=order, base_url="http://x")


@pytest.mark.django_db
def test_checkout_with_demo_off_gives_an_error_not_a_payment_page(client, settings):
    settings.BANUA_DEMO_PAYMENTS = False
    settings.PAYMENT_PROVIDER = "demo"
    variant = sellable_variant(stock=2)
    client.post("/keranjang/tambah/", {"variant": variant.pk, "quantity": 1})
    data = dict(ADDRESS, **{f"shipping_{variant.product.vendor_id}": "flat"})
    with translation.override("en"):
        response = client.post("/checkout/", data)
    assert response.status_code == 302
    assert "/demo/" not in response["Location"]
    assert not Order.objects.filter(status=OrderStatus.PAID).exists()


@pytest.mark.django_db
def test_every_page_says_payments_are_simulated_on_the_demo(client, settings):
    settings.PAYMENT_PROVIDER = "demo"
    settings.BANUA_DEMO_PAYMENTS = True
    with translation.override("en"):
        page = client.get("/keranjang/")
    assert 'class="wrap site-demo-notice"' in page.content.decode()
    settings.PAYMENT_PROVIDER = "stripe"
    page = client.get("/keranjang/")
    assert "site-demo-notice" not in page.content.decode()


@pytest.mark.django_db
def test_the_seeded_demo_password_logs_nobody_in_when_debug_is_off(settings):
    user = UserFactory(username="demo-admin")
    user.set_password(DEMO_PASSWORD)
    user.save()

    settings.DEBUG = False
    assert authenticate(username="demo-admin", password=DEMO_PASSWORD) is None

    settings.DEBUG = True
    assert authenticate(username="demo-admin", password=DEMO_PASSWORD) == user

    settings.DEBUG = False
    user.set_password("a-real-password-93k")
    user.save()
    assert authenticate(username="demo-admin", password="a-real-password-93k") == user
