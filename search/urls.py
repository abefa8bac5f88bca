from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
    path("klik/", views.result_click, name="result_click"),
    path("hitung/", views.result_seen, name="result_seen"),
]
