import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.models import Product, ProductStatus
from tests.marketplace.factories import (
    CategoryFactory,
    ProductFactory,
    ProductImageFactory,
    ProductVariantFactory,
)
from tests.vendors.factories import BankAccountFactory, UserFactory, VendorFactory
from tests.vendors.images import fake_upload, jpeg_upload, png_upload
from vendors.models import Vendor, VendorStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English source messages; Indonesian is the site default, so
    URLs are reversed (and pages served) under /en/."""
    with translation.override("en"):
        yield


def product_post(category, *, variants, existing=(), **fields):
    """The POST body of the product form with its variants formset."""
    data = {
        "name": "Kain Sasirangan Kambang Kacang",
        "category": category.pk,
        "description": "Kain katun.",
        "status": "published",
        "tags_text": "kain, oleh-oleh",
        "maker_name": "Ratna",
        "village": "Kampung Sasirangan",
        "technique": "tie-dye",
        "dye": "natural",
        "motif_name": "Kambang Kacang",
        "motif_meaning": "Persaudaraan.",
        "variants-TOTAL_FORMS": str(len(variants)),
        "variants-INITIAL_FORMS": str(len(existing)),
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "50",
    }
    data.update(fields)
    for index, variant in enumerate(variants):
        row = {"is_active": "on", "weight_grams": "250", "stock": "0", **variant}
        if index < len(existing):
            row["id"] = str(existing[index])
        for key, value in row.items():
            data[f"variants-{index}-{key}"] = value
    return data


def test_apply_form_creates_a_pending_shop(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("vendors:apply"),
        {
            "name": "Wadai Acil",
            "owner_name": "Acil Imah",
            "whatsapp": "0812 5100 0199",
            "address": "Jl. Pramuka 3",
            "region": "banjarmasin",
            "category": "food",
            "story": "Kue <b>basah</b> setiap pagi.",
        },
    )
    assert response.status_code == 302
    vendor = Vendor.objects.get(owner=user)
    assert vendor.status == VendorStatus.PENDING
    assert vendor.whatsapp == "6281251000199"
    assert vendor.story == "Kue basah setiap pagi."
    assert "reviewing" in client.get(reverse("vendors:dashboard")).content.decode()


def test_vendor_creates_a_product_with_two_photos_and_two_variants(client):
    vendor = VendorFactory()
    client.force_login(vendor.owner)
    data = product_post(
        CategoryFactory(),
        variants=[
            {"sku": "kk-merah", "colour": "Merah", "price": "185000", "stock": "4"},
            {"sku": "kk-biru", "colour": "Biru", "price": "190000", "stock": "2"},
        ],
    )
    data["photos"] = [jpeg_upload(orientation=6), png_upload()]
    response = client.post(reverse("vendors:product_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    product = Product.objects.get(vendor=vendor)
    assert product.status == ProductStatus.PUBLISHED
    assert product.images.count() == 2
    assert sorted(product.variants.values_list("sku", "price")) == [
        ("KK-BIRU", 190000),
        ("KK-MERAH", 185000),
    ]
    listing = client.get(reverse("vendors:product_list")).content.decode()
    assert product.name in listing and "low on stock" in listing


def test_a_bad_photo_is_a_form_error_and_the_product_is_unchanged(client):
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor, name="Nama lama")
    variant = ProductVariantFactory(product=product, sku="OLD-1", stock=5)
    client.force_login(vendor.owner)
    data = product_post(
        product.category,
        variants=[{"sku": "OLD-1", "price": "1000", "stock": "50"}],
        existing=[variant.pk],
        name="Nama baru",
    )
    data["photos"] = [png_upload(), fake_upload()]
    response = client.post(
        reverse("vendors:product_edit", kwargs={"product_id": product.pk}), data
    )
    assert response.status_code == 200
    assert "not a photo we can read" in str(response.context["form"].errors["photos"])
    product.refresh_from_db()
    variant.refresh_from_db()
    assert (product.name, variant.stock, product.images.count()) == ("Nama lama", 5, 0)


def test_pending_vendor_cannot_publish_from_the_form(client):
    vendor = VendorFactory(status=VendorStatus.PENDING)
    client.force_login(vendor.owner)
    response = client.post(
        reverse("vendors:product_create"),
        product_post(CategoryFactory(), variants=[{"sku": "A-1", "price": "1000"}]),
    )
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    assert not Product.objects.filter(vendor=vendor).exists()


def test_bulk_stock_update_page(client):
    vendor = VendorFactory()
    variant = ProductVariantFactory(product=ProductFactory(vendor=vendor), stock=1)
    client.force_login(vendor.owner)
    page = client.get(reverse("vendors:stock_bulk"))
    assert variant.sku in page.content.decode()
    response = client.post(reverse("vendors:stock_bulk"), {f"stock_{variant.pk}": "12"})
    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.stock == 12
    bad = client.post(reverse("vendors:stock_bulk"), {f"stock_{variant.pk}": "-3"})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_dashboard_shows_moderation_reasons_and_a_sales_chart(client):
    vendor = VendorFactory(
        status=VendorStatus.SUSPENDED, status_reason="Laporan produk palsu."
    )
    ProductFactory(
        vendor=vendor, is_hidden=True, hidden_reason="Foto bukan milik toko."
    )
    client.force_login(vendor.owner)
    html = client.get(reverse("vendors:dashboard")).content.decode()
    assert "Laporan produk palsu." in html
    assert "Foto bukan milik toko." in html
    assert "<svg" in html and html.count('class="chart__bar"') == 30


def test_archive_from_the_dashboard(client):
    vendor = VendorFactory()
    product = ProductFactory(vendor=vendor)
    client.force_login(vendor.owner)
    assert (
        client.get(
            reverse("vendors:product_archive", kwargs={"product_id": product.pk})
        ).status_code
        == 405
    )
    client.post(reverse("vendors:product_archive", kwargs={"product_id": product.pk}))
    product.refresh_from_db()
    assert product.status == ProductStatus.ARCHIVED


def test_bank_account_form_shows_the_number_masked(client):
    vendor = VendorFactory()
    client.force_login(vendor.owner)
    response = client.post(
        reverse("vendors:payouts"),
        {
            "bank": "mandiri",
            "account_number": "1234567890123",
            "holder_name": "Siti Aisyah",
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("vendors:payouts")).content.decode()
    assert "•••• 0123" in html and "1234567890123" not in html
    bad = client.post(
        reverse("vendors:payouts"),
        {"bank": "mandiri", "account_number": "12ab", "holder_name": "S"},
    )
    assert bad.status_code == 200 and "account_number" in bad.context["form"].errors


def test_shop_form_rejects_a_fake_logo_and_keeps_the_shop(client):
    vendor = VendorFactory(story="Lama")
    client.force_login(vendor.owner)
    response = client.post(
        reverse("vendors:shop_edit"),
        {
            "name": vendor.name,
            "owner_name": vendor.owner_name,
            "whatsapp": vendor.whatsapp,
            "address": vendor.address,
            "region": vendor.region,
            "category": vendor.category,
            "story": "Baru",
            "logo": fake_upload("logo.png"),
        },
    )
    assert response.status_code == 200 and "logo" in response.context["form"].errors
    vendor.refresh_from_db()
    assert vendor.story == "Lama"


def test_dashboard_pages_query_count_is_constant(client, django_assert_max_num_queries):
    vendor = VendorFactory()
    for _n in range(15):
        product = ProductFactory(vendor=vendor)
        ProductVariantFactory(product=product, stock=1)
        ProductImageFactory(product=product)
    client.force_login(vendor.owner)
    for name in (
        "vendors:dashboard",
        "vendors:product_list",
        "vendors:stock_bulk",
        "vendors:payouts",
    ):
        client.get(reverse(name))
        with django_assert_max_num_queries(10):
            assert client.get(reverse(name)).status_code == 200


# --- isolation ------------------------------------------------------------------------


def _other_vendors_ids():
    other = VendorFactory()
    product = ProductFactory(vendor=other)
    ProductVariantFactory(product=product)
    BankAccountFactory(vendor=other)
    from tests.vendors.orders import make_review

    review = make_review(vendor=other)
    return {
        "product_id": product.pk,
        "suborder_id": 987654,
        "review_id": review.pk,
        "session_id": 987654,
    }


OBJECT_URLS = [
    "vendors:product_edit",
    "vendors:product_archive",
    "vendors:order_detail",
    "vendors:packing_slip",
    "vendors:pickup_hand_over",
    "vendors:review_reply",
    "vendors:experience_edit",
    "vendors:sessions_add",
    "vendors:session_detail",
    "vendors:session_cancel",
]
# Only answer POST (a GET is 405 before any lookup).
POST_ONLY = {
    "vendors:product_archive",
    "vendors:pickup_hand_over",
    "vendors:review_reply",
    "vendors:csv_import",
    "vendors:sessions_add",
    "vendors:session_cancel",
}
PAGE_URLS = [
    "vendors:dashboard",
    "vendors:shop_edit",
    "vendors:product_list",
    "vendors:product_create",
    "vendors:stock_bulk",
    "vendors:payouts",
    "vendors:payout_stripe_start",
    "vendors:payout_stripe_refresh",
    "vendors:payout_stripe_return",
    "vendors:order_list",
    "vendors:pickup_list",
    "vendors:apply",
    "vendors:csv",
    "vendors:csv_products",
    "vendors:csv_orders",
    "vendors:csv_import",
    "vendors:reviews",
    "vendors:experience_list",
    "vendors:experience_create",
    "vendors:check_in",
]


def _url(name, ids):
    kwargs = {}
    if "product_id" in name or name in (
        "vendors:product_edit",
        "vendors:product_archive",
        "vendors:experience_edit",
        "vendors:sessions_add",
    ):
        kwargs["product_id"] = ids["product_id"]
    if name in ("vendors:session_detail", "vendors:session_cancel"):
        kwargs["session_id"] = ids["session_id"]
    if name in (
        "vendors:order_detail",
        "vendors:packing_slip",
        "vendors:pickup_hand_over",
    ):
        kwargs["suborder_id"] = ids["suborder_id"]
    if name == "vendors:review_reply":
        kwargs["review_id"] = ids["review_id"]
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", OBJECT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_vendors_objects_are_404(client, name, method):
    ids = _other_vendors_ids()
    me = VendorFactory()
    client.force_login(me.owner)
    response = getattr(client, method)(_url(name, ids))
    assert (
        response.status_code in (404, 405)
        if name in POST_ONLY and method == "get"
        else response.status_code == 404
    )
    assert Product.objects.get(pk=ids["product_id"]).status == ProductStatus.PUBLISHED


def test_another_vendors_order_is_404(client):
    from tests.vendors.orders import make_suborder

    theirs = make_suborder(vendor=VendorFactory())
    me = VendorFactory()
    client.force_login(me.owner)
    for name in ("vendors:order_detail", "vendors:packing_slip"):
        assert (
            client.get(reverse(name, kwargs={"suborder_id": theirs.pk})).status_code
            == 404
        )
    response = client.post(
        reverse("vendors:order_detail", kwargs={"suborder_id": theirs.pk}),
        {"courier": "JNE", "tracking_number": "X1"},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.tracking_number == ""


@pytest.mark.parametrize("name", PAGE_URLS + OBJECT_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    ids = {"product_id": 1, "suborder_id": 1, "review_id": 1, "session_id": 1}
    method = "post" if name in POST_ONLY | {"vendors:payout_stripe_start"} else "get"
    response = getattr(client, method)(_url(name, ids))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("vendors:login"))


@pytest.mark.parametrize("name", [n for n in PAGE_URLS if n != "vendors:apply"])
def test_a_user_without_a_shop_is_sent_to_the_application(client, name):
    client.force_login(UserFactory())
    method = "post" if name in POST_ONLY | {"vendors:payout_stripe_start"} else "get"
    response = getattr(client, method)(_url(name, {}))
    assert response.status_code == 302 and response["Location"] == reverse(
        "vendors:apply"
    )


def test_vendor_sees_ships_and_prints_its_own_order(
    client, django_capture_on_commit_callbacks
):
    from tests.vendors.orders import make_suborder

    vendor = VendorFactory()
    suborder = make_suborder(vendor=vendor, quantity=2)
    client.force_login(vendor.owner)
    listing = client.get(reverse("vendors:order_list")).content.decode()
    assert suborder.order.number in listing
    slip = client.get(
        reverse("vendors:packing_slip", kwargs={"suborder_id": suborder.pk})
    ).content.decode()
    assert suborder.order.full_name in slip and suborder.lines.first().sku in slip
    missing = client.post(
        reverse("vendors:order_detail", kwargs={"suborder_id": suborder.pk}),
        {"courier": "JNE"},
    )
    assert missing.status_code == 200 and missing.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("vendors:order_detail", kwargs={"suborder_id": suborder.pk}),
            {"courier": "JNE", "tracking_number": "JNE123456"},
        )
    assert response.status_code == 302
    suborder.refresh_from_db()
    assert (suborder.status, suborder.tracking_number) == ("shipped", "JNE123456")


def test_every_dashboard_url_is_in_the_isolation_lists():
    """A new dashboard page must be added to the lists above, so it gets checked too."""
    from vendors.urls import urlpatterns

    dashboard_names = {
        f"vendors:{pattern.name}"
        for pattern in urlpatterns
        if str(pattern.pattern).startswith("dasbor/")
    }
    assert dashboard_names == set(PAGE_URLS + OBJECT_URLS)


def test_holiday_dates_in_the_wrong_order_get_a_clear_message(client):
    vendor = VendorFactory()
    client.force_login(vendor.owner)
    data = {
        "name": vendor.name,
        "owner_name": vendor.owner_name,
        "whatsapp": vendor.whatsapp,
        "address": vendor.address,
        "region": vendor.region,
        "category": vendor.category,
        "holiday_from": "2026-12-20",
        "holiday_until": "2026-12-10",
        "holiday_note": "Libur",
    }
    response = client.post(reverse("vendors:shop_edit"), data)
    assert response.status_code == 200
    assert "cannot reopen before" in str(
        response.context["form"].errors["holiday_until"]
    )
    data["holiday_until"] = "2026-12-27"
    assert client.post(reverse("vendors:shop_edit"), data).status_code == 302
    vendor.refresh_from_db()
    assert str(vendor.reopens_on) == "2026-12-28"
