"""Fixed vocabularies of the region, shared by pages, vendors and search facets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DestinationCategory(models.TextChoices):
    NATURE = "nature", _("Nature")
    RIVER = "river", _("River and culture")
    RELIGIOUS = "religious", _("Religious")
    CULINARY = "culinary", _("Culinary")
    CRAFTS = "crafts", _("Crafts")
    HISTORY = "history", _("History and heritage")
