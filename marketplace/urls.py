from django.urls import path

from marketplace import views
from marketplace.views import account

app_name = "marketplace"

urlpatterns = [
    path("produk/", views.catalogue, name="catalogue"),
    path("produk/kategori/<slug:slug>/", views.category_detail, name="category"),
    path("produk/<slug:slug>/", views.product_detail, name="product_detail"),
    path("keranjang/", views.cart_detail, name="cart"),
    path("keranjang/tambah/", views.cart_add, name="cart_add"),
    path("keranjang/ubah/", views.cart_update, name="cart_update"),
    path("keranjang/hapus/", views.cart_remove, name="cart_remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/<str:number>/demo/", views.demo_payment, name="demo_payment"),
    path(
        "checkout/<str:number>/berhasil/",
        views.checkout_success,
        name="checkout_success",
    ),
    path("checkout/<str:number>/batal/", views.checkout_cancel, name="checkout_cancel"),
    path(
        "checkout/<str:number>/batalkan/",
        views.checkout_cancel_confirm,
        name="checkout_cancel_confirm",
    ),
    path("pesanan/", views.order_list, name="order_list"),
    path("pesanan/<str:number>/", views.order_detail, name="order_detail"),
    path("pesanan/<str:number>/batalkan/", views.order_cancel, name="order_cancel"),
    path(
        "pesanan/<str:number>/diterima/<int:suborder_id>/",
        views.order_received,
        name="order_received",
    ),
    path(
        "pesanan/<str:number>/ulasan/<int:line_id>/",
        views.review_create,
        name="review_create",
    ),
    # The shopper's account (log-in, sign-up and password reset are the vendors app's).
    path("akun/", account.account_home, name="account"),
    path("akun/alamat/", account.address_list, name="address_list"),
    path("akun/alamat/baru/", account.address_form, name="address_create"),
    path("akun/alamat/<int:address_id>/", account.address_form, name="address_edit"),
    path(
        "akun/alamat/<int:address_id>/hapus/",
        account.address_delete,
        name="address_delete",
    ),
    path(
        "akun/alamat/<int:address_id>/utama/",
        account.address_default,
        name="address_default",
    ),
    path("akun/favorit/", account.favourites, name="favourites"),
    path(
        "akun/favorit/produk/<int:product_id>/",
        account.favourite_product,
        name="favourite_product",
    ),
    path(
        "akun/favorit/toko/<int:vendor_id>/",
        account.favourite_vendor,
        name="favourite_vendor",
    ),
    path("akun/kabari/", account.stock_alert_create, name="stock_alert_create"),
    path(
        "akun/kabari/<int:alert_id>/batal/",
        account.stock_alert_cancel,
        name="stock_alert_cancel",
    ),
    path("toko-saya/penjualan/", views.vendor_suborders, name="vendor_suborders"),
    path(
        "toko-saya/penjualan/<int:suborder_id>/kirim/",
        views.vendor_suborder_ship,
        name="vendor_suborder_ship",
    ),
    path("toko-saya/laporan/", views.vendor_statement, name="vendor_statement"),
]
