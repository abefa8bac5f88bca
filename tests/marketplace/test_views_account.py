"""The shopper's account pages, hearts, alerts, saved addresses at checkout, the
header (cart count, seller link, menu) and English product texts under /en/."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from marketplace.models import (
    FavouriteProduct,
    FavouriteVendor,
    Order,
    ShopperAddress,
    StockAlert,
)
from marketplace.services import accounts
from tests.marketplace.factories import ProductVariantFactory, sellable_variant
from tests.vendors.factories import UserFactory, VendorFactory

pytestmark = pytest.mark.django_db

ADDRESS = {
    "label": "Rumah",
    "recipient_name": "Rina Pembeli",
    "phone": "081234567890",
    "address_line": "Jl. Lambung Mangkurat No. 1",
    "province": "Kalimantan Selatan",
    "city": "Kota Banjarmasin",
    "district": "Banjarmasin Tengah",
    "village": "Kertak Baru Ilir",
    "postal_code": "70111",
}


@pytest.fixture(autouse=True)
def _demo(settings):
    settings.PAYMENT_PROVIDER = "demo"


@pytest.fixture
def shopper(client):
    user = UserFactory(email="rina@example.test")
    client.force_login(user)
    return user


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


# --- account pages ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["marketplace:account", "marketplace:address_list", "marketplace:favourites"],
)
def test_account_pages_ask_for_a_login_and_come_back(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('vendors:login')}?next={reverse(name)}"


def test_profile_saves_name_and_phone(client, shopper):
    response = client.post(
        reverse("marketplace:account"),
        {"first_name": "Rina", "last_name": "Pembeli", "phone": "0812 3456 7890"},
    )
    assert response.status_code == 302
    shopper.refresh_from_db()
    assert shopper.get_full_name() == "Rina Pembeli"
    assert shopper.shopper_profile.phone == "0812 3456 7890"
    page = client.get(reverse("marketplace:account")).content.decode()
    assert "rina@example.test" in page and reverse("marketplace:order_list") in page


def test_a_bad_phone_is_a_form_error_not_a_crash(client, shopper):
    response = client.post(reverse("marketplace:account"), {"phone": "call me"})
    assert response.status_code == 200
    assert "field--error" in response.content.decode()


def test_addresses_are_added_edited_and_deleted_through_the_pages(client, shopper):
    response = client.post(reverse("marketplace:address_create"), ADDRESS)
    assert response.status_code == 302
    address = ShopperAddress.objects.get(user=shopper)
    assert address.is_default and address.village == "Kertak Baru Ilir"
    client.post(
        reverse("marketplace:address_edit", args=[address.pk]),
        {**ADDRESS, "city": "Kota Banjarbaru"},
    )
    address.refresh_from_db()
    assert address.city == "Kota Banjarbaru"
    page = client.get(reverse("marketplace:address_list")).content.decode()
    assert "Kota Banjarbaru" in page and "Kertak Baru Ilir" in page
    client.post(reverse("marketplace:address_delete", args=[address.pk]))
    assert not ShopperAddress.objects.exists()


def test_a_bad_postcode_is_shown_on_the_form(client, shopper):
    response = client.post(
        reverse("marketplace:address_create"), {**ADDRESS, "postal_code": "1234"}
    )
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert not ShopperAddress.objects.exists()


def test_another_shoppers_address_is_not_found(client, shopper):
    other = accounts.address_save(user=UserFactory(), data=ADDRESS)
    assert (
        client.get(reverse("marketplace:address_edit", args=[other.pk])).status_code
        == 404
    )
    client.post(reverse("marketplace:address_delete", args=[other.pk]))
    assert ShopperAddress.objects.filter(pk=other.pk).exists()


# --- checkout with saved addresses -----------------------------------------------------
def _cart_with_item(client):
    variant = sellable_variant(stock=5)
    client.post(reverse("marketplace:cart_add"), {"variant": variant.pk})
    return variant


def test_checkout_offers_the_saved_addresses_and_uses_the_chosen_one(client, shopper):
    variant = _cart_with_item(client)
    home = accounts.address_save(user=shopper, data=ADDRESS)
    office = accounts.address_save(
        user=shopper,
        data={
            **ADDRESS,
            "label": "Kantor",
            "city": "Kota Banjarbaru",
            "postal_code": "70711",
        },
    )
    page = client.get(reverse("marketplace:checkout")).content.decode()
    assert 'name="saved_address"' in page and "Kantor" in page
    # The default is preselected.
    assert f'value="{home.pk}" id="id_saved_address_0" required checked' in page or (
        f'value="{home.pk}"' in page and "checked" in page
    )
    response = client.post(
        reverse("marketplace:checkout"),
        {
            "saved_address": str(office.pk),
            "email": shopper.email,
            # By courier: a pick-up order keeps no postal address.
            f"shipping_{variant.product.vendor_id}": "flat",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    order = Order.objects.get()
    assert order.city == "Kota Banjarbaru" and order.postal_code == "70711"
    assert order.address_line == "Jl. Lambung Mangkurat No. 1, Kertak Baru Ilir"
    assert order.full_name == "Rina Pembeli" and order.phone == "081234567890"


def test_checkout_with_saved_addresses_still_takes_a_typed_one(client, shopper):
    variant = _cart_with_item(client)
    accounts.address_save(user=shopper, data=ADDRESS)
    response = client.post(
        reverse("marketplace:checkout"),
        {
            "saved_address": "new",
            "email": shopper.email,
            "full_name": "Budi",
            "phone": "081298765432",
            "address_line": "Jl. A. Yani Km 5",
            "province": "Kalimantan Selatan",
            "city": "Kabupaten Banjar",
            "district": "Martapura",
            "postal_code": "70611",
            f"shipping_{variant.product.vendor_id}": "flat",
        },
    )
    assert response.status_code == 302
    assert Order.objects.get().city == "Kabupaten Banjar"


def test_a_new_address_at_checkout_must_be_complete(client, shopper):
    variant = _cart_with_item(client)
    accounts.address_save(user=shopper, data=ADDRESS)
    response = client.post(
        reverse("marketplace:checkout"),
        {
            "saved_address": "new",
            "email": shopper.email,
            f"shipping_{variant.product.vendor_id}": "flat",
        },
    )
    assert response.status_code == 200 and not Order.objects.exists()


def test_a_guest_checkout_has_no_saved_address_choice(client):
    _cart_with_item(client)
    page = client.get(reverse("marketplace:checkout")).content.decode()
    assert 'name="saved_address"' not in page and 'name="postal_code"' in page


# --- favourites ------------------------------------------------------------------------
def test_the_heart_is_a_form_that_works_without_javascript(client, shopper):
    product = sellable_variant().product
    url = reverse("marketplace:product_detail", args=[product.slug])
    page = client.get(url).content.decode()
    action = reverse("marketplace:favourite_product", args=[product.pk])
    assert f'action="{action}"' in page and 'aria-pressed="false"' in page
    response = client.post(action, {"on": "1", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert FavouriteProduct.objects.filter(user=shopper, product=product).exists()
    assert 'aria-pressed="true"' in client.get(url).content.decode()
    favourites = client.get(reverse("marketplace:favourites")).content.decode()
    assert product.name in favourites
    client.post(action, {"on": "0", "next": url})
    assert not FavouriteProduct.objects.exists()


def test_a_heart_never_redirects_off_site(client, shopper):
    product = sellable_variant().product
    response = client.post(
        reverse("marketplace:favourite_product", args=[product.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("marketplace:favourites")


def test_shops_can_be_favourites(client, shopper):
    vendor = sellable_variant().product.vendor
    url = reverse("vendors:shop_detail", args=[vendor.slug])
    action = reverse("marketplace:favourite_vendor", args=[vendor.pk])
    assert f'action="{action}"' in client.get(url).content.decode()
    client.post(action, {"next": url})
    assert FavouriteVendor.objects.filter(user=shopper, vendor=vendor).exists()
    assert vendor.name in client.get(reverse("marketplace:favourites")).content.decode()


def test_hearts_of_unknown_products_are_404_not_500(client, shopper):
    assert (
        client.post(reverse("marketplace:favourite_product", args=[999999])).status_code
        == 404
    )
    assert (
        client.post(reverse("marketplace:favourite_vendor", args=[999999])).status_code
        == 404
    )
    assert (
        client.get(reverse("marketplace:favourite_product", args=[1])).status_code
        == 405
    )


def test_anonymous_visitors_get_log_in_links_and_a_shareable_page(client):
    variant = sellable_variant(stock=2)
    ProductVariantFactory(product=variant.product, stock=0, colour="Biru")
    url = reverse("marketplace:product_detail", args=[variant.product.slug])
    response = client.get(url)
    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page
    # The heart and the alert become "log in" links that come back here.
    assert page.count(f"{reverse('vendors:login')}?next={url}") >= 2
    assert reverse("marketplace:stock_alert_create") not in page
    assert "public" in _cache_control(response)


# --- back-in-stock alerts --------------------------------------------------------------
def test_a_shopper_asks_for_an_alert_on_a_sold_out_variant(
    client, shopper, django_capture_on_commit_callbacks
):
    variant = sellable_variant(stock=2)
    sold_out = ProductVariantFactory(product=variant.product, stock=0, colour="Biru")
    url = reverse("marketplace:product_detail", args=[variant.product.slug])
    page = client.get(url).content.decode()
    assert reverse("marketplace:stock_alert_create") in page
    response = client.post(
        reverse("marketplace:stock_alert_create"), {"variant": sold_out.pk, "next": url}
    )
    assert response.status_code == 302 and response["Location"] == url
    alert = StockAlert.objects.get(user=shopper, variant=sold_out)
    assert (
        reverse("marketplace:stock_alert_create")
        not in client.get(url).content.decode()
    )
    account = client.get(reverse("marketplace:account")).content.decode()
    assert reverse("marketplace:stock_alert_cancel", args=[alert.pk]) in account
    # An in-stock variant or nonsense is refused politely.
    client.post(reverse("marketplace:stock_alert_create"), {"variant": variant.pk})
    assert StockAlert.objects.count() == 1
    assert (
        client.post(
            reverse("marketplace:stock_alert_create"), {"variant": "x"}
        ).status_code
        == 404
    )
    client.post(reverse("marketplace:stock_alert_cancel", args=[alert.pk]))
    assert not StockAlert.objects.exists()
    assert mail.outbox == []


def test_an_alert_for_a_product_withdrawn_meanwhile_is_refused_on_the_page(
    client, shopper
):
    variant = sellable_variant(stock=2)
    sold_out = ProductVariantFactory(product=variant.product, stock=0, colour="Biru")
    url = reverse("marketplace:product_detail", args=[variant.product.slug])
    assert reverse("marketplace:stock_alert_create") in client.get(url).content.decode()
    variant.product.is_hidden = True  # the office hid it after the page was loaded
    variant.product.save(update_fields=["is_hidden"])
    response = client.post(
        reverse("marketplace:stock_alert_create"),
        {"variant": sold_out.pk, "next": url},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("marketplace:catalogue"), 302)]
    assert "Produk ini tidak dijual lagi." in response.content.decode()
    assert not StockAlert.objects.exists()


# --- header ----------------------------------------------------------------------------
def test_first_time_visitors_get_no_cart_count_and_a_shareable_page(client):
    product = sellable_variant().product
    response = client.get(reverse("marketplace:product_detail", args=[product.slug]))
    page = response.content.decode()
    assert "data-cart-count" not in page
    assert "data-site-menu" in page and "<summary" in page
    assert "public" in _cache_control(response)


def test_the_cart_count_shows_for_a_visitor_with_a_cart_whose_pages_are_private(client):
    variant = sellable_variant(stock=9)
    client.post(reverse("marketplace:cart_add"), {"variant": variant.pk, "quantity": 3})
    response = client.get(
        reverse("marketplace:product_detail", args=[variant.product.slug])
    )
    page = response.content.decode()
    assert "data-cart-count>3<" in page
    assert "private" in _cache_control(response)
    assert "public" not in _cache_control(response)


def test_the_seller_dashboard_link_is_for_sellers_only(client):
    dashboard = reverse("vendors:dashboard")
    shopper = UserFactory()
    client.force_login(shopper)
    assert (
        f'href="{dashboard}"'
        not in client.get(reverse("marketplace:catalogue")).content.decode()
    )
    seller = VendorFactory().owner
    client.force_login(seller)
    assert (
        f'href="{dashboard}"'
        in client.get(reverse("marketplace:catalogue")).content.decode()
    )


# --- English texts ---------------------------------------------------------------------
def test_english_texts_are_shown_under_en_and_indonesian_is_marked_where_missing(
    client,
):
    translated = sellable_variant(stock=3).product
    translated.name_en = "Sasirangan cloth, Kambang Kacang motif"
    translated.description_en = "Two metres of hand-dyed cotton."
    translated.save()
    variant = translated.variants.get()
    variant.label_en = "Red / 2 m"
    variant.save()
    untranslated = sellable_variant(stock=3).product
    with translation.override("en"):
        url = reverse("marketplace:product_detail", args=[translated.slug])
        other_url = reverse("marketplace:product_detail", args=[untranslated.slug])
    assert url.startswith("/en/produk/")
    page = client.get(url).content.decode()
    assert "Sasirangan cloth, Kambang Kacang motif</h1>" in page
    assert "Two metres of hand-dyed cotton." in page and "Red / 2 m" in page
    assert 'lang="id"' not in page.split("<main", 1)[1].split("Reviews", 1)[0]
    other = client.get(other_url).content.decode()
    assert f'<h1 lang="id">{untranslated.name}</h1>' in other
    assert '<div class="prose" lang="id">' in other
    assert 'class="lang-note"' in other
    # Indonesian pages show Indonesian, unmarked.
    with translation.override("id"):
        indonesian = client.get(
            reverse("marketplace:product_detail", args=[translated.slug])
        )
    assert f"<h1>{translated.name}</h1>" in indonesian.content.decode()
