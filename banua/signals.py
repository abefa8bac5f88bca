"""Invalidate tourism.page_cache whenever the page tree, sites, locales or view
restrictions change, in any way (publish, unpublish, move, save, delete)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from tourism import page_cache

WATCHED = (Page, Site, Locale, PageViewRestriction)


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance=None, **kwargs):
    if isinstance(instance, WATCHED):
        page_cache.invalidate()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    page_cache.invalidate()
