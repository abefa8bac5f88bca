"""Background tasks that keep the product index in step with the database.

Only ``(app_label, model_name, pk)`` travels to the worker; the task loads current rows,
so it is safe to run twice and late runs never write stale data.
"""

import logging

from django_tasks import task

from marketplace.models import Category, Product
from search import engine, indexing

logger = logging.getLogger(__name__)


def affected_product_ids(*, app_label: str, model_name: str, pk: int) -> list[int]:
    """Products whose search document depends on this row."""

    key = f"{app_label}.{model_name}".lower()
    if key == "marketplace.product":
        return [pk]
    if key == "marketplace.experience":
        return list(
            Product.objects.filter(experience__pk=pk).values_list("pk", flat=True)
        )
    if key == "vendors.vendor":
        return list(Product.objects.filter(vendor_id=pk).values_list("pk", flat=True))
    if key == "marketplace.category":
        return list(
            Product.objects.filter(category__in=_category_and_children(pk)).values_list(
                "pk", flat=True
            )
        )
    raise ValueError(f"search does not index {key}")


def _category_and_children(pk: int) -> list[int]:
    ids, frontier = [pk], [pk]
    while frontier:
        frontier = list(
            Category.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = [child for child in frontier if child not in ids]
        ids += frontier
    return ids


@task()
def search_sync(app_label: str, model_name: str, pk: int) -> dict:
    """Re-index (or remove) the products that depend on one changed row.

    Failures are logged, not raised: indexing must never break the request that saved
    the row; ``manage.py search_reindex`` repairs any drift.
    """
    if not engine.is_configured():
        return {"skipped": True}
    try:
        product_ids = affected_product_ids(
            app_label=app_label, model_name=model_name, pk=pk
        )
        return indexing.products_sync(product_ids=product_ids)
    except Exception:
        logger.exception("Search sync failed for %s.%s %s", app_label, model_name, pk)
        return {"failed": True}


@task()
def search_synonyms_apply() -> dict:
    """Rebuild the product index with the current synonym rules: a new versioned index,
    then an alias swap, so searches keep answering from the old one until the new one
    is complete. Safe to run twice (the second rebuild is simply another rebuild)."""

    if not engine.is_configured():
        return {"skipped": "no Elasticsearch"}
    return indexing.index_rebuild()
