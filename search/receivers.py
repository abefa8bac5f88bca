"""Signal receivers of the search app: a synonym rule changed in the admin, or a
product, its tags, its shop or its category changed (they refresh the database
engine's documents)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from marketplace.models import Category, Product
from search import dbindex, engine, spelling
from search.analysis import clear_synonym_cache
from search.models import SearchSynonym
from search.tasks import affected_product_ids, search_synonyms_apply
from vendors.models import Vendor


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def synonym_changed(sender, instance, **kwargs):
    """The database path sees the rule at once; Elasticsearch after the worker's
    rebuild, enqueued only once the edit is committed."""

    clear_synonym_cache()
    spelling.clear()
    if engine.is_configured():
        transaction.on_commit(search_synonyms_apply.enqueue)


def _sync_documents(*, app_label: str, model_name: str, pk: int) -> None:
    dbindex.documents_sync(
        product_ids=affected_product_ids(
            app_label=app_label, model_name=model_name, pk=pk
        )
    )


@receiver(post_save, sender=Product)
def product_saved(sender, instance, raw=False, **kwargs):
    """The database engine's document follows the product in the same transaction
    (see search.dbindex); deleting a product deletes its document by cascade."""
    if not raw:
        dbindex.documents_sync(product_ids=[instance.pk])


@receiver(m2m_changed, sender=Product.tags.through)
def product_tags_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, Product
    ):
        dbindex.documents_sync(product_ids=[instance.pk])


def _touches(update_fields, fields: set[str]) -> bool:
    """False only when the save says which fields it wrote and none is indexed."""
    return update_fields is None or bool(set(update_fields) & fields)


@receiver(post_save, sender=Vendor)
def vendor_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A shop's name and village are in its products' documents (a save of other
    fields, such as a payout account, rewrites nothing)."""
    if not raw and _touches(update_fields, {"name", "craft_village"}):
        _sync_documents(app_label="vendors", model_name="vendor", pk=instance.pk)


@receiver(post_save, sender=Category)
def category_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and _touches(update_fields, {"name", "name_en", "parent"}):
        _sync_documents(app_label="marketplace", model_name="category", pk=instance.pk)
