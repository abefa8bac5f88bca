"""Signal wiring: a change to a product, its variants or tags, its vendor, its category,
or an experience's sessions and seats enqueues ``search_sync`` once the transaction
commits (never inside it, so a rolled-back change is never indexed and the worker
always sees committed rows).

Installed as django-elasticsearch-dsl's signal processor (settings
``ELASTICSEARCH_DSL_SIGNAL_PROCESSOR``), replacing its synchronous in-transaction
default.
Code that changes rows without signals (``QuerySet.update``, ``bulk_create``) calls
``search_sync_on_commit`` itself, or, like checkout's stock updates, sends the
marketplace's ``stock_changed`` signal.
"""

from functools import partial

from django.db import models, transaction
from django_elasticsearch_dsl.signals import BaseSignalProcessor

from marketplace.models import (
    Category,
    Experience,
    ExperienceSession,
    Product,
    ProductVariant,
    Review,
)
from marketplace.signals import seats_changed, stock_changed
from search import engine
from search.tasks import search_sync
from vendors.models import Vendor


def search_sync_on_commit(*, app_label: str, model_name: str, pk: int) -> None:
    """Enqueue the index update for one row after the current transaction commits."""
    if not engine.is_configured():
        return

    transaction.on_commit(partial(search_sync.enqueue, app_label, model_name, pk))


def _sync_parents(rows, *, parent: str) -> None:
    """Queues the re-indexing of the marketplace ``parent`` of each of ``rows`` (a
    product's variants, an experience's sessions), once each, after commit."""
    if not engine.is_configured():
        return
    parent_ids = set(rows.values_list(f"{parent}_id", flat=True))
    for parent_id in sorted(parent_ids):
        search_sync_on_commit(app_label="marketplace", model_name=parent, pk=parent_id)


def _target(instance) -> tuple[str, str, int] | None:
    """The row the search document hangs on: variants and photos point at their product."""

    if isinstance(instance, Product):
        return ("marketplace", "product", instance.pk)
    if isinstance(instance, ProductVariant):
        return ("marketplace", "product", instance.product_id)
    if isinstance(instance, Vendor):
        return ("vendors", "vendor", instance.pk)
    if isinstance(instance, Category):
        return ("marketplace", "category", instance.pk)
    if isinstance(instance, Review):  # the rating changed
        return ("marketplace", "product", instance.product_id)
    if isinstance(instance, Experience):
        return ("marketplace", "product", instance.product_id)
    if isinstance(instance, ExperienceSession):  # its open days (the date filter)
        return ("marketplace", "experience", instance.experience_id)
    return None


SYNCED_MODELS = (
    Product,
    ProductVariant,
    Vendor,
    Category,
    Review,
    Experience,
    ExperienceSession,
)


class OnCommitSignalProcessor(BaseSignalProcessor):
    def setup(self):
        for model in SYNCED_MODELS:
            uid = f"search-sync-{model._meta.label_lower}"
            models.signals.post_save.connect(
                self.handle_save, sender=model, dispatch_uid=f"{uid}-save"
            )
            models.signals.post_delete.connect(
                self.handle_delete, sender=model, dispatch_uid=f"{uid}-delete"
            )
        models.signals.m2m_changed.connect(
            self.handle_m2m_changed,
            sender=Product.tags.through,
            dispatch_uid="search-sync-product-tags",
        )
        stock_changed.connect(
            self.handle_stock_changed, dispatch_uid="search-sync-stock"
        )
        seats_changed.connect(
            self.handle_seats_changed, dispatch_uid="search-sync-seats"
        )

    def teardown(self):
        for model in SYNCED_MODELS:
            models.signals.post_save.disconnect(
                sender=model, dispatch_uid=f"search-sync-{model._meta.label_lower}-save"
            )
            models.signals.post_delete.disconnect(
                sender=model,
                dispatch_uid=f"search-sync-{model._meta.label_lower}-delete",
            )
        models.signals.m2m_changed.disconnect(
            sender=Product.tags.through, dispatch_uid="search-sync-product-tags"
        )
        stock_changed.disconnect(dispatch_uid="search-sync-stock")
        seats_changed.disconnect(dispatch_uid="search-sync-seats")

    def _enqueue(self, instance):
        target = _target(instance)
        if target is not None and target[2] is not None:
            app_label, model_name, pk = target
            search_sync_on_commit(app_label=app_label, model_name=model_name, pk=pk)

    def handle_stock_changed(self, sender, variant_ids, **kwargs):
        """Checkout moves stock with conditional UPDATEs, which send no post_save."""
        _sync_parents(
            ProductVariant.objects.filter(pk__in=variant_ids),
            parent="product",
        )

    def handle_seats_changed(self, sender, session_ids, **kwargs):
        """A session filled up or freed a seat (conditional UPDATEs, no post_save)."""
        _sync_parents(
            ExperienceSession.objects.filter(pk__in=session_ids),
            parent="experience",
        )

    def handle_save(self, sender, instance, **kwargs):
        self._enqueue(instance)

    def handle_delete(self, sender, instance, **kwargs):
        # The row is gone when the task runs: the task then removes the document.
        self._enqueue(instance)

    def handle_pre_delete(self, sender, instance, **kwargs):
        """Nothing to do before a delete: documents are looked up by id afterwards."""

    def handle_m2m_changed(self, sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear"):
            self._enqueue(instance)
