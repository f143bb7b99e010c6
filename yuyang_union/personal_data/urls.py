from django.urls import path

from . import views

app_name = "personal_data"

urlpatterns = [
    path(
        "staff/personal-data/reveal/<str:app_label>/<str:model_name>/<str:pk>/<str:field>/",
        views.RevealView.as_view(),
        name="reveal",
    ),
    path("staff/personal-data/search/", views.AdminSearchView.as_view(), name="admin-search"),
]
