"""Signal receivers of the search app: a synonym rule changed in the admin."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search import engine, spelling
from search.analysis import clear_synonym_cache
from search.models import SearchSynonym
from search.tasks import search_synonyms_apply


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def synonym_changed(sender, instance, **kwargs):
    """The database path sees the rule at once; Elasticsearch after the worker's
    rebuild, enqueued only once the edit is committed."""

    clear_synonym_cache()
    spelling.clear()
    if engine.is_configured():
        transaction.on_commit(search_synonyms_apply.enqueue)
