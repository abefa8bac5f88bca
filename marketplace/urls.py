from django.urls import path

from marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("produk/", views.catalogue, name="catalogue"),
    path("produk/<slug:slug>/", views.product_detail, name="product_detail"),
]
