"""Fixed vocabularies of the region, shared by pages, vendors and search facets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The 13 kota and kabupaten of South Kalimantan (Kalimantan Selatan)."""

    BANJARMASIN = "banjarmasin", "Kota Banjarmasin"
    BANJARBARU = "banjarbaru", "Kota Banjarbaru"
    BANJAR = "banjar", "Kabupaten Banjar"
    BARITO_KUALA = "barito-kuala", "Kabupaten Barito Kuala"
    TAPIN = "tapin", "Kabupaten Tapin"
    HULU_SUNGAI_SELATAN = "hulu-sungai-selatan", "Kabupaten Hulu Sungai Selatan"
    HULU_SUNGAI_TENGAH = "hulu-sungai-tengah", "Kabupaten Hulu Sungai Tengah"
    HULU_SUNGAI_UTARA = "hulu-sungai-utara", "Kabupaten Hulu Sungai Utara"
    BALANGAN = "balangan", "Kabupaten Balangan"
    TABALONG = "tabalong", "Kabupaten Tabalong"
    TANAH_LAUT = "tanah-laut", "Kabupaten Tanah Laut"
    TANAH_BUMBU = "tanah-bumbu", "Kabupaten Tanah Bumbu"
    KOTABARU = "kotabaru", "Kabupaten Kotabaru"


class DestinationCategory(models.TextChoices):
    NATURE = "nature", _("Nature")
    RIVER = "river", _("River and culture")
    RELIGIOUS = "religious", _("Religious")
    CULINARY = "culinary", _("Culinary")
    CRAFTS = "crafts", _("Crafts")
    HISTORY = "history", _("History and heritage")
