from django.urls import path

from vendors.views import (
    auth,
    csv,
    dashboard,
    experiences,
    orders,
    payouts,
    pickups,
    public,
    reviews,
)

app_name = "vendors"

urlpatterns = [
    path("toko/", public.shop_directory, name="shop_directory"),
    path("toko/<slug:slug>/", public.shop_detail, name="shop_detail"),
    # Accounts
    path("akun/masuk/", auth.LoginView.as_view(), name="login"),
    path("akun/keluar/", auth.LogoutView.as_view(), name="logout"),
    path("akun/daftar/", auth.signup, name="signup"),
    path("akun/daftar/periksa-email/", auth.signup_done, name="signup_done"),
    path("akun/aktifkan/<uidb64>/<token>/", auth.activate, name="activate"),
    path("akun/lupa-sandi/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/lupa-sandi/terkirim/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/sandi-baru/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/sandi-baru/selesai/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The vendor's dashboard
    path("dasbor/daftar-toko/", dashboard.apply, name="apply"),
    path("dasbor/", dashboard.home, name="dashboard"),
    path("dasbor/toko/", dashboard.shop_edit, name="shop_edit"),
    path("dasbor/produk/", dashboard.product_list, name="product_list"),
    path("dasbor/produk/baru/", dashboard.product_form, name="product_create"),
    path(
        "dasbor/produk/<int:product_id>/", dashboard.product_form, name="product_edit"
    ),
    path(
        "dasbor/produk/<int:product_id>/arsipkan/",
        dashboard.product_archive,
        name="product_archive",
    ),
    path("dasbor/stok/", dashboard.stock_bulk, name="stock_bulk"),
    path("dasbor/pembayaran/", payouts.payouts, name="payouts"),
    path(
        "dasbor/pembayaran/stripe/",
        payouts.payout_stripe_start,
        name="payout_stripe_start",
    ),
    path(
        "dasbor/pembayaran/stripe/segarkan/",
        payouts.payout_stripe_refresh,
        name="payout_stripe_refresh",
    ),
    path(
        "dasbor/pembayaran/stripe/kembali/",
        payouts.payout_stripe_return,
        name="payout_stripe_return",
    ),
    path("dasbor/impor-ekspor/", csv.csv_page, name="csv"),
    path("dasbor/impor-ekspor/produk.csv", csv.csv_products, name="csv_products"),
    path("dasbor/impor-ekspor/pesanan.csv", csv.csv_orders, name="csv_orders"),
    path("dasbor/impor-ekspor/impor/", csv.csv_import, name="csv_import"),
    path("dasbor/ulasan/", reviews.review_list, name="reviews"),
    path(
        "dasbor/ulasan/<int:review_id>/balas/",
        reviews.review_reply,
        name="review_reply",
    ),
    path("dasbor/pesanan/", orders.order_list, name="order_list"),
    path("dasbor/ambil/", pickups.pickup_list, name="pickup_list"),
    path(
        "dasbor/ambil/<int:suborder_id>/serahkan/",
        pickups.pickup_hand_over,
        name="pickup_hand_over",
    ),
    path("dasbor/pesanan/<int:suborder_id>/", orders.order_detail, name="order_detail"),
    path(
        "dasbor/pesanan/<int:suborder_id>/slip/",
        orders.packing_slip,
        name="packing_slip",
    ),
    # Experiences: listing, weekly sessions, bookings, cancel, check-in.
    path("dasbor/pengalaman/", experiences.experience_list, name="experience_list"),
    path(
        "dasbor/pengalaman/baru/",
        experiences.experience_form,
        name="experience_create",
    ),
    path(
        "dasbor/pengalaman/<int:product_id>/",
        experiences.experience_form,
        name="experience_edit",
    ),
    path(
        "dasbor/pengalaman/<int:product_id>/jadwal/",
        experiences.sessions_add,
        name="sessions_add",
    ),
    path(
        "dasbor/sesi/<int:session_id>/",
        experiences.session_detail,
        name="session_detail",
    ),
    path(
        "dasbor/sesi/<int:session_id>/batalkan/",
        experiences.session_cancel,
        name="session_cancel",
    ),
    path("dasbor/check-in/", experiences.check_in, name="check_in"),
]
