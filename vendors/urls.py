from django.urls import path

from vendors import views

app_name = "vendors"

urlpatterns = [
    path("toko/<slug:slug>/", views.shop_detail, name="shop_detail"),
]
