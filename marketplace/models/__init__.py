"""Marketplace models, one module per concern; import them from here."""

from marketplace.models.catalogue import (
    Category,
    Dye,
    Product,
    ProductImage,
    ProductQuerySet,
    ProductStatus,
    ProductVariant,
    Technique,
)

__all__ = [
    "Category",
    "Dye",
    "Product",
    "ProductImage",
    "ProductQuerySet",
    "ProductStatus",
    "ProductVariant",
    "Technique",
]
