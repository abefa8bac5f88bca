"""Writing to the product index: versioned indices behind an alias, bulk loads, per-id
sync.

Readers and writers always use the alias ``<prefix>_products``; a rebuild creates
``<prefix>_products_<version>``, fills it, and moves the alias in one atomic request, so
search never sees a half-built index.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.utils import timezone
from elasticsearch import NotFoundError
from elasticsearch.helpers import streaming_bulk

from search import analysis, engine
from search.documents import ProductDocument

logger = logging.getLogger(__name__)


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_products"


def _document():
    return ProductDocument


def index_body() -> dict:
    """Settings and mapping of a new product index."""
    mapping = _document()._doc_type.mapping.to_dict()
    return {
        "settings": {
            "number_of_shards": getattr(settings, "ELASTICSEARCH_SHARDS", 1),
            "number_of_replicas": getattr(settings, "ELASTICSEARCH_REPLICAS", 0),
            "max_ngram_diff": 20,
            "analysis": analysis.index_analysis(),
        },
        "mappings": mapping,
    }


def index_create(*, client=None) -> str:
    """A new, empty, versioned index (not yet behind the alias); returns its name."""
    client = client or engine.get_client()
    name = f"{alias_name()}_{timezone.now():%Y%m%d%H%M%S%f}"
    client.indices.create(index=name, **index_body())
    return name


def indices_behind_alias(*, client=None) -> list[str]:
    client = client or engine.get_client()
    try:
        return sorted(client.indices.get_alias(name=alias_name()).keys())
    except NotFoundError:
        return []


def alias_swap(*, new_index: str, client=None) -> list[str]:
    """Point the alias at ``new_index`` in one request; returns the indices it left."""
    client = client or engine.get_client()
    old = [name for name in indices_behind_alias(client=client) if name != new_index]
    actions = [{"remove": {"index": name, "alias": alias_name()}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    return old


def index_ensure(*, client=None) -> None:
    """Create an empty index behind the alias if there is none, so sync never writes
    into an auto-created index with a guessed mapping."""
    client = client or engine.get_client()
    if not client.indices.exists_alias(name=alias_name()):
        alias_swap(new_index=index_create(client=client), client=client)


def product_queryset():
    return _document()().get_queryset()


def _actions(products: Iterable, *, index: str) -> Iterator[dict]:
    document = _document()()
    for product in products:
        if document.should_index_object(product):
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": product.pk,
                "_source": document.prepare(product),
            }


def products_sync(*, product_ids: Iterable[int], refresh: bool = False) -> dict:
    """Make the index agree with the database for these products: visible ones are
    (re)indexed, every other id (unpublished, hidden, vendor suspended, deleted) is
    removed."""
    client = engine.get_client()
    if client is None:
        return {"indexed": 0, "deleted": 0}
    ids = sorted(set(product_ids))
    index_ensure(client=client)
    products = list(product_queryset().filter(pk__in=ids))
    actions = list(_actions(products, index=alias_name()))
    indexed_ids = {action["_id"] for action in actions}
    actions += [
        {"_op_type": "delete", "_index": alias_name(), "_id": pk}
        for pk in ids
        if pk not in indexed_ids
    ]
    indexed = deleted = 0
    for ok, item in streaming_bulk(
        client,
        actions,
        raise_on_error=False,
        refresh="wait_for" if refresh else False,
    ):
        op, result = next(iter(item.items()))
        if op == "delete":
            # A missing document is already what we want.
            deleted += 1 if ok or result.get("status") == 404 else 0
        elif ok:
            indexed += 1
        if not ok and result.get("status") != 404:
            logger.warning(
                "Search sync of product %s failed: %s", result.get("_id"), result
            )
    return {"indexed": indexed, "deleted": deleted}


def index_rebuild(
    *,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = 500,
) -> dict:
    """Build a fresh versioned index from the database, then swap the alias and drop
    the old indices.

    Products changed while the load ran are synced again after the swap, so nothing
    written during a rebuild is lost.
    """
    client = engine.get_client()
    started_at = timezone.now()
    clock = time.perf_counter()
    new_index = index_create(client=client)
    client.indices.put_settings(index=new_index, settings={"refresh_interval": "-1"})
    queryset = product_queryset().order_by("pk")
    total = queryset.count()
    indexed = 0

    def looked_at(products):
        for number, product in enumerate(products, start=1):
            yield product
            if progress and (number % chunk_size == 0):
                progress(number, total)

    if progress:
        progress(0, total)
    products = looked_at(queryset.iterator(chunk_size=chunk_size))
    for ok, _item in streaming_bulk(
        client,
        _actions(products, index=new_index),
        chunk_size=chunk_size,
        raise_on_error=True,
    ):
        indexed += 1 if ok else 0
    if progress:
        progress(total, total)
    client.indices.put_settings(index=new_index, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=new_index)
    old = alias_swap(new_index=new_index, client=client)
    for name in old:
        client.indices.delete(index=name, ignore_unavailable=True)
    changed = list(
        product_queryset()
        .filter(updated_at__gte=started_at)
        .values_list("pk", flat=True)
    )
    if changed:
        products_sync(product_ids=changed)
    seconds = time.perf_counter() - clock
    return {
        "index": new_index,
        "indexed": indexed,
        "total": total,
        "deleted_indices": old,
        "seconds": seconds,
    }
