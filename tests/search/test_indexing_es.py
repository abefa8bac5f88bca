"""The index follows the database after commit (never before), and rebuilds swap the
alias."""

import pytest
from django.core.management import call_command
from django.db import transaction

from search import indexing
from tests.search import factories as f
from vendors.models import VendorStatus

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def indexed_ids(client) -> set[int]:
    client.indices.refresh(index=indexing.alias_name())
    response = client.search(
        index=indexing.alias_name(), size=100, query={"match_all": {}}
    )
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


def source(client, pk):
    client.indices.refresh(index=indexing.alias_name())
    return client.get(index=indexing.alias_name(), id=pk)["_source"]


def test_a_new_product_is_indexed_after_commit_and_not_before(
    es, django_capture_on_commit_callbacks
):
    indexing.index_ensure()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with transaction.atomic():
            product = f.product("Kain Sasirangan Baru", price=120_000)
        assert product.pk not in indexed_ids(es)  # committed, callbacks not yet run
    assert callbacks, "saving a product must enqueue a search sync on commit"
    assert product.pk not in indexed_ids(es)
    for callback in callbacks:
        callback()
    assert product.pk in indexed_ids(es)
    assert source(es, product.pk)["price"] == 120_000


def test_a_rolled_back_change_is_never_indexed(es, django_capture_on_commit_callbacks):
    indexing.index_ensure()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                f.product("Kain Yang Dibatalkan")
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert indexed_ids(es) == set()


def test_price_and_stock_changes_of_a_variant_reach_the_index(
    es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = f.product("Tas Purun", price=65_000, stock=3)
    variant = product.variants.get()
    with django_capture_on_commit_callbacks(execute=True):
        variant.price = 55_000
        variant.stock = 0
        variant.save()
    document = source(es, product.pk)
    assert document["price"] == 55_000
    assert document["in_stock"] is False


def test_stock_taken_by_checkout_reaches_the_index(
    es, django_capture_on_commit_callbacks
):
    """Checkout takes stock with a conditional UPDATE (no post_save) and says so with
    the marketplace's stock_changed signal."""
    from django.db.models import F

    from marketplace.models import ProductVariant
    from marketplace.signals import stock_changed

    with django_capture_on_commit_callbacks(execute=True):
        product = f.product("Tanggui Purun", price=75_000, stock=1)
    variant = product.variants.get()
    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(pk=variant.pk, stock__gte=1).update(
            stock=F("stock") - 1
        )
        stock_changed.send(sender=ProductVariant, variant_ids=[variant.pk])
    assert source(es, product.pk)["in_stock"] is False


def test_unpublish_and_delete_remove_the_document(
    es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        keep = f.product("Dodol Kandangan")
        gone = f.product("Amplang Tenggiri")
    assert {keep.pk, gone.pk} <= indexed_ids(es)
    with django_capture_on_commit_callbacks(execute=True):
        keep.status = "draft"
        keep.save()
    assert keep.pk not in indexed_ids(es)
    pk = gone.pk
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    assert pk not in indexed_ids(es)


def test_a_suspended_vendors_products_vanish_and_come_back(
    es, django_capture_on_commit_callbacks
):
    shop = f.vendor(name="Toko Ditangguhkan")
    other = f.vendor(name="Toko Lain")
    with django_capture_on_commit_callbacks(execute=True):
        first = f.product("Kain Satu", vendor=shop)
        second = f.product("Kain Dua", vendor=shop)
        third = f.product("Kain Tiga", vendor=other)
    assert indexed_ids(es) == {first.pk, second.pk, third.pk}
    with django_capture_on_commit_callbacks(execute=True):
        shop.status = VendorStatus.SUSPENDED
        shop.save()
    assert indexed_ids(es) == {third.pk}
    with django_capture_on_commit_callbacks(execute=True):
        shop.status = VendorStatus.APPROVED
        shop.save()
    assert indexed_ids(es) == {first.pk, second.pk, third.pk}


def test_tag_changes_are_synced(es, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = f.product("Kain Polos")
    with django_capture_on_commit_callbacks(execute=True):
        product.tags.add("wastra")
    assert source(es, product.pk)["tags"] == ["wastra"]


def test_reindex_builds_a_new_index_and_swaps_the_alias(es, capsys):
    product = f.product("Kain Sasirangan Lama")
    call_command("search_reindex")
    first = indexing.indices_behind_alias()
    assert len(first) == 1 and first[0].startswith(indexing.alias_name() + "_")
    assert indexed_ids(es) == {product.pk}

    newer = f.product("Kain Sasirangan Baru")
    call_command("search_reindex")
    second = indexing.indices_behind_alias()
    assert len(second) == 1 and second != first
    assert not es.indices.exists(index=first[0]), "the old index is deleted"
    assert indexed_ids(es) == {product.pk, newer.pk}
    out = capsys.readouterr().out
    assert "100.0% 2/2 products" in out
    assert f"{indexing.alias_name()} -> {second[0]}" in out


def test_sync_without_an_index_creates_one_behind_the_alias(es):
    product = f.product("Kain Pertama")
    assert indexing.indices_behind_alias() == []
    indexing.products_sync(product_ids=[product.pk])
    assert len(indexing.indices_behind_alias()) == 1
    assert indexed_ids(es) == {product.pk}


def test_renaming_a_category_reindexes_its_products(
    es, django_capture_on_commit_callbacks
):
    parent = f.category(slug="sasirangan", name="Sasirangan")
    child = f.category(slug="kain-sasirangan", name="Kain Sasirangan", parent=parent)
    with django_capture_on_commit_callbacks(execute=True):
        product = f.product("Kain Merah", category=child)
    assert source(es, product.pk)["category_path"] == ["kain-sasirangan", "sasirangan"]
    with django_capture_on_commit_callbacks(execute=True):
        parent.slug = "wastra-banjar"
        parent.save()
    assert source(es, product.pk)["category_path"] == [
        "kain-sasirangan",
        "wastra-banjar",
    ]


def test_a_review_updates_the_rating_used_for_sorting(
    es, django_capture_on_commit_callbacks
):
    from marketplace.models import Review
    from tests.marketplace.factories import place_order
    from tests.vendors.factories import UserFactory

    with django_capture_on_commit_callbacks(execute=True):
        liked = f.product("Kain Disukai")
        other = f.product("Kain Biasa")
        order = place_order(items=[(liked.variants.get(), 1)])
    line = order.suborders.get().lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        Review.objects.create(
            product=liked, order_line=line, author=UserFactory(), rating=5
        )
    assert source(es, liked.pk)["rating"] == 5.0
    assert source(es, liked.pk)["rating_count"] == 1
    assert source(es, other.pk)["rating"] == 0.0
    from search import selectors
    from search.params import ProductSearchParams

    ranked = selectors.product_search(
        params=ProductSearchParams(q="kain", sort="rating")
    )
    assert [hit.name for hit in ranked.hits][0] == "Kain Disukai"
