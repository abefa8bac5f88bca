"""Vocabularies shared across apps: the region's kota/kabupaten and a vendor's status.

They live here, under every app, because the apps that read them sit on different
layers: pages, vendors and search facets use `Region`; the catalogue filters products
by `VendorStatus` without importing the vendors app, which sits above it.
"""

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


class VendorStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


# Indonesia's 38 provinces; South Kalimantan first, since most orders ship within it.
PROVINCES = [
    "Kalimantan Selatan",
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Bengkulu",
    "Lampung",
    "DKI Jakarta",
    "Jawa Barat",
    "Banten",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Tengah",
    "Papua Pegunungan",
    "Papua Selatan",
]
