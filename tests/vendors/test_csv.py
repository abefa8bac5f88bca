"""CSV export of orders and products; import of products and stock with a preview."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from marketplace.models import Product, ProductStatus, ProductVariant
from tests.marketplace.factories import (
    CategoryFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.vendors.factories import VendorFactory
from tests.vendors.orders import make_suborder
from vendors.services.catalogue_csv import (
    catalogue_import_apply,
    catalogue_import_preview,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _rows(response):
    text = b"".join(
        response.streaming_content if response.streaming else [response.content]
    )
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def _upload(text: str, name="produk.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def shop():
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor, name="Kain Kambang Kacang")
    variant = ProductVariantFactory(product=product, sku="KK-01", price=150000, stock=5)
    return vendor, product, variant


def test_products_export_is_the_import_format(client, shop):
    vendor, product, variant = shop
    ProductVariantFactory(
        product=ProductFactory(vendor=VendorFactory()), sku="THEIRS-1"
    )
    client.force_login(vendor.owner)
    response = client.get(reverse("vendors:csv_products"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert [row["sku"] for row in rows] == ["KK-01"]
    assert rows[0]["price"] == "150000" and rows[0]["stock"] == "5"
    assert rows[0]["product_slug"] == product.slug
    # Exported unchanged, imported back: nothing to do.
    plan = catalogue_import_preview(
        vendor=vendor, text=response.content.decode("utf-8-sig")
    )
    assert plan.is_valid and plan.changed_rows == []


def test_orders_export_lists_the_vendors_lines_only(client):
    vendor = VendorFactory()
    suborder = make_suborder(vendor=vendor, quantity=2)
    make_suborder(vendor=VendorFactory())
    client.force_login(vendor.owner)
    rows = _rows(client.get(reverse("vendors:csv_orders")))
    assert [row["order_number"] for row in rows] == [suborder.order.number]
    assert rows[0]["quantity"] == "2"
    assert rows[0]["vendor_net"] == str(suborder.vendor_net)


def test_export_defuses_spreadsheet_formulas(client):
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor, name='=HYPERLINK("http://x")')
    ProductVariantFactory(product=product, sku="F-1")
    client.force_login(vendor.owner)
    rows = _rows(client.get(reverse("vendors:csv_products")))
    assert rows[0]["product_name"].startswith("'=")


def test_preview_saves_nothing_and_lists_errors_row_by_row(client, shop):
    vendor, product, variant = shop
    ProductVariantFactory(product=ProductFactory(vendor=VendorFactory()), sku="THEIRS")
    text = (
        "sku;price;stock\n"
        "KK-01;175.000;9\n"  # Indonesian grouping and a semicolon-separated file
        "THEIRS;1000;1\n"
        "KK-02;;3\n"
        "KK-01;1;1\n"
        "KK-03;abc;-1\n"
    )
    client.force_login(vendor.owner)
    response = client.post(reverse("vendors:csv_import"), {"file": _upload(text)})
    assert response.status_code == 200
    plan = response.context["plan"]
    by_line = {row.line: row for row in plan.rows}
    assert by_line[2].action == "update" and not by_line[2].errors
    assert "already in use" in by_line[3].errors[0]
    assert by_line[4].errors  # new SKU without a price or a product
    assert "used twice" in by_line[5].errors[0]
    assert "Price must be a whole number." in by_line[6].errors
    assert "Stock must be a whole number." in by_line[6].errors
    assert not plan.is_valid
    html = response.content.decode()
    assert "Confirm the import" not in html
    variant.refresh_from_db()
    assert (variant.price, variant.stock) == (150000, 5)


def test_confirm_saves_everything_once(client, shop):
    vendor, product, variant = shop
    category = CategoryFactory(name="Kain Sasirangan", slug="kain")
    text = (
        "sku,product_slug,product_name,category,price,stock,is_active,low_stock_threshold\n"
        "KK-01,,,,175000,9,1,2\n"
        f"KK-02,{product.slug},,,160000,4,1,\n"
        "TAS-01,,Tas Sasirangan,kain,90000,6,1,\n"
        "TAS-02,,Tas Sasirangan,kain,95000,2,yes,\n"
    )
    client.force_login(vendor.owner)
    preview = client.post(reverse("vendors:csv_import"), {"file": _upload(text)})
    plan = preview.context["plan"]
    assert plan.is_valid and len(plan.changed_rows) == 4
    assert ProductVariant.objects.filter(product__vendor=vendor).count() == 1
    payload = preview.context["payload"]
    response = client.post(reverse("vendors:csv_import"), {"payload": payload})
    assert response.status_code == 302, response
    assert response["Location"] == reverse("vendors:product_list"), [
        str(m) for m in response.wsgi_request._messages
    ]
    variant.refresh_from_db()
    assert (variant.price, variant.stock, variant.low_stock_threshold) == (
        175000,
        9,
        2,
    )
    assert product.variants.get(sku="KK-02").stock == 4
    bag = Product.objects.get(vendor=vendor, name="Tas Sasirangan")
    assert bag.status == ProductStatus.DRAFT and bag.category == category
    assert sorted(bag.variants.values_list("sku", flat=True)) == ["TAS-01", "TAS-02"]
    # A second confirm (a double click, the back button) changes nothing.
    again = client.post(reverse("vendors:csv_import"), {"payload": payload})
    assert again.status_code == 302
    assert Product.objects.filter(vendor=vendor).count() == 2
    assert ProductVariant.objects.filter(product__vendor=vendor).count() == 4


def test_confirm_is_all_or_nothing(shop):
    vendor, product, variant = shop
    text = "sku,price,stock\nKK-01,175000,9\n"
    plan = catalogue_import_preview(vendor=vendor, text=text)
    # Between the preview and the confirm an unpaid order holds 7 units.
    ProductVariant.objects.filter(pk=variant.pk).update(stock=10, held=7)
    text_bad = "sku,price,stock\nKK-01,175000,9\nKK-09,,1\n"
    with pytest.raises(ValidationError):
        catalogue_import_apply(
            vendor=vendor, actor=vendor.owner, text=text_bad, loaded=plan.loaded
        )
    variant.refresh_from_db()
    assert (variant.price, variant.stock) == (150000, 10)


def test_stock_unchanged_since_the_preview_is_not_written_back(shop):
    """The file says 5 (what the preview showed); a sale took 2 meanwhile: 3 stays."""
    vendor, product, variant = shop
    text = "sku,price,stock\nKK-01,160000,5\n"
    plan = catalogue_import_preview(vendor=vendor, text=text)
    ProductVariant.objects.filter(pk=variant.pk).update(stock=3)
    catalogue_import_apply(
        vendor=vendor, actor=vendor.owner, text=text, loaded=plan.loaded
    )
    variant.refresh_from_db()
    assert (variant.price, variant.stock) == (160000, 3)


def test_a_tampered_or_foreign_payload_is_refused(client, shop):
    vendor, product, variant = shop
    client.force_login(vendor.owner)
    response = client.post(
        reverse("vendors:csv_import"), {"payload": "not-signed"}, follow=True
    )
    assert "expired" in response.content.decode()
    variant.refresh_from_db()
    assert variant.price == 150000


def test_a_file_that_is_not_utf8_is_a_form_error(client, shop):
    vendor, _product, _variant = shop
    client.force_login(vendor.owner)
    upload = SimpleUploadedFile("x.csv", "sku\nKÄ\n".encode("latin-1"))
    response = client.post(reverse("vendors:csv_import"), {"file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
