"""Checkout, product page and cart page benchmark on PostgreSQL (server-side, in-
process).

    DATABASE_URL=postgres://banua:banua@127.0.0.1:5432/banua_bench \
        .venv/bin/python bench/checkout.py [--checkouts 400] [--concurrency 8]
        [--requests 400]

Creates a throw-away database (``test_<name>``), seeds vendors and products, then runs:
- N checkouts from C concurrent worker processes (cart of two vendors -> order, stock reserved,
  demo payment -> paid), each thread with its own database connection;
- N requests each to a product page and a cart page through Django's test client.
Prints throughput and p50/p95 latency. Aims: product page p95 < 30 ms, checkout p95 <
150 ms.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banua.settings.test")


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(name, latencies, wall):
    ms = [value * 1000 for value in latencies]
    print(
        f"{name:<14} n={len(ms):<5} throughput={len(ms) / wall:8.1f}/s  "
        f"p50={statistics.median(ms):7.2f} ms  p95={percentile(ms, 95):7.2f} ms  "
        f"max={max(ms):7.2f} ms"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkouts", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (this measures row locks).")
    settings.PAYMENT_PROVIDER = "demo"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEBUG = False
    import logging

    logging.disable(logging.WARNING)
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(args, connections)
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _checkout(cart_id):
    from marketplace import services
    from marketplace.models import Cart
    from tests.marketplace.factories import ADDRESS

    cart = Cart.objects.get(pk=cart_id)
    vendor_ids = {
        item.variant.product.vendor_id
        for item in cart.items.select_related("variant__product")
    }
    started = time.perf_counter()
    order = services.checkout_start(
        cart=cart,
        address=services.ShippingAddress.from_data(ADDRESS),
        shipping=dict.fromkeys(vendor_ids, "flat"),
        provider="demo",
    )
    services.checkout_begin_payment(order=order, base_url="http://bench.local")
    services.order_mark_paid(order_id=order.pk, note="bench")
    return time.perf_counter() - started


def run(args, connections):
    from django.test import Client

    from marketplace import services
    from marketplace.models import Cart
    from tests.marketplace.factories import (
        ProductImageFactory,
        sellable_variant,
    )
    from tests.vendors.factories import VendorFactory

    vendors = [VendorFactory() for _ in range(2)]
    variants = [sellable_variant(vendor=vendor, stock=1_000_000) for vendor in vendors]
    for variant in variants:
        ProductImageFactory(product=variant.product)
    extra = [
        sellable_variant(vendor=vendors[0], stock=100) for _ in range(8)
    ]  # related items

    carts = []
    for n in range(args.checkouts):
        cart = Cart.objects.create(session_key=f"bench-{n}")
        for variant in variants:
            services.cart_add_item(cart=cart, variant_id=variant.pk, quantity=1)
        carts.append(cart)

    print(f"PostgreSQL, {args.concurrency} concurrent worker processes")
    wall = time.perf_counter()
    # Processes, not threads: each has its own interpreter (no shared GIL) and its own
    # database connection, like web workers do.
    # Forked workers must not share the parent's socket: close it, each opens its own.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=args.concurrency, mp_context=context) as pool:
        latencies = list(pool.map(_checkout, [cart.pk for cart in carts], chunksize=4))
    report("checkout", latencies, time.perf_counter() - wall)

    product_url = f"/produk/{variants[0].product.slug}/"
    shopper = Client()
    for variant in variants + extra[:4]:
        shopper.post("/keranjang/tambah/", {"variant": variant.pk, "quantity": 1})
    Client().get(product_url)  # renders the image sizes once

    def page(url, client):
        def fetch(_n):
            started = time.perf_counter()
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            return time.perf_counter() - started

        return fetch

    for name, url, client in (
        ("product page", product_url, Client()),
        ("cart page", "/keranjang/", shopper),
    ):
        wall = time.perf_counter()
        with ThreadPoolExecutor(max_workers=1) as pool:
            latencies = list(pool.map(page(url, client), range(args.requests)))
            pool.submit(connections.close_all).result()
        report(name, latencies, time.perf_counter() - wall)


if __name__ == "__main__":
    main()
