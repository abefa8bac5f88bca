"""Import of products and stock from a CSV file: a preview first, then one confirmed write.

The preview (``catalogue_import_preview``) reads the file and the shop and writes nothing:
it says what each row would do and lists each row's errors. The confirm
(``catalogue_import_apply``) plans again from the same file inside one transaction, under
the shop's row lock, and saves through ``product_save`` (the catalogue's one write path,
so stock follows the marketplace's stock rules: on-hand is set, never below what unpaid
orders hold). Any error saves nothing. Confirming twice is harmless: the second plan finds
the rows already as the file says and changes nothing.

Stock is compared with the on-hand value the preview showed (``loaded``): a row whose
stock the vendor did not change since the preview is left alone, so a sale between the
preview and the confirm is never written back.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.limits import INT_MAX
from marketplace.models import Category, Product, ProductStatus, ProductVariant
from vendors.models import Vendor
from vendors.services.catalogue import (
    KEEP,
    MAX_STOCK,
    VariantInput,
    product_save,
)
from vendors.services.common import audit, require_actor

MAX_ROWS = 2000
MAX_BYTES = 1_000_000
REQUIRED_COLUMNS = ("sku",)
_TRUE = {"1", "true", "yes", "ya", "y", "benar"}
_FALSE = {"0", "false", "no", "tidak", "n", "salah"}


class RowAction:
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ADD_VARIANT = "add_variant"
    NEW_PRODUCT = "new_product"


@dataclass
class ImportRow:
    line: int
    sku: str
    action: str = RowAction.UNCHANGED
    product_name: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # What will be written: the variant's values after the import.
    values: dict = field(default_factory=dict)
    variant_id: int | None = None
    product_id: int | None = None
    new_product_key: str = ""


@dataclass
class ImportPlan:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # On-hand stock per SKU when the plan was made (the preview's "loaded" values).
    loaded: dict[str, int] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    @property
    def changed_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.action != RowAction.UNCHANGED]


def _whole_number(raw: str, *, label: str, maximum: int, errors: list[str]):
    """``50.000``, ``50,000`` and ``50000`` are all fifty thousand (rupiah have no
    cents, and Indonesian spreadsheets group with dots)."""
    text = raw.strip().replace(".", "").replace(",", "").replace(" ", "")
    if not text.isdigit() or not text.isascii():
        errors.append(_("%(field)s must be a whole number.") % {"field": label})
        return None
    value = int(text)
    if value > maximum:
        errors.append(
            _("%(field)s cannot be more than %(max)s.")
            % {"field": label, "max": f"{maximum:,}"}
        )
        return None
    return value


def _flag(raw: str, *, errors: list[str]):
    text = raw.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    errors.append(_("is_active must be 1 or 0."))
    return None


def _blank(value) -> str:
    return "–" if value is None else str(value)


def _read(text: str) -> tuple[list[str], list[list[str]]]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", ",;")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return [], []
    header = [name.strip().lower().lstrip("\ufeff") for name in rows[0]]
    return header, rows[1:]


def _category(raw: str) -> Category | None:
    value = raw.strip()
    if not value:
        return None
    return (
        Category.objects.filter(slug=value.lower()).first()
        or Category.objects.filter(name__iexact=value).first()
    )


def _plan(*, vendor: Vendor, text: str) -> ImportPlan:
    plan = ImportPlan()
    if len(text.encode()) > MAX_BYTES:
        plan.errors.append(_("The file is too large (at most 1 MB)."))
        return plan
    try:
        header, records = _read(text)
    except csv.Error as error:
        plan.errors.append(
            _("The file is not a CSV file: %(error)s") % {"error": error}
        )
        return plan
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        plan.errors.append(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
        return plan
    if len(records) > MAX_ROWS:
        plan.errors.append(
            _("At most %(max)d rows can be imported at once.") % {"max": MAX_ROWS}
        )
        return plan

    skus = {
        (record[header.index("sku")] if len(record) > header.index("sku") else "")
        .strip()
        .upper()
        for record in records
    }
    existing = {
        variant.sku: variant
        for variant in ProductVariant.objects.filter(sku__in=skus).select_related(
            "product"
        )
    }
    own_products = {
        product.slug: product
        for product in Product.objects.filter(vendor=vendor).exclude(
            status=ProductStatus.ARCHIVED
        )
    }
    seen: set[str] = set()
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {
            name: (record[index] if index < len(record) else "")
            for index, name in enumerate(header)
        }
        row = ImportRow(line=number, sku=cells["sku"].strip().upper())
        plan.rows.append(row)
        errors = row.errors
        if not row.sku:
            errors.append(_("The SKU is empty."))
            continue
        if len(row.sku) > 64:
            errors.append(_("The SKU is longer than 64 characters."))
            continue
        if row.sku in seen:
            errors.append(_("The SKU %(sku)s is used twice.") % {"sku": row.sku})
            continue
        seen.add(row.sku)
        variant = existing.get(row.sku)
        if variant is not None and variant.product.vendor_id != vendor.pk:
            errors.append(_("The SKU %(sku)s is already in use.") % {"sku": row.sku})
            continue
        if variant is not None and variant.product.status == ProductStatus.ARCHIVED:
            errors.append(_("This SKU belongs to an archived product."))
            continue

        values = {}
        for name, label in (("price", _("Price")), ("weight_grams", _("Weight"))):
            if cells.get(name, "").strip():
                values[name] = _whole_number(
                    cells[name], label=label, maximum=INT_MAX, errors=errors
                )
        if cells.get("stock", "").strip():
            values["stock"] = _whole_number(
                cells["stock"], label=_("Stock"), maximum=MAX_STOCK, errors=errors
            )
        if cells.get("is_active", "").strip():
            values["is_active"] = _flag(cells["is_active"], errors=errors)
        if "low_stock_threshold" in cells:
            # An empty cell: the shop's threshold applies.
            values["low_stock_threshold"] = (
                _whole_number(
                    cells["low_stock_threshold"],
                    label=_("Low-stock threshold"),
                    maximum=INT_MAX,
                    errors=errors,
                )
                if cells["low_stock_threshold"].strip()
                else None
            )
        for name, limit in (("motif", 80), ("size", 40), ("colour", 40)):
            if name in cells:
                values[name] = cells[name].strip()
                if len(values[name]) > limit:
                    errors.append(
                        _("%(field)s is longer than %(max)d characters.")
                        % {"field": name, "max": limit}
                    )

        if variant is not None:
            row.variant_id = variant.pk
            row.product_id = variant.product_id
            row.product_name = variant.product.name
            plan.loaded[row.sku] = variant.stock
            if "stock" in values and values["stock"] is not None:
                if values["stock"] < variant.held:
                    errors.append(
                        _(
                            "%(held)d units are held by unpaid orders; stock on hand "
                            "cannot be lower than that."
                        )
                        % {"held": variant.held}
                    )
            for name, new in values.items():
                old = getattr(variant, name)
                if name == "low_stock_threshold":
                    if new != old:
                        row.changes.append(f"{name}: {_blank(old)} → {_blank(new)}")
                elif new is not None and new != old:
                    row.changes.append(f"{name}: {old} → {new}")
            row.values = {
                "low_stock_threshold": values.get("low_stock_threshold", KEEP),
            }
            row.values |= {
                name: (
                    values[name]
                    if values.get(name) is not None
                    else getattr(variant, name)
                )
                for name in (
                    "price",
                    "stock",
                    "weight_grams",
                    "is_active",
                    "motif",
                    "size",
                    "colour",
                )
            }
            row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED
            continue

        # A new SKU: a variant of one of the shop's products, or a new draft product.
        if values.get("price") is None and not errors:
            errors.append(_("A new SKU needs a price."))
        row.values = {
            "price": values.get("price") or 0,
            "stock": values.get("stock") or 0,
            "weight_grams": values.get("weight_grams") or 250,
            "is_active": values.get("is_active", True) is not False,
            "motif": values.get("motif", ""),
            "size": values.get("size", ""),
            "colour": values.get("colour", ""),
            "low_stock_threshold": values.get("low_stock_threshold"),
        }
        slug = cells.get("product_slug", "").strip().lower()
        if slug and slug in own_products:
            product = own_products[slug]
            row.action = RowAction.ADD_VARIANT
            row.product_id = product.pk
            row.product_name = product.name
            continue
        name = " ".join(cells.get("product_name", "").split())
        if not name:
            errors.append(
                _(
                    "A new SKU needs the product_slug of one of your products, or a "
                    "product_name and a category for a new product."
                )
            )
            continue
        if len(name) > 140:
            errors.append(_("The product name is longer than 140 characters."))
            continue
        category = _category(cells.get("category", ""))
        if category is None:
            errors.append(_("Unknown category; use a category's slug or name."))
            continue
        row.action = RowAction.NEW_PRODUCT
        row.product_name = name
        row.new_product_key = f"{name.lower()}|{category.pk}"
        row.values["category"] = category
    return plan


def catalogue_import_preview(*, vendor: Vendor, text: str) -> ImportPlan:
    """What importing ``text`` would do, row by row, with each row's errors. Writes
    nothing."""
    return _plan(vendor=vendor, text=text)


def _variant_input(row: ImportRow, *, loaded: dict[str, int]) -> VariantInput:
    values = row.values
    return VariantInput(
        id=row.variant_id,
        sku=row.sku,
        price=values["price"],
        stock=values["stock"],
        stock_loaded=loaded.get(row.sku) if row.variant_id else None,
        weight_grams=values["weight_grams"],
        is_active=values["is_active"],
        motif=values["motif"],
        size=values["size"],
        colour=values["colour"],
        low_stock_threshold=values["low_stock_threshold"],
    )


def _current_input(variant: ProductVariant) -> VariantInput:
    """A variant the file does not mention: written back as it is, stock untouched."""
    return VariantInput(
        id=variant.pk,
        sku=variant.sku,
        price=variant.price,
        stock=None,
        weight_grams=variant.weight_grams,
        is_active=variant.is_active,
        motif=variant.motif,
        size=variant.size,
        colour=variant.colour,
    )


def catalogue_import_apply(
    *, vendor: Vendor, actor, text: str, loaded: dict[str, int]
) -> int:
    """Saves what the preview showed, all or nothing; returns how many rows changed.

    Raises ``ValidationError`` (nothing saved) if the file has errors now, e.g. a SKU
    another shop took since the preview.
    """
    require_actor(actor=actor, vendor=vendor, staff_perm="marketplace.change_product")
    with transaction.atomic():
        # Serialises two confirms of the same file (a double click): the second plans
        # after the first committed and finds nothing left to do.
        vendor = Vendor.objects.select_for_update(no_key=True).get(pk=vendor.pk)
        plan = _plan(vendor=vendor, text=text)
        if not plan.is_valid:
            messages = list(plan.errors) + [
                _("Row %(line)d: %(error)s") % {"line": row.line, "error": error}
                for row in plan.rows
                for error in row.errors
            ]
            raise ValidationError(messages)
        by_product: dict[int, list[ImportRow]] = {}
        new_products: dict[str, list[ImportRow]] = {}
        for row in plan.changed_rows:
            if row.action == RowAction.NEW_PRODUCT:
                new_products.setdefault(row.new_product_key, []).append(row)
            else:
                by_product.setdefault(row.product_id, []).append(row)
        for product_id in sorted(by_product):
            rows = {row.sku: row for row in by_product[product_id]}
            product = Product.objects.get(pk=product_id, vendor=vendor)
            variants = [
                _variant_input(rows.pop(variant.sku), loaded=loaded)
                if variant.sku in rows
                else _current_input(variant)
                for variant in product.variants.order_by("sort_order", "pk")
            ]
            variants += [_variant_input(row, loaded=loaded) for row in rows.values()]
            product_save(
                vendor=vendor,
                actor=actor,
                product=product,
                fields={},
                variants=variants,
            )
        for rows in new_products.values():
            product_save(
                vendor=vendor,
                actor=actor,
                product=None,
                fields={
                    "name": rows[0].product_name,
                    "category": rows[0].values["category"],
                    "status": ProductStatus.DRAFT,
                },
                variants=[_variant_input(row, loaded=loaded) for row in rows],
            )
        changed = len(plan.changed_rows)
        if changed:
            audit(
                instance=vendor,
                action="banua.vendor.import",
                actor=actor,
                vendor=vendor,
                data={"rows": changed},
            )
    return changed
