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
    path("staff/personal-data/copy/", views.SubjectLookupView.as_view(), name="subject-lookup"),
    path(
        "staff/personal-data/copy/<str:app_label>/<str:model_name>/<str:pk>/",
        views.SubjectCopyView.as_view(),
        name="subject-copy",
    ),
    path("account/my-data/", views.MyDataView.as_view(), name="my-data"),
]
